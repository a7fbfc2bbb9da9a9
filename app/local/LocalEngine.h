#pragma once

#include "local/LocalEngineOptions.h"
#include "protocol/Result.h"
#include "secrets/TokenStore.h"

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <QTimer>
#include <QUrl>

namespace pc {

class EngineHost;
class Settings;
struct ProviderSetup;

// "Local mode" without any configuration: the engine runs in this process (EngineHost, its own
// thread) on 127.0.0.1 and the ChatClient talks to it like to any server.
//
// start() is asynchronous because secrets come from the keychain:
//  1. The JWT signing secret (secretkeys::localEngineSigningSecret()): read; created once (random
//     bytes, base64url) and written when missing or unusable. When the keychain cannot be used
//     (no Secret Service, locked, timed out), a fresh secret is kept in memory for this run only and
//     secretKeptInMemory() says so; tokens then last only as long as the run.
//  2. Provider API keys (secretkeys::providerApiKey(name)) for DeepSeek and each fallback of Settings.
//     Without any enabled provider the engine answers offline (status "offline", with the reason).
//  3. The engine listens on Settings::localEnginePort(), or on any free port when that one is taken
//     (usedFallbackPort()). Data lives in AppDataLocation/engine.
//  4. An access token for the local user is minted with the secret; started() reports the URL and
//     token for ChatClient::open(). The token is renewed at half its lifetime (tokenRenewed(): pass it
//     to ChatClient::setToken()).
// Secrets are never logged or written anywhere but the keychain.
class LocalEngine : public QObject {
    Q_OBJECT

public:
    enum class State { Stopped, Starting, Running, Failed };
    Q_ENUM(State)

    // Where the signing secret lives for this run.
    enum class SecretStorage { Unknown, Keychain, MemoryOnly };
    Q_ENUM(SecretStorage)

    static constexpr int MinSecretBytes = 32;
    // The user id of the local user in tokens and in the engine's database.
    [[nodiscard]] static QString localUserId();
    // The provider name DeepSeek's key is stored under.
    [[nodiscard]] static QString deepSeekName();
    // QStandardPaths::AppDataLocation/engine.
    [[nodiscard]] static QString defaultDataDir();

    // Settings and secrets must outlive this object.
    LocalEngine(const Settings& settings, TokenStore* secrets, LocalEngineOptions options = {},
                QObject* parent = nullptr);
    ~LocalEngine() override;

    // Does nothing unless Stopped or Failed.
    void start();
    // Stops the engine (partial answers stored as interrupted) and forgets the secret and token.
    void stop();

    [[nodiscard]] State state() const { return m_state; }
    [[nodiscard]] SecretStorage secretStorage() const { return m_secretStorage; }
    // ws://127.0.0.1:<port>/ws/chat/ while Running.
    [[nodiscard]] QUrl url() const { return m_url; }
    // The local user's current access token while Running.
    [[nodiscard]] QString token() const { return m_token; }
    // True when the configured port was taken and another one was chosen.
    [[nodiscard]] bool usedFallbackPort() const { return m_usedFallbackPort; }
    // Names of the enabled providers handed to the engine, in order; empty: offline answers.
    [[nodiscard]] QStringList providerNames() const { return m_providerNames; }
    // Why the engine has no provider (or no DeepSeek), for a notice; empty when all is configured.
    [[nodiscard]] QString providerProblem() const { return m_providerProblem; }
    [[nodiscard]] QString dataDir() const;
    // The last failure (state Failed).
    [[nodiscard]] Error lastError() const { return m_lastError; }

    // A fresh access token for the local user (empty unless Running).
    [[nodiscard]] QString mintToken(qint64 ttlSecs) const;

Q_SIGNALS:
    void stateChanged(pc::LocalEngine::State state);
    void started(const QUrl& url, const QString& token);
    void failed(const pc::Error& error);
    // The keychain could not keep the signing secret: it lives in memory for this run.
    void secretKeptInMemory(pc::TokenStore::Status reason, const QString& message);
    void tokenRenewed(const QString& token);

private:
    void onRead(quint64 requestId, const QString& key, TokenStore::Status status, const QString& value,
                const QString& message);
    void onWritten(quint64 requestId, const QString& key, TokenStore::Status status, const QString& message);
    void createSecret();
    void keepSecretInMemory(TokenStore::Status reason, const QString& message);
    void readProviderKeys();
    void launch();
    [[nodiscard]] ProviderSetup providerSetup() const;
    void fail(const Error& error);
    void setState(State state);
    void renewToken();
    [[nodiscard]] QString keyName(const QString& name) const;

    const Settings& m_settings;
    QPointer<TokenStore> m_secrets;
    LocalEngineOptions m_options;
    EngineHost* m_host = nullptr;

    State m_state = State::Stopped;
    SecretStorage m_secretStorage = SecretStorage::Unknown;
    QByteArray m_secret;
    QString m_token;
    QUrl m_url;
    bool m_usedFallbackPort = false;
    QStringList m_providerNames;
    QString m_providerProblem;
    Error m_lastError;

    // Outstanding keychain requests of the current start.
    quint64 m_secretRead = 0;
    quint64 m_secretWrite = 0;
    QHash<quint64, QString> m_keyReads; // request id -> provider name
    QHash<QString, QString> m_apiKeys;  // provider name -> key (memory only)
    QTimer m_renewTimer;
};

} // namespace pc
