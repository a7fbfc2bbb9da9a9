#pragma once

#include <QList>
#include <QListView>
#include <QPersistentModelIndex>
#include <QPointer>
#include <QUrl>

class QMenu;

namespace pc {

class ChatMessageDelegate;
class ThinkingIndicator;

// The conversation: a QListView over ChatMessageModel painted by ChatMessageDelegate (no widget per
// message), scrolled per pixel. It follows the bottom while new text arrives unless the user has
// scrolled up, keeps the view steady when older messages are paged in above, and asks for them
// (olderPageWanted) when the user scrolls near the top.
class ChatView final : public QListView {
    Q_OBJECT

public:
    // How close to the top (pixels) scrolling asks for the older page.
    static constexpr int OlderPageThreshold = 160;

    explicit ChatView(QWidget* parent = nullptr);

    void setModel(QAbstractItemModel* model) override;
    [[nodiscard]] ChatMessageDelegate* messageDelegate() const { return m_delegate; }

    [[nodiscard]] bool isFollowingBottom() const { return m_follow; }
    void scrollToBottomAndFollow();
    // Whether the history store has older messages; olderPageWanted is emitted only while it does, one
    // request at a time (the next once rows arrive at the top or this is called again). A view not
    // yet full asks at once.
    void setOlderAvailable(bool available);
    [[nodiscard]] bool olderAvailable() const { return m_olderAvailable; }
    // Whether messages newer than the last row exist (a search result opened far back in a long
    // chat): then the view does not follow the bottom, and scrolling near it emits newerPageWanted,
    // one page at a time (the flag is set again after each page).
    void setNewerAvailable(bool available);
    [[nodiscard]] bool newerAvailable() const { return m_newerAvailable; }

    void setThinkingIndicatorVisible(bool visible);
    [[nodiscard]] bool isThinkingIndicatorVisible() const;
    [[nodiscard]] ThinkingIndicator* thinkingIndicator() const { return m_thinking; }

    // On by default: a clicked safe link opens in the desktop's browser. Tests turn it off.
    void setOpenLinksExternally(bool open) { m_openLinks = open; }

    // The context menu of a row (null for an invalid index); the caller owns it.
    [[nodiscard]] QMenu* createContextMenu(const QModelIndex& index, QWidget* parent);
    // Plain text (Markdown rendered) or the Markdown source of a row, to the clipboard.
    void copyMessage(const QModelIndex& index, bool asMarkdown) const;
    // The newest answer's Markdown to the clipboard; false when there is no answer (Ctrl+Shift+C).
    bool copyLastAnswer();

Q_SIGNALS:
    void olderPageWanted();
    void newerPageWanted();
    void regenerateRequested(const QString& answerId);
    void editAndResendRequested(const QString& messageId, const QString& text);
    // The id of the row whose "Retry" was clicked: a user message to send again or an answer to redo.
    void retryRequested(const QString& messageId);
    void linkActivated(const QUrl& url);

protected:
    void dataChanged(const QModelIndex& topLeft, const QModelIndex& bottomRight,
                     const QList<int>& roles = QList<int>()) override;
    void rowsInserted(const QModelIndex& parent, int start, int end) override;
    void updateGeometries() override;
    void contextMenuEvent(QContextMenuEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    bool viewportEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void onScrolled(int value);
    void maybeWantOlder();
    void maybeWantNewer();
    void onRangeChanged(int min, int max);
    void onRowsAboutToBeInserted(const QModelIndex& parent, int start, int end);
    void onModelReset();
    void placeThinkingIndicator();
    [[nodiscard]] QStyleOptionViewItem optionFor(const QModelIndex& index) const;
    void remeasureChangedRows();
    [[nodiscard]] int laidOutHeight(const QModelIndex& index) const;

    ChatMessageDelegate* m_delegate = nullptr;
    ThinkingIndicator* m_thinking = nullptr;
    QPointer<QAbstractItemModel> m_model;
    bool m_follow = true;
    bool m_adjusting = false;
    bool m_olderAvailable = false;
    bool m_olderPending = false;
    bool m_newerAvailable = false;
    bool m_newerPending = false;
    bool m_openLinks = true;
    int m_prependAnchor = -1; // distance from the bottom to keep while rows arrive above
    // Rows whose data changed since the last check of their heights (remeasureChangedRows, queued).
    QList<QPersistentModelIndex> m_changedRows;
    bool m_remeasurePosted = false;
};

} // namespace pc
