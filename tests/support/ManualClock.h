#pragma once

#include "core/Clock.h"

#include <atomic>

namespace pc {

// A Clock that stands still until the test moves it. Safe to read from other threads (an engine
// thread may check expiry while the test thread advances time).
class ManualClock final : public Clock {
public:
    // 2023-11-14T22:13:20Z: a fixed, unremarkable instant so that tests do not depend on today.
    static constexpr qint64 DefaultStartMs = 1'700'000'000'000;

    explicit ManualClock(qint64 startMs = DefaultStartMs);

    [[nodiscard]] qint64 nowMs() const override;

    void setNowMs(qint64 ms);
    void setNowSecs(qint64 secs);
    void advanceMs(qint64 ms);
    void advanceSecs(qint64 secs);

private:
    std::atomic<qint64> m_nowMs;
};

} // namespace pc
