#pragma once

#include <QString>
#include <QStringView>

#include <optional>

namespace pc {

// Who wrote a message of the local history. Stored as its lower-case name.
enum class MessageRole { User, Assistant, System };

[[nodiscard]] QString messageRoleName(MessageRole role);
[[nodiscard]] std::optional<MessageRole> messageRoleFromName(QStringView name);

} // namespace pc
