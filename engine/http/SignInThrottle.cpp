#include "SignInThrottle.h"

#include "core/Clock.h"

#include <QMutexLocker>

#include <algorithm>

namespace pc {

namespace {
// Keys are attacker-chosen (any user name): past this many, idle ones are dropped at once.
constexpr qsizetype MaxKeys = 100'000;
} // namespace

SignInThrottle::SignInThrottle(int limit, qint64 windowMs, const Clock& clock)
    : m_limit(std::max(1, limit))
    , m_windowMs(std::max<qint64>(1000, windowMs))
    , m_clock(clock)
{}

void SignInThrottle::prune(std::deque<qint64>& failures, qint64 now) const
{
    while (!failures.empty() && failures.front() + m_windowMs <= now)
        failures.pop_front();
}

void SignInThrottle::pruneIdleKeys(qint64 now)
{
    if (now - m_lastPruneMs < m_windowMs && m_failures.size() < MaxKeys)
        return;
    m_lastPruneMs = now;
    for (auto it = m_failures.begin(); it != m_failures.end();) {
        prune(it.value(), now);
        it = it.value().empty() ? m_failures.erase(it) : std::next(it);
    }
}

int SignInThrottle::retryAfterSecs(const QString& key)
{
    const qint64 now = m_clock.nowMs();
    QMutexLocker lock(&m_mutex);
    auto it = m_failures.find(key);
    if (it == m_failures.end())
        return 0;
    prune(it.value(), now);
    if (qsizetype(it.value().size()) < m_limit)
        return 0;
    // The attempt becomes possible when enough failures have left the window.
    const qint64 freeAt = it.value().at(it.value().size() - std::size_t(m_limit)) + m_windowMs;
    return int(std::max<qint64>(1, (freeAt - now + 999) / 1000));
}

void SignInThrottle::recordFailure(const QString& key)
{
    const qint64 now = m_clock.nowMs();
    QMutexLocker lock(&m_mutex);
    pruneIdleKeys(now);
    auto& failures = m_failures[key];
    prune(failures, now);
    failures.push_back(now);
    // Only the newest `limit` failures matter for the decision.
    while (qsizetype(failures.size()) > m_limit)
        failures.pop_front();
}

void SignInThrottle::clear(const QString& key)
{
    QMutexLocker lock(&m_mutex);
    m_failures.remove(key);
}

} // namespace pc
