#pragma once

#include <QDateTime>
#include <QtGlobal>

namespace pc {

// Wall-clock time, injectable so that expiry, rate limits and timestamps can be tested.
class Clock {
public:
    virtual ~Clock() = default;
    [[nodiscard]] virtual qint64 nowMs() const = 0;

    [[nodiscard]] qint64 nowSecs() const { return nowMs() / 1000; }
    [[nodiscard]] QDateTime now() const { return QDateTime::fromMSecsSinceEpoch(nowMs(), Qt::UTC); }

    // The process-wide real clock.
    [[nodiscard]] static const Clock& system();
};

class SystemClock final : public Clock {
public:
    [[nodiscard]] qint64 nowMs() const override { return QDateTime::currentMSecsSinceEpoch(); }
};

} // namespace pc
