#pragma once

// The wire schema of PROTOCOL.md as typed structs. MessageCodec is the only code that turns them
// into JSON and back.

#include "ErrorCode.h"
#include "PromptTemplate.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <variant>

namespace pc {

inline constexpr int ProtocolVersion = 1;
inline constexpr qsizetype MaxChatContentLength = 32'000;
inline constexpr qsizetype MaxMessageIdLength = 128;
inline constexpr qsizetype MaxSessionIdLength = 128;
inline constexpr int MaxJsonDepth = 64;
// The longest `reasoning` a `message` may carry; an engine cuts longer reasoning to this.
inline constexpr qsizetype MaxReasoningLength = 1'000'000;

enum class OptimizationType { Enhancement, Clarity, Specificity };
enum class DismissScope { Once, Conversation };
enum class AnswerStatus { Complete, Interrupted, Offline };

// ---- client to engine ----

struct ChatMessage {
    QString content;
    QString messageId; // empty: the engine makes one
};

struct OptimizePrompt {
    QString prompt;
    QJsonObject context;
    OptimizationType optimizationType = OptimizationType::Enhancement;
};

struct SaveConversationAsTemplate {
    QString title;
    QString category;
    bool includeAiResponses = false;
    QString description;
};

struct Ping {
    QString timestamp; // echoed by pong when the client sent one
};

struct CancelGeneration {
    QString messageId;
};

struct Sync {
    QString after; // empty: from the start
};

struct ListTemplates {
    QString category;
    QString query;
};

struct DismissTemplateOpportunity {
    DismissScope scope = DismissScope::Conversation;
};

using ClientMessage = std::variant<ChatMessage, OptimizePrompt, SaveConversationAsTemplate, Ping,
                                   CancelGeneration, Sync, ListTemplates, DismissTemplateOpportunity>;

// ---- engine to client ----

struct Features {
    bool templateCreation = false;
    bool aiOptimization = false;
    bool langchainFallback = false;
    bool streaming = false;
    bool sync = false;
    bool cancel = false;
};

struct ConnectionAck {
    QString sessionId;
    bool authenticated = false;
    std::optional<QString> userId;
    int protocolVersion = ProtocolVersion;
    QString server;
    Features features;
    QDateTime timestamp;
};

struct Usage {
    qint64 promptTokens = 0;
    qint64 completionTokens = 0;
    qint64 cachedTokens = 0;
};

struct TemplateSuggestion {
    QString title;
    QString description;
    QString category;
    double confidence = 0;
    QString reasoning;
};

// `message` with role "assistant": an answer.
struct AssistantMessage {
    QString messageId;
    QString replyTo;
    QString content;
    QDateTime timestamp;
    qint64 processingTimeMs = 0;
    QString provider;
    QString model;
    AnswerStatus status = AnswerStatus::Complete;
    std::optional<Usage> usage;
    QList<TemplateSuggestion> templateSuggestions;
    QString notice;    // extension: why another provider answered, or why the answer is partial
    QString reasoning; // extension: the model's thinking (DeepSeek's reasoning_content), when shared
};

// `message` with role "user": the older backend echoes what the user sent.
struct UserEcho {
    QString messageId;
    QString content;
    QDateTime timestamp;
};

struct MessageDelta {
    QString messageId;
    QString replyTo;
    int index = 0;
    QString delta;
};

struct TemplateOpportunity {
    TemplateSuggestion suggestion;
    QDateTime timestamp;
};

// `template_created`; the older backend's `conversation_template_created` decodes to this too.
struct TemplateCreated {
    PromptTemplate tmpl;
    QString message;
    QDateTime timestamp;
    int messageCount = 0; // older backend only
};

struct OptimizationResult {
    QString originalPrompt;
    QString optimizedPrompt;
    QStringList improvements;
    QStringList suggestions;
    double confidence = 0;
    OptimizationType optimizationType = OptimizationType::Enhancement;
    QString provider;
    qint64 processingTimeMs = 0;
    QDateTime timestamp;
};

struct TemplateList {
    QList<PromptTemplate> templates;
};

struct Pong {
    QDateTime timestamp;
    std::optional<qint64> latencyMs;
};

struct Heartbeat {
    QDateTime timestamp;
};

struct ErrorReply {
    std::optional<ErrorCode> code; // the older backend may send only `message`
    QString message;
    QString replyTo;
    std::optional<int> retryAfter; // seconds
    QDateTime timestamp;
};

// The older backend's `typing_start` / `typing_stop`.
struct TypingIndicator {
    bool typing = false;
};

using ServerMessage = std::variant<ConnectionAck, AssistantMessage, UserEcho, MessageDelta,
                                   TemplateOpportunity, TemplateCreated, OptimizationResult, TemplateList,
                                   Pong, Heartbeat, ErrorReply, TypingIndicator>;

} // namespace pc
