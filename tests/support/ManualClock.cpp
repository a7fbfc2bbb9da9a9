#include "ManualClock.h"

namespace pc {

ManualClock::ManualClock(qint64 startMs)
    : m_nowMs(startMs) {}

qint64 ManualClock::nowMs() const {
    return m_nowMs.load(std::memory_order_relaxed);
}

void ManualClock::setNowMs(qint64 ms) {
    m_nowMs.store(ms, std::memory_order_relaxed);
}

void ManualClock::setNowSecs(qint64 secs) {
    setNowMs(secs * 1000);
}

void ManualClock::advanceMs(qint64 ms) {
    m_nowMs.fetch_add(ms, std::memory_order_relaxed);
}

void ManualClock::advanceSecs(qint64 secs) {
    advanceMs(secs * 1000);
}

} // namespace pc
