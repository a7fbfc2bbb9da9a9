#pragma once

#include <QHash>
#include <QMutex>
#include <QString>

#include <deque>

namespace pc {

class Clock;

// Counts failed sign-ins per key (a user name, a client address) in a sliding window. A key with `limit`
// failures in the window is refused until the oldest of them leaves it. Successes do not count; a success
// for a user clears that user's failures. Thread-safe.
class SignInThrottle {
public:
    SignInThrottle(int limit, qint64 windowMs, const Clock& clock);

    // 0 when the key may try now, else the seconds until it may (at least 1).
    [[nodiscard]] int retryAfterSecs(const QString& key);
    void recordFailure(const QString& key);
    void clear(const QString& key);

private:
    void prune(std::deque<qint64>& failures, qint64 now) const;
    void pruneIdleKeys(qint64 now);

    const int m_limit;
    const qint64 m_windowMs;
    const Clock& m_clock;
    QMutex m_mutex;
    QHash<QString, std::deque<qint64>> m_failures;
    qint64 m_lastPruneMs = 0;
};

} // namespace pc
