#pragma once

#include <QString>
#include <QUrl>
#include <QtGlobal>

namespace pc {

// What LocalEngine needs besides Settings. The defaults are the app's; tests change them.
struct LocalEngineOptions {
    // Empty: QStandardPaths::AppDataLocation/engine.
    QString dataDir;
    // Put in front of every keychain name LocalEngine reads or writes. Empty in the app; tests use a
    // unique prefix so that they never touch a developer's real entries.
    QString keyPrefix;
    // DeepSeek's API base; empty: ProviderConfigLoader::DefaultDeepSeekBaseUrl.
    QUrl deepSeekBaseUrl;
    // Lifetime of the local user's access token. LocalEngine renews it at half-life (tokenRenewed).
    qint64 tokenTtlSecs = 24 * 3600;
    // Bytes of fresh randomness in a new signing secret (at least 32).
    int secretBytes = 48;
};

} // namespace pc
