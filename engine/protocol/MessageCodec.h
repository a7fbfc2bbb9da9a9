#pragma once

#include "Messages.h"
#include "Result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonObject>

namespace pc::MessageCodec {

// Decodes one text frame from a client. Validates JSON, depth (<= MaxJsonDepth), `type`, field types,
// lengths and required fields; never throws. Errors carry the protocol error code to answer with.
[[nodiscard]] Result<ClientMessage> decodeClientMessage(QByteArrayView frame);

// Decodes one text frame from an engine, tolerant of the older backend's variants (see PROTOCOL.md).
// Unknown types yield ErrorCode::UnknownType, which clients ignore.
[[nodiscard]] Result<ServerMessage> decodeServerMessage(QByteArrayView frame);

[[nodiscard]] QJsonObject toJson(const ClientMessage& message);
[[nodiscard]] QJsonObject toJson(const ServerMessage& message);
[[nodiscard]] QByteArray encode(const ClientMessage& message);
[[nodiscard]] QByteArray encode(const ServerMessage& message);

// The `type` string of a message.
[[nodiscard]] QString typeName(const ClientMessage& message);
[[nodiscard]] QString typeName(const ServerMessage& message);

// True when the JSON text nests arrays/objects deeper than `maxDepth` (strings are skipped).
[[nodiscard]] bool exceedsDepth(QByteArrayView json, int maxDepth);

// ISO 8601 UTC with milliseconds, as every timestamp on the wire.
[[nodiscard]] QString formatTimestamp(const QDateTime& time);

[[nodiscard]] QString optimizationTypeName(OptimizationType type);
[[nodiscard]] QString answerStatusName(AnswerStatus status);

} // namespace pc::MessageCodec
