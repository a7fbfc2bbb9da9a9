#pragma once

#include <QString>

namespace pc {

// Drops, on this thread and while it lives, Qt warnings containing `needle`. For the few warnings Qt
// prints about uses that are deliberate here (a QHttpServer fed by a server that does not listen
// itself); every other message passes to the handler that was installed before.
class ScopedWarningFilter {
public:
    explicit ScopedWarningFilter(QString needle);
    ~ScopedWarningFilter();
    ScopedWarningFilter(const ScopedWarningFilter&) = delete;
    ScopedWarningFilter& operator=(const ScopedWarningFilter&) = delete;

private:
    QString m_needle;
    const ScopedWarningFilter* m_outer;
    friend void filterMessage(QtMsgType, const QMessageLogContext&, const QString&);
};

} // namespace pc
