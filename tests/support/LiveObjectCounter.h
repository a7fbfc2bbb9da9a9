#pragma once

#include <QtGlobal>

namespace pc::test {

// Counts QObjects alive in the process through QtCore's object hooks (the ones GammaRay uses), so a
// test can show that a thousand reconnect cycles leave no objects behind. One instance at a time.
class LiveObjectCounter {
public:
    LiveObjectCounter();
    ~LiveObjectCounter();
    LiveObjectCounter(const LiveObjectCounter&) = delete;
    LiveObjectCounter& operator=(const LiveObjectCounter&) = delete;

    // QObjects created minus destroyed since this counter was installed.
    [[nodiscard]] qint64 delta() const;
    // False when QtCore's hook table has an unexpected layout (the counter then stays 0).
    [[nodiscard]] bool isActive() const { return m_active; }

private:
    bool m_active = false;
    quintptr m_previousAdd = 0;
    quintptr m_previousRemove = 0;
};

} // namespace pc::test
