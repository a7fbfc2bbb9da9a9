#pragma once

#include <QDateTime>
#include <QString>

namespace pc {

// A user message waiting to be delivered (or re-delivered after a reconnect) with its own id.
struct OutboxEntry {
    QString messageId;
    QString conversationId;
    QString content;
    QDateTime createdAt;
    int attempts = 0;    // how often it was put on the wire
    qint64 position = 0; // delivery order across all conversations
};

} // namespace pc
