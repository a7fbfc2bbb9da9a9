#include "RateLimiter.h"

#include "core/Clock.h"

#include <QMutexLocker>

namespace pc {

RateLimiter::RateLimiter(int limit, qint64 windowMs, const Clock& clock)
    : m_limit(limit)
    , m_windowMs(windowMs)
    , m_clock(clock)
{}

void RateLimiter::setLimit(int limit)
{
    QMutexLocker lock(&m_mutex);
    m_limit = limit;
}

RateLimiter::Decision RateLimiter::take(const QString& key)
{
    QMutexLocker lock(&m_mutex);
    const qint64 now = m_clock.nowMs();
    pruneIdleKeys(now);
    if (m_limit <= 0)
        return {};
    std::deque<qint64>& events = m_events[key];
    while (!events.empty() && events.front() <= now - m_windowMs)
        events.pop_front();
    if (qsizetype(events.size()) >= m_limit) {
        const qint64 waitMs = events.front() + m_windowMs - now;
        return Decision{false, int(qMax<qint64>(1, (waitMs + 999) / 1000))};
    }
    events.push_back(now);
    return {};
}

void RateLimiter::pruneIdleKeys(qint64 now)
{
    if (now - m_lastPruneMs < m_windowMs)
        return;
    m_lastPruneMs = now;
    for (auto it = m_events.begin(); it != m_events.end();) {
        if (it->empty() || it->back() <= now - m_windowMs)
            it = m_events.erase(it);
        else
            ++it;
    }
}

} // namespace pc
