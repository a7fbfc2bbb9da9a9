#include "secrets/TokenStoreCoordinator.h"

#include "core/Logging.h"
#include "secrets/MemoryTokenStore.h"

namespace pc {

TokenStoreCoordinator::TokenStoreCoordinator(TokenStore* keychain, QObject* parent)
    : TokenStore(parent)
    , m_keychain(keychain)
    , m_memory(new MemoryTokenStore(this)) {
    Q_ASSERT(m_keychain);
    m_keychain->setParent(this);

    for (TokenStore* inner : {m_keychain, static_cast<TokenStore*>(m_memory)}) {
        connect(inner, &TokenStore::readFinished, this,
                [this, inner](quint64 innerId, const QString& key, Status status, const QString& value,
                              const QString& message) {
                    const quint64 id = untrack(inner, innerId);
                    if (id == 0)
                        return;
                    noteKeychainStatus(inner, status, message);
                    finishRead(id, key, status, value, message);
                });
        connect(inner, &TokenStore::writeFinished, this,
                [this, inner](quint64 innerId, const QString& key, Status status, const QString& message) {
                    const quint64 id = untrack(inner, innerId);
                    if (id == 0)
                        return;
                    noteKeychainStatus(inner, status, message);
                    finishWrite(id, key, status, message);
                });
        connect(inner, &TokenStore::removeFinished, this,
                [this, inner](quint64 innerId, const QString& key, Status status, const QString& message) {
                    const quint64 id = untrack(inner, innerId);
                    if (id == 0)
                        return;
                    noteKeychainStatus(inner, status, message);
                    finishRemove(id, key, status, message);
                });
    }
}

TokenStoreCoordinator::~TokenStoreCoordinator() = default;

void TokenStoreCoordinator::useMemoryOnly() {
    if (m_mode == Mode::MemoryOnly)
        return;
    m_mode = Mode::MemoryOnly;
    qCInfo(lcClient) << "secrets are kept in memory only for this run";
    Q_EMIT modeChanged(m_mode);
}

void TokenStoreCoordinator::startRead(quint64 requestId, const QString& key) {
    TokenStore* store = target();
    track(store->read(key), requestId);
}

void TokenStoreCoordinator::startWrite(quint64 requestId, const QString& key, const QString& value) {
    TokenStore* store = target();
    track(store->write(key, value), requestId);
}

void TokenStoreCoordinator::startRemove(quint64 requestId, const QString& key) {
    TokenStore* store = target();
    track(store->remove(key), requestId);
}

TokenStore* TokenStoreCoordinator::target() const {
    return m_mode == Mode::Keychain ? m_keychain : m_memory;
}

// Inner stores never answer synchronously, so recording the id after the call is safe.
void TokenStoreCoordinator::track(quint64 innerId, quint64 outerId) {
    (m_mode == Mode::Keychain ? m_keychainRequests : m_memoryRequests).insert(innerId, outerId);
}

quint64 TokenStoreCoordinator::untrack(const TokenStore* inner, quint64 innerId) {
    return (inner == m_keychain ? m_keychainRequests : m_memoryRequests).take(innerId);
}

void TokenStoreCoordinator::noteKeychainStatus(const TokenStore* inner, Status status,
                                               const QString& message) {
    if (inner != m_keychain || (status != Status::NoBackend && status != Status::TimedOut))
        return;
    const bool firstTime = m_keychainProblem == Status::Ok;
    m_keychainProblem = status;
    m_keychainProblemMessage = message;
    if (firstTime && m_mode == Mode::Keychain)
        Q_EMIT keychainUnavailable(status, message);
}

} // namespace pc
