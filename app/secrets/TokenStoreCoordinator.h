#pragma once

#include "secrets/TokenStore.h"

#include <QHash>

namespace pc {

class MemoryTokenStore;

// The token store the application uses. Requests go to the system keychain until the user chooses
// "keep signed in for this session only", after which they go to memory for the rest of the run.
//
// When the keychain answers NoBackend or TimedOut, keychainUnavailable() says why (once per run), so
// the caller can explain it and offer useMemoryOnly(). The failed request itself is reported as usual;
// after switching, the caller repeats what it still needs (e.g. writes the fresh token again).
class TokenStoreCoordinator final : public TokenStore {
    Q_OBJECT
public:
    enum class Mode { Keychain, MemoryOnly };
    Q_ENUM(Mode)

    // Takes ownership of keychain (normally a KeychainTokenStore).
    explicit TokenStoreCoordinator(TokenStore* keychain, QObject* parent = nullptr);
    ~TokenStoreCoordinator() override;

    [[nodiscard]] Mode mode() const { return m_mode; }
    // NoBackend or TimedOut once the keychain has failed that way in this run, else Ok.
    [[nodiscard]] Status keychainProblem() const { return m_keychainProblem; }
    // The message that came with keychainProblem().
    [[nodiscard]] QString keychainProblemMessage() const { return m_keychainProblemMessage; }

    // From now on secrets live in memory only and are forgotten when the application quits.
    // Requests already sent to the keychain still report their own outcome.
    void useMemoryOnly();

Q_SIGNALS:
    void keychainUnavailable(pc::TokenStore::Status reason, const QString& message);
    void modeChanged(pc::TokenStoreCoordinator::Mode mode);

protected:
    void startRead(quint64 requestId, const QString& key) override;
    void startWrite(quint64 requestId, const QString& key, const QString& value) override;
    void startRemove(quint64 requestId, const QString& key) override;

private:
    [[nodiscard]] TokenStore* target() const;
    void track(quint64 innerId, quint64 outerId);
    [[nodiscard]] quint64 untrack(const TokenStore* inner, quint64 innerId);
    void noteKeychainStatus(const TokenStore* inner, Status status, const QString& message);

    TokenStore* m_keychain;
    MemoryTokenStore* m_memory;
    Mode m_mode = Mode::Keychain;
    Status m_keychainProblem = Status::Ok;
    QString m_keychainProblemMessage;
    // Inner request id -> our request id, one table per inner store.
    QHash<quint64, quint64> m_keychainRequests;
    QHash<quint64, quint64> m_memoryRequests;
};

} // namespace pc
