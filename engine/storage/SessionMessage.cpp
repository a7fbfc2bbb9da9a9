#include "SessionMessage.h"

namespace pc {

AssistantMessage SessionMessage::toAssistantMessage() const
{
    AssistantMessage m;
    m.messageId = messageId;
    m.replyTo = replyTo;
    m.content = content;
    m.timestamp = QDateTime::fromMSecsSinceEpoch(createdAtMs, Qt::UTC);
    m.processingTimeMs = processingTimeMs;
    m.provider = provider;
    m.model = model;
    m.status = status;
    m.usage = usage;
    m.reasoning = reasoning;
    return m;
}

} // namespace pc
