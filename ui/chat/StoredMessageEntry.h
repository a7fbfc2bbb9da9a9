#pragma once

#include "chat/ChatEntry.h"
#include "storage/StoredMessage.h"

#include <QList>

namespace pc {

// A row of the chat list from a message of the local history.
[[nodiscard]] ChatEntry chatEntryFrom(const StoredMessage& message);
[[nodiscard]] QList<ChatEntry> chatEntriesFrom(const QList<StoredMessage>& messages);

} // namespace pc
