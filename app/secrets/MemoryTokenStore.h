#pragma once

#include "secrets/TokenStore.h"

#include <QHash>

namespace pc {

// "Keep signed in for this session only": secrets live in this object's memory and nowhere else,
// and are gone when it is destroyed. Used when the system keychain is unavailable or declined.
class MemoryTokenStore final : public TokenStore {
    Q_OBJECT
public:
    explicit MemoryTokenStore(QObject* parent = nullptr);
    ~MemoryTokenStore() override;

    // Forgets every secret at once (sign-out of everything, or switching back to the keychain).
    void clear();

protected:
    void startRead(quint64 requestId, const QString& key) override;
    void startWrite(quint64 requestId, const QString& key, const QString& value) override;
    void startRemove(quint64 requestId, const QString& key) override;

private:
    QHash<QString, QString> m_values;
};

} // namespace pc
