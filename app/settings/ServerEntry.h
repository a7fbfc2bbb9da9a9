#pragma once

#include <QString>
#include <QUrl>

namespace pc {

// A remote PromptCraft (or compatible) server. Its sign-in token lives in the keychain under
// secretkeys::serverAccessToken(baseUrl), never here.
struct ServerEntry {
    QString name;
    QUrl baseUrl; // WebSocket base, e.g. ws://127.0.0.1:8000/ws/chat/ ; sessionUrl() appends the session

    friend bool operator==(const ServerEntry&, const ServerEntry&) = default;
};

} // namespace pc
