#include "client/ReconnectPolicy.h"

#include <QRandomGenerator>

#include <algorithm>
#include <cmath>
#include <limits>

namespace pc {

ReconnectPolicy::ReconnectPolicy(RandomSource random, int baseMs, int capMs, int healthyPeriodMs)
    : m_random(std::move(random))
    , m_baseMs(std::max(1, baseMs))
    , m_capMs(std::max(m_baseMs, capMs))
    , m_healthyPeriodMs(std::max(0, healthyPeriodMs))
{
    if (!m_random)
        m_random = [] { return QRandomGenerator::global()->generateDouble(); };
}

int ReconnectPolicy::maxDelayFor(int attempt) const
{
    // base * 2^attempt without overflow: once the doubling passes the cap it stays there.
    qint64 bound = m_baseMs;
    for (int i = 0; i < attempt && bound < m_capMs; ++i)
        bound *= 2;
    return int(std::min<qint64>(bound, m_capMs));
}

int ReconnectPolicy::nextDelay()
{
    const int bound = maxDelayFor(m_attempt);
    if (m_attempt < std::numeric_limits<int>::max())
        ++m_attempt;
    // A broken source must not produce negative or oversized delays.
    double r = m_random();
    if (!(r >= 0.0))
        r = 0.0;
    if (r >= 1.0)
        r = std::nextafter(1.0, 0.0);
    return std::min(bound, int(std::floor(r * double(bound + 1))));
}

void ReconnectPolicy::reset()
{
    m_attempt = 0;
    m_connectedAtMs = -1;
}

void ReconnectPolicy::connected(qint64 nowMs)
{
    m_connectedAtMs = nowMs;
}

bool ReconnectPolicy::shouldReset(qint64 nowMs) const
{
    return m_connectedAtMs >= 0 && nowMs - m_connectedAtMs >= m_healthyPeriodMs;
}

bool ReconnectPolicy::disconnected(qint64 nowMs)
{
    const bool healthy = shouldReset(nowMs);
    if (healthy)
        m_attempt = 0;
    m_connectedAtMs = -1;
    return healthy;
}

} // namespace pc
