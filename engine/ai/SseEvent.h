#pragma once

#include <QByteArray>

namespace pc {

// One dispatched server-sent event. `data` joins the event's data lines with '\n' (no trailing newline).
struct SseEvent {
    QByteArray event; // the `event:` field; empty means "message"
    QByteArray data;
    QByteArray id;

    [[nodiscard]] bool isDone() const { return data == "[DONE]"; } // OpenAI's end-of-stream marker

    friend bool operator==(const SseEvent&, const SseEvent&) = default;
};

} // namespace pc
