#pragma once

#include "CompletionTypes.h"

#include <QString>

#include <optional>

namespace pc {

// What one OpenAI-style chunk (a streamed `data:` payload or a whole non-streaming body) says.
// A chunk may carry any mix of the fields, or none (the usage chunk has an empty `choices`).
struct ChatChunk {
    QString content;      // choices[0].delta.content (message.content for bodies)
    QString reasoning;    // DeepSeek's reasoning_content
    QString finishReason; // empty while the answer is still running
    QString model;        // the model the server says answered
    std::optional<TokenUsage> usage;
    bool done = false; // `data: [DONE]`
};

} // namespace pc
