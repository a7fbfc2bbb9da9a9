#pragma once

#include "protocol/Messages.h"

#include <QString>
#include <QStringView>

#include <optional>

namespace pc {

// Where a stored message stands. User messages go Queued (in the outbox) -> Sending (on the wire)
// -> Sent; Error when they were given up. Answers are Sending while they stream, then Complete,
// Interrupted or Offline as the engine reported them (an answer still Sending when the store opens
// is marked Interrupted: its stream died with the previous run).
enum class MessageStatus { Sending, Queued, Sent, Complete, Interrupted, Offline, Error };

[[nodiscard]] QString messageStatusName(MessageStatus status);
[[nodiscard]] std::optional<MessageStatus> messageStatusFromName(QStringView name);
[[nodiscard]] MessageStatus messageStatusFromAnswer(AnswerStatus status);

} // namespace pc
