#pragma once

#include "Messages.h"
#include "storage/MessageStatus.h"

#include <QDateTime>
#include <QMetaType>
#include <QString>

#include <optional>

namespace pc {

enum class MessageSender { User, Assistant };

// Row statuses are the history store's (storage/MessageStatus.h): one enum from the file to the
// painted row. Sent (a user message the engine has) paints like Complete.

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
