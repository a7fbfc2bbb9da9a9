#include "secrets/MemoryTokenStore.h"

#include <QMetaObject>

namespace pc {

namespace {

// Best effort: overwrite the characters before the string is released. A copy that a caller still
// shares is untouched (QString is implicitly shared), so this only shortens the secret's life in memory.
void wipe(QString& value) {
    if (!value.isDetached()) {
        value = QString();
        return;
    }
    value.fill(QChar(u'\0'));
    value.clear();
}

} // namespace

MemoryTokenStore::MemoryTokenStore(QObject* parent)
    : TokenStore(parent) {}

MemoryTokenStore::~MemoryTokenStore() {
    clear();
}

void MemoryTokenStore::clear() {
    for (auto it = m_values.begin(); it != m_values.end(); ++it)
        wipe(it.value());
    m_values.clear();
}

void MemoryTokenStore::startRead(quint64 requestId, const QString& key) {
    // Looked up now, so requests take effect in the order they were made, as with the keychain's queue.
    const auto it = m_values.constFind(key);
    if (it == m_values.constEnd()) {
        QMetaObject::invokeMethod(
            this,
            [this, requestId, key] {
                finishRead(requestId, key, Status::NotFound, {}, describe(Status::NotFound));
            },
            Qt::QueuedConnection);
        return;
    }
    QMetaObject::invokeMethod(
        this,
        [this, requestId, key, value = it.value()] { finishRead(requestId, key, Status::Ok, value, {}); },
        Qt::QueuedConnection);
}

void MemoryTokenStore::startWrite(quint64 requestId, const QString& key, const QString& value) {
    auto it = m_values.find(key);
    if (it != m_values.end())
        wipe(it.value());
    m_values.insert(key, value);
    QMetaObject::invokeMethod(
        this, [this, requestId, key] { finishWrite(requestId, key, Status::Ok, {}); }, Qt::QueuedConnection);
}

void MemoryTokenStore::startRemove(quint64 requestId, const QString& key) {
    auto it = m_values.find(key);
    if (it != m_values.end()) {
        wipe(it.value());
        m_values.erase(it);
    }
    QMetaObject::invokeMethod(
        this, [this, requestId, key] { finishRemove(requestId, key, Status::Ok, {}); }, Qt::QueuedConnection);
}

} // namespace pc
