#pragma once

#include <QObject>
#include <QString>

namespace pc {

// Secrets (access tokens, provider API keys, the local engine's signing secret) keyed by a
// service-scoped name built with the helpers in SecretKeys.h.
//
// Every call returns at once with a request id; the outcome arrives later through exactly one
// *Finished signal carrying that id, never from inside the call, so callers may connect after calling.
// Messages are for people and never contain a secret value.
class TokenStore : public QObject {
    Q_OBJECT
public:
    enum class Status {
        Ok,
        NotFound,     // read only: nothing stored under the key
        NoBackend,    // no Secret Service / keychain on this system (or no session bus)
        AccessDenied, // the keychain is locked or the user refused access
        TimedOut,     // the backend did not answer in time; a late answer is ignored
        OtherError,
    };
    Q_ENUM(Status)

    explicit TokenStore(QObject* parent = nullptr);
    ~TokenStore() override;

    // The request id is only needed to tell apart several requests for the same key.
    quint64 read(const QString& key);
    quint64 write(const QString& key, const QString& value);
    // Idempotent: Ok also when nothing was stored under the key.
    quint64 remove(const QString& key);

    // A sentence for people that explains a status, e.g. for a dialog.
    [[nodiscard]] static QString describe(Status status);

Q_SIGNALS:
    void readFinished(quint64 requestId, const QString& key, pc::TokenStore::Status status,
                      const QString& value, const QString& message);
    void writeFinished(quint64 requestId, const QString& key, pc::TokenStore::Status status,
                       const QString& message);
    void removeFinished(quint64 requestId, const QString& key, pc::TokenStore::Status status,
                        const QString& message);

protected:
    // Implementations start the operation and later call the matching finish*() exactly once,
    // never synchronously from inside start*(). Keys reaching them are non-empty.
    virtual void startRead(quint64 requestId, const QString& key) = 0;
    virtual void startWrite(quint64 requestId, const QString& key, const QString& value) = 0;
    virtual void startRemove(quint64 requestId, const QString& key) = 0;

    void finishRead(quint64 requestId, const QString& key, Status status, const QString& value,
                    const QString& message);
    void finishWrite(quint64 requestId, const QString& key, Status status, const QString& message);
    void finishRemove(quint64 requestId, const QString& key, Status status, const QString& message);

private:
    quint64 m_nextRequestId = 1;
};

} // namespace pc
