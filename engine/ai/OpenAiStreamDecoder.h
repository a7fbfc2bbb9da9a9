#pragma once

#include "ChatChunk.h"
#include "Result.h"

#include <QByteArrayView>
#include <QJsonObject>

namespace pc {

// Turns OpenAI-compatible chat completion payloads into ChatChunks. Pure functions, no state.
// Failures are typed: ErrorCode::InvalidJson for payloads that are not a chunk (never shown as answer
// text), ErrorCode::ProviderUnavailable for an `{"error": {...}}` body, whose message is kept.
class OpenAiStreamDecoder {
public:
    // One SSE `data:` payload of a streamed answer; "[DONE]" gives a chunk with done set.
    [[nodiscard]] static Result<ChatChunk> decodeData(QByteArrayView data);

    // A whole non-streaming response body. Leading blank lines and whitespace (DeepSeek's keep-alives
    // for queued non-streaming calls) are skipped.
    [[nodiscard]] static Result<ChatChunk> decodeBody(QByteArrayView body);

    // The human message of an error body ({"error":{"message":...}}, {"error":"..."}, {"message":...}),
    // or an empty string when the body says nothing useful.
    [[nodiscard]] static QString errorMessage(QByteArrayView body);

    [[nodiscard]] static TokenUsage decodeUsage(const QJsonObject& usage);
};

} // namespace pc
