#include "CircuitBreaker.h"

#include "core/Clock.h"

namespace pc {

CircuitBreaker::CircuitBreaker(int threshold, std::chrono::milliseconds cooldown, const Clock* clock)
    : m_clock(clock ? clock : &Clock::system())
    , m_cooldown(cooldown)
    , m_threshold(std::max(1, threshold)) {}

CircuitBreaker::Admission CircuitBreaker::admit() {
    QMutexLocker lock(&m_mutex);
    if (!m_open)
        return Admission::Allowed;
    if (m_probing || m_clock->nowMs() < m_openUntilMs)
        return Admission::Skipped;
    m_probing = true;
    return Admission::Probe;
}

void CircuitBreaker::recordSuccess() {
    QMutexLocker lock(&m_mutex);
    m_failures = 0;
    m_open = false;
    m_probing = false;
}

void CircuitBreaker::recordFailure() {
    QMutexLocker lock(&m_mutex);
    ++m_failures;
    if (m_probing || m_failures >= m_threshold) {
        m_open = true;
        m_openUntilMs = m_clock->nowMs() + m_cooldown.count();
    }
    m_probing = false;
}

void CircuitBreaker::releaseProbe() {
    QMutexLocker lock(&m_mutex);
    m_probing = false;
}

CircuitBreaker::State CircuitBreaker::state() const {
    QMutexLocker lock(&m_mutex);
    if (!m_open)
        return State::Closed;
    if (m_probing || m_clock->nowMs() >= m_openUntilMs)
        return State::HalfOpen;
    return State::Open;
}

qint64 CircuitBreaker::msUntilProbe() const {
    QMutexLocker lock(&m_mutex);
    if (!m_open)
        return 0;
    return std::max<qint64>(0, m_openUntilMs - m_clock->nowMs());
}

int CircuitBreaker::consecutiveFailures() const {
    QMutexLocker lock(&m_mutex);
    return m_failures;
}

} // namespace pc
