#pragma once

#include "MessageRole.h"
#include "MessageStatus.h"
#include "protocol/Messages.h"

#include <QDateTime>
#include <QString>

#include <optional>

namespace pc {

// A message as the local history keeps it.
struct StoredMessage {
    // Store-local order: strictly increasing in insertion order across the whole file, never reused.
    // It orders a conversation (timestamps from different clocks may disagree) and is the paging
    // cursor for HistoryStore::messagesBefore/messagesAfter.
    qint64 seq = 0;
    QString id; // the protocol's message_id, unique in the file
    QString conversationId;
    QString replyTo; // answers: the user message they answer
    MessageRole role = MessageRole::User;
    QString content;
    QString reasoning; // answers: the model's thinking, when it shared it (`message.reasoning`)
    MessageStatus status = MessageStatus::Queued;
    QString provider;
    QString model;
    std::optional<Usage> usage;
    qint64 processingTimeMs = 0;
    QDateTime createdAt;
};

} // namespace pc
