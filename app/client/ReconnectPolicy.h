#pragma once

#include <QtGlobal>

#include <functional>

namespace pc {

// When to try again after a connection attempt failed or a connection was lost: full-jitter
// exponential backoff, delay = random(0, min(cap, base * 2^attempt)), so that many clients that lost
// the same server do not come back in lockstep. It never gives up.
//
// The attempt counter resets only after a connection was acknowledged and then stayed up for a
// healthy period: a server that accepts and drops at once (flapping) keeps the counter growing.
//
// Pure and timer-free: times come in as arguments, randomness from an injectable source. The timer
// lives in ChatClient.
class ReconnectPolicy {
public:
    // Uniformly distributed in [0, 1).
    using RandomSource = std::function<double()>;

    static constexpr int DefaultBaseMs = 1'000;
    static constexpr int DefaultCapMs = 30'000;
    static constexpr int DefaultHealthyPeriodMs = 10'000;

    // An empty `random` uses QRandomGenerator::global(). Non-positive times fall back to 1 ms (base and
    // cap) or 0 (healthy period); a cap below base is raised to base.
    explicit ReconnectPolicy(RandomSource random = {}, int baseMs = DefaultBaseMs, int capMs = DefaultCapMs,
                             int healthyPeriodMs = DefaultHealthyPeriodMs);

    // The delay before the next attempt, in ms; counts the attempt.
    [[nodiscard]] int nextDelay();
    // The upper bound nextDelay() draws from when `attempt` attempts were counted before.
    [[nodiscard]] int maxDelayFor(int attempt) const;
    // How many delays were handed out since the last reset.
    [[nodiscard]] int attempt() const { return m_attempt; }
    // Forgets counted attempts and any connection mark.
    void reset();

    // connection_ack arrived at nowMs (milliseconds of any monotonic or wall clock).
    void connected(qint64 nowMs);
    // True when a connection is marked and has been up for at least the healthy period at nowMs.
    [[nodiscard]] bool shouldReset(qint64 nowMs) const;
    // The connection ended at nowMs: resets when it had been healthy, and clears the connection mark
    // either way. Returns true when it reset.
    bool disconnected(qint64 nowMs);
    [[nodiscard]] bool isConnected() const { return m_connectedAtMs >= 0; }

    [[nodiscard]] int baseMs() const { return m_baseMs; }
    [[nodiscard]] int capMs() const { return m_capMs; }
    [[nodiscard]] int healthyPeriodMs() const { return m_healthyPeriodMs; }

private:
    RandomSource m_random;
    int m_baseMs;
    int m_capMs;
    int m_healthyPeriodMs;
    int m_attempt = 0;
    qint64 m_connectedAtMs = -1;
};

} // namespace pc
