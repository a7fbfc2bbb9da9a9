#pragma once

#include <QHash>
#include <QMutex>
#include <QString>

#include <deque>

namespace pc {

class Clock;

// A sliding-window limit of N events per window per key (a user, or an anonymous peer).
// Thread-safe: shared by every connection of the engine.
class RateLimiter {
public:
    RateLimiter(int limit, qint64 windowMs, const Clock& clock);

    struct Decision {
        bool allowed = true;
        int retryAfterSecs = 0;
    };
    [[nodiscard]] Decision take(const QString& key);
    void setLimit(int limit);

private:
    void pruneIdleKeys(qint64 now);

    int m_limit;
    const qint64 m_windowMs;
    const Clock& m_clock;
    QMutex m_mutex;
    QHash<QString, std::deque<qint64>> m_events;
    qint64 m_lastPruneMs = 0;
};

} // namespace pc
