#pragma once

#include "chat/MessageLayoutCache.h"

#include <QHash>
#include <QStyledItemDelegate>
#include <QUrl>

namespace pc {

// Paints ChatMessageModel rows as bubbles: the user's right-aligned in the accent colour, answers on
// the left with their Markdown rendered inert (MarkdownRenderer), a meta line under each (time,
// processing time, provider and model, tokens), a badge for interrupted, offline and failed messages
// with a "Retry" affordance, and a "Show reasoning" toggle when the model shared its reasoning.
//
// Layouts are kept in a bounded LRU cache (MessageLayoutCache, 64 documents); row heights in a
// separate small cache, so a relayout of the list does not render every row again.
class ChatMessageDelegate final : public QStyledItemDelegate {
    Q_OBJECT

public:
    enum class Hit { None, Link, Retry, ReasoningToggle };

    explicit ChatMessageDelegate(QObject* parent = nullptr);

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    [[nodiscard]] QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    bool editorEvent(QEvent* event, QAbstractItemModel* model, const QStyleOptionViewItem& option,
                     const QModelIndex& index) override;

    // What is under pos (view coordinates, option.rect being the row); url is set for Hit::Link.
    [[nodiscard]] Hit hitTest(const QStyleOptionViewItem& option, const QModelIndex& index, const QPoint& pos,
                              QUrl* url = nullptr) const;
    // Drops every layout (palette or font changed, conversation switched).
    void clearCache();

    [[nodiscard]] const MessageLayoutCache& layoutCache() const { return m_layouts; }
    [[nodiscard]] int layoutBuilds() const { return m_builds; }

Q_SIGNALS:
    void retryRequested(const QString& messageId);
    // Only safe links (MarkdownRenderer::isSafeLink); the view decides how to open them.
    void linkActivated(const QUrl& url);

private:
    struct SizeEntry {
        int revision = -1;
        int width = -1;
        QSize size;
    };

    [[nodiscard]] int rowWidth(const QStyleOptionViewItem& option) const;
    [[nodiscard]] MessageLayout* layoutFor(const QStyleOptionViewItem& option, const QModelIndex& index,
                                           int width) const;
    void build(MessageLayout& layout, const QStyleOptionViewItem& option, const QModelIndex& index, int width,
               bool reuseDocuments) const;
    [[nodiscard]] QString metaText(const QModelIndex& index) const;

    mutable MessageLayoutCache m_layouts;
    mutable QHash<QString, SizeEntry> m_sizes;
    mutable int m_builds = 0;
};

} // namespace pc
