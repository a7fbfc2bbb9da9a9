#pragma once

#include "Messages.h"

#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

namespace pc {

struct ChatTurn {
    enum class Role { System, User, Assistant };
    Role role = Role::User;
    QString content;
};

struct CompletionRequest {
    QList<ChatTurn> messages;
    bool stream = true;
    bool jsonMode = false;        // response_format {type: json_object}
    std::optional<bool> thinking; // unset: the provider's configured default
    std::optional<double> temperature;
    int maxTokens = 0;                        // 0: provider default
    QString purpose = QStringLiteral("chat"); // for logs: chat, optimize, template, detect
};

struct TokenUsage {
    qint64 promptTokens = 0;
    qint64 completionTokens = 0;
    qint64 cacheHitTokens = 0;
    qint64 cacheMissTokens = 0;
    qint64 reasoningTokens = 0;
};

// A finished answer. `status` is Interrupted when the provider failed after tokens had streamed
// (the partial content is kept, never silently completed elsewhere) and Offline for the built-in
// responder.
struct Completion {
    QString content;
    QString reasoning;
    QString provider;
    QString model;
    std::optional<TokenUsage> usage;
    QString finishReason;
    AnswerStatus status = AnswerStatus::Complete;
    QString notice; // for people, e.g. "DeepSeek is busy; answered by ollama"
};

enum class FailureKind {
    BadRequest,      // 400/422: a request bug, never hidden by a fallback
    Unauthorized,    // 401
    PaymentRequired, // 402
    RateLimited,     // 429
    ServerError,     // 5xx, insufficient_system_resource
    Network,         // connect, TLS, DNS failure
    Timeout,         // connect, idle or overall deadline
    FirstTokenTimeout,
    Malformed,   // unparseable or empty body
    Unavailable, // nothing could answer (every provider down or skipped)
};

struct CompletionFailure {
    FailureKind kind = FailureKind::Unavailable;
    int httpStatus = 0;
    QString message; // for people; never contains a key
    std::optional<int> retryAfterSecs;
    QString provider;
};

} // namespace pc

Q_DECLARE_METATYPE(pc::Completion)
Q_DECLARE_METATYPE(pc::CompletionFailure)
