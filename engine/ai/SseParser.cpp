#include "SseParser.h"

#include <utility>

namespace pc {

SseParser::SseParser(qsizetype maxEventBytes)
    : m_maxEventBytes(maxEventBytes) {}

QList<SseEvent> SseParser::feed(QByteArrayView bytes) {
    QList<SseEvent> out;
    qsizetype pos = 0;
    if (m_skipLf && !bytes.isEmpty()) {
        if (bytes.front() == '\n')
            pos = 1;
        m_skipLf = false;
    }
    const qsizetype size = bytes.size();
    while (pos < size) {
        qsizetype end = pos;
        while (end < size && bytes[end] != '\n' && bytes[end] != '\r')
            ++end;
        const QByteArrayView piece = bytes.sliced(pos, end - pos);
        if (end == size) {
            // No line end yet: keep the piece for the next call.
            if (!m_discardLine) {
                if (m_line.size() + piece.size() > m_maxEventBytes) {
                    m_overflowed = true;
                    m_discardLine = true;
                    m_line.clear();
                } else {
                    m_line.append(piece);
                }
            }
            break;
        }
        if (m_discardLine) {
            m_discardLine = false;
        } else if (m_line.isEmpty()) {
            processLine(piece, out);
        } else {
            m_line.append(piece);
            const QByteArray line = std::exchange(m_line, {});
            processLine(line, out);
        }
        if (bytes[end] == '\r') {
            if (end + 1 < size) {
                if (bytes[end + 1] == '\n')
                    ++end;
            } else {
                m_skipLf = true;
            }
        }
        pos = end + 1;
    }
    return out;
}

QList<SseEvent> SseParser::finish() {
    QList<SseEvent> out;
    m_line.clear();
    m_discardLine = false;
    m_skipLf = false;
    dispatch(out);
    return out;
}

void SseParser::processLine(QByteArrayView line, QList<SseEvent>& out) {
    if (!m_bomChecked) {
        m_bomChecked = true;
        if (line.startsWith("\xEF\xBB\xBF"))
            line = line.sliced(3);
    }
    if (line.isEmpty()) {
        dispatch(out);
        return;
    }
    if (line.front() == ':') {
        ++m_comments;
        return;
    }
    const qsizetype colon = line.indexOf(':');
    QByteArrayView field = line;
    QByteArrayView value;
    if (colon >= 0) {
        field = line.first(colon);
        value = line.sliced(colon + 1);
        if (value.startsWith(' '))
            value = value.sliced(1);
    }
    if (field == "data") {
        if (m_data.size() + value.size() + 1 > m_maxEventBytes) {
            m_overflowed = true;
            return;
        }
        if (m_hasData)
            m_data.append('\n');
        m_data.append(value);
        m_hasData = true;
    } else if (field == "event") {
        m_event = value.toByteArray();
    } else if (field == "id") {
        if (!value.contains('\0'))
            m_id = value.toByteArray();
    }
    // `retry` and unknown fields are ignored: reconnection is the caller's business.
}

void SseParser::dispatch(QList<SseEvent>& out) {
    if (m_hasData)
        out.append(SseEvent{m_event, m_data, m_id});
    m_data.clear();
    m_event.clear();
    m_hasData = false;
}

} // namespace pc
