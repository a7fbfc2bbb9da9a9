#pragma once

#include "chat/InertTextDocument.h"

#include <QRect>
#include <QSize>
#include <QString>

#include <memory>

namespace pc {

// One chat row laid out for one width: its documents and where everything goes, relative to the
// row's top-left corner. Built by ChatMessageDelegate, kept in MessageLayoutCache.
struct MessageLayout {
    int revision = -1;
    int width = -1;
    QSize size; // the whole row

    std::unique_ptr<InertTextDocument> content;
    std::unique_ptr<InertTextDocument> reasoning; // only while the reasoning is expanded

    QRect bubble;
    QPoint contentPos;
    QRect reasoningToggle; // empty without reasoning
    QPoint reasoningPos;
    QRect badge; // empty without a status badge
    QString badgeText;
    QRect retry; // empty when there is nothing to retry
    QRect meta;
    QString metaText;

    [[nodiscard]] int documentCount() const { return (content ? 1 : 0) + (reasoning ? 1 : 0); }
};

} // namespace pc
