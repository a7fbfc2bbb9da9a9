#pragma once

#include "secrets/TokenStore.h"

#include <QSet>

#include <chrono>

namespace QKeychain {
class Job;
}

namespace pc {

// The OS keychain through QtKeychain (Secret Service on Linux), service "PromptCraft", insecure
// fallback off. Every request has a deadline: when it passes, TimedOut is reported and whatever the
// backend answers later is ignored (the backend may hang on an invisible unlock prompt).
class KeychainTokenStore final : public TokenStore {
    Q_OBJECT
public:
    static constexpr std::chrono::milliseconds DefaultTimeout{5000};

    explicit KeychainTokenStore(QObject* parent = nullptr);
    ~KeychainTokenStore() override;

    [[nodiscard]] static QString serviceName();

    [[nodiscard]] std::chrono::milliseconds timeout() const { return m_timeout; }
    // Applies to requests made afterwards. Non-positive values restore the default.
    void setTimeout(std::chrono::milliseconds timeout);

protected:
    void startRead(quint64 requestId, const QString& key) override;
    void startWrite(quint64 requestId, const QString& key, const QString& value) override;
    void startRemove(quint64 requestId, const QString& key) override;

private:
    enum class Operation { Read, Write, Remove };

    void run(quint64 requestId, Operation operation, const QString& key, QKeychain::Job* job,
             const QString& secretToScrub);
    void jobFinished(quint64 requestId, Operation operation, const QString& key, QKeychain::Job* job,
                     const QString& secretToScrub);
    void classifyOtherError(quint64 requestId, Operation operation, const QString& key,
                            const QString& detail);
    void report(quint64 requestId, Operation operation, const QString& key, Status status,
                const QString& value, const QString& message);

    QSet<quint64> m_pending;
    std::chrono::milliseconds m_timeout = DefaultTimeout;
};

} // namespace pc
