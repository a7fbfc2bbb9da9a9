#pragma once

#include "Messages.h"

#include <QString>

#include <optional>

namespace pc {

// One row of a session's transcript in the engine's database. (Not named StoredMessage: the desktop
// client's history has a pc::StoredMessage of its own, and both live in the app's binary.)
struct SessionMessage {
    qint64 seq = 0;
    QString sessionId;
    QString messageId;
    QString role; // "user" or "assistant"
    QString content;
    QString reasoning; // answers: the model's thinking, when it shared it
    QString replyTo;
    AnswerStatus status = AnswerStatus::Complete;
    QString provider;
    QString model;
    std::optional<Usage> usage;
    qint64 processingTimeMs = 0;
    qint64 createdAtMs = 0;

    [[nodiscard]] bool isAnswer() const { return role == u"assistant"; }
    [[nodiscard]] AssistantMessage toAssistantMessage() const;
};

} // namespace pc
