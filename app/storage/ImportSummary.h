#pragma once

#include <QtGlobal>

namespace pc {

// What an import changed. Importing the same file again adds nothing: everything is skipped by id.
struct ImportSummary {
    int conversationsAdded = 0;
    int conversationsExisting = 0;
    qint64 messagesAdded = 0;
    qint64 messagesSkipped = 0;
};

} // namespace pc
