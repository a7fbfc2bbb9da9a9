#pragma once

#include <QMutex>

#include <chrono>

namespace pc {

class Clock;

// Per-provider circuit breaker: after `threshold` consecutive failures the provider is skipped for
// `cooldown`; then exactly one request probes it (others keep skipping) and its outcome closes or
// re-opens the breaker. Thread-safe; time comes from the injected clock.
class CircuitBreaker {
public:
    enum class State { Closed, Open, HalfOpen };
    enum class Admission { Allowed, Probe, Skipped };

    CircuitBreaker(int threshold, std::chrono::milliseconds cooldown, const Clock* clock);

    // Probe: the caller must end it with recordSuccess(), recordFailure() or releaseProbe().
    [[nodiscard]] Admission admit();
    void recordSuccess();
    void recordFailure();
    void releaseProbe(); // the probe ended without a verdict (cancelled)

    [[nodiscard]] State state() const;
    [[nodiscard]] qint64 msUntilProbe() const; // 0 unless open
    [[nodiscard]] int consecutiveFailures() const;

private:
    const Clock* m_clock;
    std::chrono::milliseconds m_cooldown;
    int m_threshold;
    mutable QMutex m_mutex;
    int m_failures = 0;
    qint64 m_openUntilMs = 0;
    bool m_open = false;
    bool m_probing = false;
};

} // namespace pc
