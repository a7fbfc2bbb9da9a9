#pragma once

#include "SseEvent.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

namespace pc {

// Incremental text/event-stream parser (WHATWG "event stream interpretation"): bytes in, events out,
// no I/O and no timers. Lines may be split anywhere across feed() calls and end in CRLF, LF or CR.
// Comment lines (": keep-alive") and `retry:` are consumed silently; they never become events.
class SseParser {
public:
    // A line or an event growing past this is dropped and overflowed() turns true.
    static constexpr qsizetype DefaultMaxEventBytes = 8 * 1024 * 1024;

    explicit SseParser(qsizetype maxEventBytes = DefaultMaxEventBytes);

    [[nodiscard]] QList<SseEvent> feed(QByteArrayView bytes);

    // End of input. Data lines that were complete but not yet followed by a blank line still make an
    // event (servers often close right after `data: [DONE]\n`); an unterminated last line was cut in
    // transit and is dropped.
    [[nodiscard]] QList<SseEvent> finish();

    [[nodiscard]] bool overflowed() const { return m_overflowed; }
    [[nodiscard]] qsizetype commentCount() const { return m_comments; }

private:
    void processLine(QByteArrayView line, QList<SseEvent>& out);
    void dispatch(QList<SseEvent>& out);

    QByteArray m_line;
    QByteArray m_data;
    QByteArray m_event;
    QByteArray m_id;
    qsizetype m_maxEventBytes;
    qsizetype m_comments = 0;
    bool m_hasData = false;
    bool m_skipLf = false; // the previous chunk ended in CR: a leading LF belongs to that line end
    bool m_bomChecked = false;
    bool m_discardLine = false;
    bool m_overflowed = false;
};

} // namespace pc
