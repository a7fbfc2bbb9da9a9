#include "secrets/TokenStore.h"

#include "core/Logging.h"

#include <QMetaObject>

namespace pc {

namespace {

QString invalidKeyMessage() {
    return TokenStore::tr("The secret has no name; nothing was stored or read.");
}

} // namespace

TokenStore::TokenStore(QObject* parent)
    : QObject(parent) {}

TokenStore::~TokenStore() = default;

quint64 TokenStore::read(const QString& key) {
    const quint64 id = m_nextRequestId++;
    if (key.isEmpty()) {
        QMetaObject::invokeMethod(
            this, [this, id] { finishRead(id, {}, Status::OtherError, {}, invalidKeyMessage()); },
            Qt::QueuedConnection);
        return id;
    }
    startRead(id, key);
    return id;
}

quint64 TokenStore::write(const QString& key, const QString& value) {
    const quint64 id = m_nextRequestId++;
    if (key.isEmpty()) {
        QMetaObject::invokeMethod(
            this, [this, id] { finishWrite(id, {}, Status::OtherError, invalidKeyMessage()); },
            Qt::QueuedConnection);
        return id;
    }
    startWrite(id, key, value);
    return id;
}

quint64 TokenStore::remove(const QString& key) {
    const quint64 id = m_nextRequestId++;
    if (key.isEmpty()) {
        QMetaObject::invokeMethod(
            this, [this, id] { finishRemove(id, {}, Status::OtherError, invalidKeyMessage()); },
            Qt::QueuedConnection);
        return id;
    }
    startRemove(id, key);
    return id;
}

QString TokenStore::describe(Status status) {
    switch (status) {
    case Status::Ok:
        return tr("Done.");
    case Status::NotFound:
        return tr("Nothing is stored under this name.");
    case Status::NoBackend:
        return tr("No system keychain (Secret Service) is available.");
    case Status::AccessDenied:
        return tr("The system keychain is locked or refused access.");
    case Status::TimedOut:
        return tr("The system keychain did not answer in time.");
    case Status::OtherError:
        break;
    }
    return tr("The system keychain reported an error.");
}

// Logging names the key and the status only; the value never reaches a log line.
void TokenStore::finishRead(quint64 requestId, const QString& key, Status status, const QString& value,
                            const QString& message) {
    qCDebug(lcClient) << "secret read" << requestId << key << status;
    Q_EMIT readFinished(requestId, key, status, status == Status::Ok ? value : QString(), message);
}

void TokenStore::finishWrite(quint64 requestId, const QString& key, Status status, const QString& message) {
    qCDebug(lcClient) << "secret write" << requestId << key << status;
    Q_EMIT writeFinished(requestId, key, status, message);
}

void TokenStore::finishRemove(quint64 requestId, const QString& key, Status status, const QString& message) {
    qCDebug(lcClient) << "secret remove" << requestId << key << status;
    Q_EMIT removeFinished(requestId, key, status, message);
}

} // namespace pc
