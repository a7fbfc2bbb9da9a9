#pragma once

#include <QDateTime>
#include <QString>

namespace pc {

// One chat thread of the local history.
struct Conversation {
    QString id;
    QString server;    // where it was held (engine URL or name); informational
    QString sessionId; // the engine's session, empty until one was assigned
    QString title;
    QDateTime createdAt;
    QDateTime updatedAt; // last message activity; renaming or pinning does not move it
    bool pinned = false;
    bool archived = false;
};

} // namespace pc
