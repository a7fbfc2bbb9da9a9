#pragma once

#include "Messages.h"

#include <QDateTime>
#include <QMetaType>
#include <QString>

#include <optional>

namespace pc {

enum class MessageSender { User, Assistant };

// Where a message stands, as the chat list shows it.
enum class MessageStatus {
    Sending, // user message on its way, or an answer still streaming
    Queued,  // user message waiting in the outbox for a connection
    Complete,
    Interrupted, // answer cut short (cancelled, engine restarted)
    Offline,     // answer from the offline responder: no provider configured
    Error,       // not delivered; errorText says why (shown as a badge, never as chat text)
};

// One row of the chat list: plain data, filled from the local history store or the wire.
struct ChatEntry {
    QString id;      // the message's own id (message_id)
    QString replyTo; // answers: the user message answered
    MessageSender sender = MessageSender::User;
    QString content; // Markdown for answers, plain text for user messages
    MessageStatus status = MessageStatus::Complete;
    QString provider;
    QString model;
    std::optional<Usage> usage;
    qint64 processingTimeMs = 0;
    QDateTime timestamp;
    QString reasoning; // the model's thinking, when it shared it
    QString errorText;
};

} // namespace pc

Q_DECLARE_METATYPE(pc::MessageSender)
Q_DECLARE_METATYPE(pc::MessageStatus)
