#pragma once

#include "MessageRole.h"

#include <QChar>
#include <QDateTime>
#include <QString>

namespace pc {

// One full-text search result.
struct SearchHit {
    // The snippet marks each matched term with these control characters, never with markup, so
    // that message text cannot inject any: the view escapes the snippet first, then replaces them.
    static constexpr QChar HighlightBegin = QChar(0x0002);
    static constexpr QChar HighlightEnd = QChar(0x0003);

    QString conversationId;
    QString conversationTitle;
    QString messageId;
    qint64 seq = 0;
    MessageRole role = MessageRole::User;
    QDateTime createdAt;
    QString snippet; // an excerpt around the match, "…" where it was cut
};

} // namespace pc
