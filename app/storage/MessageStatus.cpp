#include "MessageStatus.h"

using namespace Qt::Literals::StringLiterals;

namespace pc {

QString messageStatusName(MessageStatus status) {
    switch (status) {
    case MessageStatus::Sending:
        return u"sending"_s;
    case MessageStatus::Queued:
        return u"queued"_s;
    case MessageStatus::Sent:
        return u"sent"_s;
    case MessageStatus::Complete:
        return u"complete"_s;
    case MessageStatus::Interrupted:
        return u"interrupted"_s;
    case MessageStatus::Offline:
        return u"offline"_s;
    case MessageStatus::Error:
        return u"error"_s;
    }
    return u"error"_s;
}

std::optional<MessageStatus> messageStatusFromName(QStringView name) {
    for (const MessageStatus status :
         {MessageStatus::Sending, MessageStatus::Queued, MessageStatus::Sent, MessageStatus::Complete,
          MessageStatus::Interrupted, MessageStatus::Offline, MessageStatus::Error}) {
        if (name == messageStatusName(status))
            return status;
    }
    return std::nullopt;
}

MessageStatus messageStatusFromAnswer(AnswerStatus status) {
    switch (status) {
    case AnswerStatus::Complete:
        return MessageStatus::Complete;
    case AnswerStatus::Interrupted:
        return MessageStatus::Interrupted;
    case AnswerStatus::Offline:
        return MessageStatus::Offline;
    }
    return MessageStatus::Complete;
}

} // namespace pc
