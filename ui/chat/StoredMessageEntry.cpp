#include "chat/StoredMessageEntry.h"

namespace pc {

ChatEntry chatEntryFrom(const StoredMessage& message)
{
    ChatEntry entry;
    entry.id = message.id;
    entry.replyTo = message.replyTo;
    entry.sender = message.role == MessageRole::User ? MessageSender::User : MessageSender::Assistant;
    entry.content = message.content;
    entry.reasoning = message.reasoning;
    entry.status = message.status;
    entry.provider = message.provider;
    entry.model = message.model;
    entry.usage = message.usage;
    entry.processingTimeMs = message.processingTimeMs;
    entry.timestamp = message.createdAt;
    return entry;
}

QList<ChatEntry> chatEntriesFrom(const QList<StoredMessage>& messages)
{
    QList<ChatEntry> entries;
    entries.reserve(messages.size());
    for (const StoredMessage& message : messages)
        entries.append(chatEntryFrom(message));
    return entries;
}

} // namespace pc
