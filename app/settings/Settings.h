#pragma once

#include "settings/FallbackProviderConfig.h"
#include "settings/ServerEntry.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QUrl>

#include <memory>

class QSettings;

namespace pc {

// The user's non-secret settings, typed, over QSettings (an INI file).
//
// Nothing secret is ever written here: there is no generic setter, setters take only non-secret
// values, and they refuse URLs with credentials and values shaped like an API key or a JWT. Secrets
// go to the TokenStore. Setters that validate return false and change nothing when refusing.
class Settings final {
public:
    enum class ConnectionMode { Local, Server };
    enum class Theme { System, Light, Dark };

    static constexpr quint16 DefaultLocalEnginePort = 8000;

    // The user's settings file: <config dir>/PromptCraft/PromptCraft.ini.
    Settings();
    // A given INI file (tests, portable installs).
    explicit Settings(const QString& iniFilePath);
    ~Settings();
    Settings(const Settings&) = delete;
    Settings& operator=(const Settings&) = delete;

    [[nodiscard]] QString fileName() const;
    // Writes pending changes; false when the file cannot be written.
    [[nodiscard]] bool sync();

    // Servers. The list is never empty: without saved servers it holds the default local endpoint.
    [[nodiscard]] QList<ServerEntry> servers() const;
    // Every URL valid (checkServerUrl) and distinct after normalization, names non-empty.
    [[nodiscard]] bool setServers(const QList<ServerEntry>& servers);

    // Local: the in-process engine; Server: activeServerUrl().
    [[nodiscard]] ConnectionMode connectionMode() const;
    void setConnectionMode(ConnectionMode mode);
    // A server of servers(); the first one when none was chosen or the chosen one was removed.
    [[nodiscard]] QUrl activeServerUrl() const;
    // url must match (after normalization) one of servers().
    [[nodiscard]] bool setActiveServerUrl(const QUrl& url);
    // The user name last signed in to a server with a password (shown in the settings; the tokens
    // themselves are in the keychain). Empty: unknown, or signed in with a pasted token.
    [[nodiscard]] QString signedInUser(const QUrl& server) const;
    void setSignedInUser(const QUrl& server, const QString& userName);
    [[nodiscard]] quint16 localEnginePort() const;
    [[nodiscard]] bool setLocalEnginePort(quint16 port);

    // Chat.
    [[nodiscard]] QString model() const;
    [[nodiscard]] bool setModel(const QString& model);
    [[nodiscard]] bool thinkingEnabled() const;
    void setThinkingEnabled(bool enabled);

    // Fallback providers, in the order they are tried. Names distinct (case-insensitive), no '/'.
    [[nodiscard]] QList<FallbackProviderConfig> fallbackProviders() const;
    [[nodiscard]] bool setFallbackProviders(const QList<FallbackProviderConfig>& providers);

    // Appearance and window.
    [[nodiscard]] Theme theme() const;
    void setTheme(Theme theme);
    // A BCP 47 style tag ("de", "pt_BR", "zh-Hans"); empty means the system language.
    [[nodiscard]] QString language() const;
    [[nodiscard]] bool setLanguage(const QString& language);
    [[nodiscard]] QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray& geometry);
    [[nodiscard]] QByteArray windowState() const;
    void setWindowState(const QByteArray& state);
    // The conversation shown when the app quit (a history id, never text); empty: none.
    [[nodiscard]] QString lastConversationId() const;
    void setLastConversationId(const QString& id);

    // True for text shaped like a credential (an "sk-" API key, a JWT, "Bearer ..."): such text is
    // refused wherever a setter takes free text.
    [[nodiscard]] static bool looksLikeSecret(const QString& text);

private:
    std::unique_ptr<QSettings> m_settings;
};

} // namespace pc
