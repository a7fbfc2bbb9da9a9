#include "chat/ChatView.h"

#include "UiLogging.h"
#include "chat/ChatMessageDelegate.h"
#include "chat/ChatMessageModel.h"
#include "chat/InertTextDocument.h"
#include "chat/MarkdownRenderer.h"
#include "chat/ThinkingIndicator.h"
#include "theme/Icons.h"

#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QDesktopServices>
#include <QHelpEvent>
#include <QMenu>
#include <QScrollBar>
#include <QToolTip>

#include <utility>

using namespace Qt::Literals::StringLiterals;

namespace pc {

namespace {
constexpr int BottomSlack = 4; // pixels from the bottom that still count as "at the bottom"
} // namespace

ChatView::ChatView(QWidget* parent)
    : QListView(parent)
    , m_delegate(new ChatMessageDelegate(this))
    , m_thinking(new ThinkingIndicator(this))
{
    setAccessibleName(tr("Conversation"));
    setItemDelegate(m_delegate);
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setUniformItemSizes(false);
    setResizeMode(QListView::Adjust);
    setLayoutMode(QListView::SinglePass);
    setSelectionMode(QAbstractItemView::NoSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setFrameShape(QFrame::NoFrame);
    setMouseTracking(true);
    setWordWrap(true);
    setSpacing(0);
    m_thinking->hide();

    connect(verticalScrollBar(), &QScrollBar::valueChanged, this, &ChatView::onScrolled);
    connect(verticalScrollBar(), &QScrollBar::rangeChanged, this, &ChatView::onRangeChanged);
    connect(m_delegate, &ChatMessageDelegate::retryRequested, this, &ChatView::retryRequested);
    connect(m_delegate, &ChatMessageDelegate::linkActivated, this, [this](const QUrl& url) {
        if (!MarkdownRenderer::isSafeLink(url))
            return;
        Q_EMIT linkActivated(url);
        if (m_openLinks && !QDesktopServices::openUrl(url))
            qCWarning(lcUi) << "could not open a link with scheme" << url.scheme();
    });
}

void ChatView::setModel(QAbstractItemModel* model)
{
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    m_delegate->clearCache();
    QListView::setModel(model);
    m_model = model;
    if (model) {
        connect(model, &QAbstractItemModel::rowsAboutToBeInserted, this, &ChatView::onRowsAboutToBeInserted);
        connect(model, &QAbstractItemModel::modelReset, this, &ChatView::onModelReset);
    }
    onModelReset();
}

void ChatView::scrollToBottomAndFollow()
{
    m_follow = true;
    m_adjusting = true;
    verticalScrollBar()->setValue(verticalScrollBar()->maximum());
    m_adjusting = false;
}

void ChatView::setOlderAvailable(bool available)
{
    m_olderAvailable = available;
    m_olderPending = false;
    maybeWantOlder();
}

void ChatView::setNewerAvailable(bool available)
{
    m_newerAvailable = available;
    m_newerPending = false;
    if (available)
        m_follow = false;
    else
        maybeWantNewer();
}

void ChatView::setThinkingIndicatorVisible(bool visible)
{
    if (visible == m_thinking->isVisible())
        return;
    m_thinking->setVisible(visible);
    setViewportMargins(0, 0, 0, visible ? m_thinking->sizeHint().height() : 0);
    placeThinkingIndicator();
    if (m_follow)
        scrollToBottomAndFollow();
}

bool ChatView::isThinkingIndicatorVisible() const
{
    return m_thinking->isVisible();
}

void ChatView::placeThinkingIndicator()
{
    const int h = m_thinking->sizeHint().height();
    const QRect inner = contentsRect();
    m_thinking->setGeometry(inner.left(), inner.bottom() + 1 - h, inner.width(), h);
}

QStyleOptionViewItem ChatView::optionFor(const QModelIndex& index) const
{
    QStyleOptionViewItem option;
    initViewItemOption(&option);
    option.rect = visualRect(index);
    return option;
}

QMenu* ChatView::createContextMenu(const QModelIndex& index, QWidget* parent)
{
    if (!index.isValid())
        return nullptr;
    const QPersistentModelIndex row(index);
    const auto sender = index.data(ChatMessageModel::SenderRole).value<MessageSender>();
    const auto status = index.data(ChatMessageModel::StatusRole).value<MessageStatus>();
    const QString id = index.data(ChatMessageModel::IdRole).toString();

    auto* menu = new QMenu(parent);
    menu->setAccessibleName(tr("Message actions"));
    QAction* copy = menu->addAction(Icons::icon(u"copy"_s, menu), tr("&Copy"));
    copy->setObjectName(u"copyAction"_s);
    connect(copy, &QAction::triggered, this, [this, row] { copyMessage(row, false); });
    QAction* copyMarkdown = menu->addAction(tr("Copy as &Markdown"));
    copyMarkdown->setObjectName(u"copyMarkdownAction"_s);
    connect(copyMarkdown, &QAction::triggered, this, [this, row] { copyMessage(row, true); });
    // Code blocks one by one (a menu of them when there are several, named by their first line).
    const QStringList code =
        MarkdownRenderer::codeBlocks(index.data(ChatMessageModel::ContentRole).toString());
    if (code.size() == 1) {
        QAction* copyCode = menu->addAction(tr("Copy co&de"));
        copyCode->setObjectName(u"copyCodeAction"_s);
        connect(copyCode, &QAction::triggered, this,
                [block = code.first()] { QGuiApplication::clipboard()->setText(block); });
    } else if (code.size() > 1) {
        QMenu* blocks = menu->addMenu(tr("Copy co&de"));
        blocks->setObjectName(u"copyCodeMenu"_s);
        for (qsizetype i = 0; i < code.size(); ++i) {
            const QString firstLine = code.at(i).section(u'\n', 0, 0).simplified();
            const QString label = firstLine.size() > 40 ? firstLine.left(40) + u"…"_s : firstLine;
            QAction* copyCode = blocks->addAction(tr("&%1: %2").arg(i + 1).arg(label));
            copyCode->setObjectName(u"copyCodeAction%1"_s.arg(i + 1));
            connect(copyCode, &QAction::triggered, this,
                    [block = code.at(i)] { QGuiApplication::clipboard()->setText(block); });
        }
    }
    menu->addSeparator();
    // What the bubble offers to the mouse (Retry, the reasoning toggle) is here for the keyboard too.
    if (status == MessageStatus::Interrupted || status == MessageStatus::Offline ||
        status == MessageStatus::Error) {
        QAction* retry = menu->addAction(tr("Re&try"));
        retry->setObjectName(u"retryAction"_s);
        connect(retry, &QAction::triggered, this, [this, id] { Q_EMIT retryRequested(id); });
    }
    if (!index.data(ChatMessageModel::ReasoningRole).toString().isEmpty()) {
        const bool expanded = index.data(ChatMessageModel::ReasoningExpandedRole).toBool();
        QAction* reasoning = menu->addAction(expanded ? tr("Hide r&easoning") : tr("Show r&easoning"));
        reasoning->setObjectName(u"reasoningAction"_s);
        connect(reasoning, &QAction::triggered, this, [this, row, expanded] {
            if (row.isValid())
                model()->setData(row, !expanded, ChatMessageModel::ReasoningExpandedRole);
        });
    }
    if (sender == MessageSender::Assistant) {
        QAction* regenerate = menu->addAction(Icons::icon(u"retry"_s, menu), tr("&Regenerate"));
        regenerate->setObjectName(u"regenerateAction"_s);
        regenerate->setEnabled(status != MessageStatus::Sending);
        connect(regenerate, &QAction::triggered, this, [this, id] { Q_EMIT regenerateRequested(id); });
    } else {
        QAction* edit = menu->addAction(tr("&Edit and resend"));
        edit->setObjectName(u"editAndResendAction"_s);
        connect(edit, &QAction::triggered, this, [this, id, row] {
            Q_EMIT editAndResendRequested(id, row.data(ChatMessageModel::ContentRole).toString());
        });
    }
    return menu;
}

void ChatView::copyMessage(const QModelIndex& index, bool asMarkdown) const
{
    if (!index.isValid())
        return;
    const QString content = index.data(ChatMessageModel::ContentRole).toString();
    const bool isUser =
        index.data(ChatMessageModel::SenderRole).value<MessageSender>() == MessageSender::User;
    QString text = content;
    // Past the render cap the Markdown itself is the most faithful text there is.
    if (!asMarkdown && !isUser && content.size() <= MarkdownRenderer::DefaultMaxCharacters) {
        InertTextDocument document;
        MarkdownRenderer::render(document, content, MarkdownRenderer::Style::fromPalette(palette(), font()),
                                 MarkdownRenderer::DefaultMaxCharacters, content.size() + 1);
        text = document.toPlainText();
    }
    QGuiApplication::clipboard()->setText(text);
}

bool ChatView::copyLastAnswer()
{
    auto* chat = qobject_cast<ChatMessageModel*>(model());
    if (!chat || chat->lastAnswerRow() < 0)
        return false;
    copyMessage(chat->index(chat->lastAnswerRow()), true);
    return true;
}

void ChatView::dataChanged(const QModelIndex& topLeft, const QModelIndex& bottomRight,
                           const QList<int>& roles)
{
    // In list mode QListView answers every dataChanged() with a layout of the whole list, which asks
    // the delegate for the size of every loaded row: once per streamed token, that made a token cost
    // more the more history was paged in. Only a change of height moves other rows, so a change to a
    // few rows repaints them where they are, and their heights are checked once the burst of changes
    // is over (remeasureChangedRows); the list is laid out again only when one grew or shrank.
    constexpr int MaxTrackedRows = 8;
    if (viewMode() != ListMode || !topLeft.isValid() || !bottomRight.isValid() ||
        topLeft.parent() != rootIndex() || bottomRight.row() - topLeft.row() >= MaxTrackedRows) {
        QListView::dataChanged(topLeft, bottomRight, roles); // lays the list out again (delayed)
        return;
    }
    QAbstractItemView::dataChanged(topLeft, bottomRight, roles);
    for (int row = topLeft.row(); row <= bottomRight.row(); ++row) {
        const QPersistentModelIndex index(topLeft.siblingAtRow(row));
        if (!m_changedRows.contains(index))
            m_changedRows.append(index);
    }
    if (!m_remeasurePosted) {
        m_remeasurePosted = true;
        // Queued ahead of the repaint (a low priority event), so it is drawn at its new height.
        QMetaObject::invokeMethod(this, &ChatView::remeasureChangedRows, Qt::QueuedConnection);
    }
}

void ChatView::remeasureChangedRows()
{
    m_remeasurePosted = false;
    const QList<QPersistentModelIndex> rows = std::exchange(m_changedRows, {});
    QStyleOptionViewItem option;
    initViewItemOption(&option);
    for (const QPersistentModelIndex& row : rows) {
        if (!row.isValid() || row.model() != model())
            continue;
        if (m_delegate->sizeHint(option, row).height() != laidOutHeight(row)) {
            scheduleDelayedItemsLayout();
            executeDelayedItemsLayout();
            return;
        }
    }
}

int ChatView::laidOutHeight(const QModelIndex& index) const
{
    // rectForIndex() measures the row again; only the positions come from the last layout (which it
    // runs first when one is pending). The distance to the next row is what the list made room for.
    const QRect rect = rectForIndex(index);
    if (!rect.isValid())
        return -1;
    const QModelIndex next = index.siblingAtRow(index.row() + 1);
    const int end = next.isValid() ? rectForIndex(next).top() - spacing() : contentsSize().height();
    return end - rect.top();
}

void ChatView::rowsInserted(const QModelIndex& parent, int start, int end)
{
    QListView::rowsInserted(parent, start, end);
    if (start == 0)
        m_olderPending = false;
}

void ChatView::onRowsAboutToBeInserted(const QModelIndex& parent, int start, int)
{
    if (parent.isValid() || start != 0 || !model() || model()->rowCount() == 0)
        return;
    const QScrollBar* bar = verticalScrollBar();
    m_prependAnchor = bar->maximum() - bar->value();
}

void ChatView::onModelReset()
{
    m_delegate->clearCache();
    m_changedRows.clear();
    m_prependAnchor = -1;
    m_olderPending = false;
    m_newerPending = false;
    m_newerAvailable = false;
    m_follow = true;
    scrollToBottom();
}

void ChatView::onScrolled(int value)
{
    if (m_adjusting)
        return;
    m_follow = !m_newerAvailable && value >= verticalScrollBar()->maximum() - BottomSlack;
    maybeWantOlder();
    maybeWantNewer();
}

void ChatView::maybeWantNewer()
{
    if (!m_newerAvailable || m_newerPending || !model() || model()->rowCount() == 0)
        return;
    const QScrollBar* bar = verticalScrollBar();
    if (bar->value() < bar->maximum() - OlderPageThreshold)
        return;
    m_newerPending = true;
    Q_EMIT newerPageWanted();
}

void ChatView::maybeWantOlder()
{
    if (!m_olderAvailable || m_olderPending || m_prependAnchor >= 0 || !model() || model()->rowCount() == 0)
        return;
    if (verticalScrollBar()->value() > OlderPageThreshold)
        return;
    m_olderPending = true;
    Q_EMIT olderPageWanted();
}

void ChatView::onRangeChanged(int, int max)
{
    // A page arriving above is handled once the layout is complete (updateGeometries).
    if (m_prependAnchor >= 0 || !m_follow)
        return;
    m_adjusting = true;
    verticalScrollBar()->setValue(max);
    m_adjusting = false;
}

void ChatView::updateGeometries()
{
    QListView::updateGeometries();
    // After the relayout that follows rows arriving at the top: the same distance from the bottom
    // keeps what the user was reading in place. Cleared even when the range did not change.
    if (m_prependAnchor >= 0) {
        m_adjusting = true;
        verticalScrollBar()->setValue(verticalScrollBar()->maximum() - m_prependAnchor);
        m_adjusting = false;
        m_prependAnchor = -1;
    }
    // Not full yet (nothing to scroll): keep asking for older pages until it is.
    if (verticalScrollBar()->maximum() == 0) {
        maybeWantOlder();
        maybeWantNewer();
    }
}

void ChatView::contextMenuEvent(QContextMenuEvent* event)
{
    const QModelIndex index = event->reason() == QContextMenuEvent::Keyboard
                                  ? currentIndex()
                                  : indexAt(viewport()->mapFrom(this, event->pos()));
    QMenu* menu = createContextMenu(index, this);
    if (!menu)
        return;
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->popup(event->globalPos());
}

void ChatView::keyPressEvent(QKeyEvent* event)
{
    if (event->matches(QKeySequence::Copy) && currentIndex().isValid()) {
        copyMessage(currentIndex(), false);
        return;
    }
    QListView::keyPressEvent(event);
}

void ChatView::mouseMoveEvent(QMouseEvent* event)
{
    QListView::mouseMoveEvent(event);
    const QModelIndex index = indexAt(event->position().toPoint());
    const auto hit = index.isValid()
                         ? m_delegate->hitTest(optionFor(index), index, event->position().toPoint())
                         : ChatMessageDelegate::Hit::None;
    if (hit == ChatMessageDelegate::Hit::None)
        viewport()->unsetCursor();
    else
        viewport()->setCursor(Qt::PointingHandCursor);
}

bool ChatView::viewportEvent(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        const auto* help = static_cast<QHelpEvent*>(event);
        const QModelIndex index = indexAt(help->pos());
        QUrl url;
        if (index.isValid() && m_delegate->hitTest(optionFor(index), index, help->pos(), &url) ==
                                   ChatMessageDelegate::Hit::Link) {
            QToolTip::showText(help->globalPos(), url.toDisplayString(), viewport());
        } else {
            QToolTip::hideText();
        }
        return true;
    }
    return QListView::viewportEvent(event);
}

void ChatView::resizeEvent(QResizeEvent* event)
{
    QListView::resizeEvent(event);
    placeThinkingIndicator();
}

void ChatView::changeEvent(QEvent* event)
{
    // Laid-out rows hold painted words too ("Retry", "Show reasoning", the status line).
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange ||
        event->type() == QEvent::StyleChange || event->type() == QEvent::LanguageChange) {
        m_delegate->clearCache();
        scheduleDelayedItemsLayout();
        viewport()->update();
    }
    if (event->type() == QEvent::LanguageChange)
        setAccessibleName(tr("Conversation"));
    QListView::changeEvent(event);
}

} // namespace pc
