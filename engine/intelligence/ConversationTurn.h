#pragma once

#include <QString>

namespace pc {

// One message of a conversation as template intelligence sees it: who said it and what.
struct ConversationTurn {
    enum class Role { User, Assistant };
    Role role = Role::User;
    QString content;
    QString messageId;
};

} // namespace pc
