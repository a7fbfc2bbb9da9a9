#include "MessageRole.h"

using namespace Qt::Literals::StringLiterals;

namespace pc {

QString messageRoleName(MessageRole role) {
    switch (role) {
    case MessageRole::User:
        return u"user"_s;
    case MessageRole::Assistant:
        return u"assistant"_s;
    case MessageRole::System:
        return u"system"_s;
    }
    return u"user"_s;
}

std::optional<MessageRole> messageRoleFromName(QStringView name) {
    for (const MessageRole role : {MessageRole::User, MessageRole::Assistant, MessageRole::System}) {
        if (name == messageRoleName(role))
            return role;
    }
    return std::nullopt;
}

} // namespace pc
