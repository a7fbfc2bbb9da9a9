#include "UiScreenshots.h"
#include "chat/ChatMessageDelegate.h"
#include "chat/ChatMessageModel.h"
#include "chat/ChatView.h"
#include "chat/ThinkingIndicator.h"

#include <QClipboard>
#include <QMenu>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using pc::ChatEntry;
using pc::ChatMessageDelegate;
using pc::ChatMessageModel;
using pc::ChatView;
using pc::MessageSender;
using pc::MessageStatus;

namespace {

ChatEntry entry(const QString& id, MessageSender sender, const QString& text,
                MessageStatus status = MessageStatus::Complete)
{
    ChatEntry e;
    e.id = id;
    e.sender = sender;
    e.content = text;
    e.status = status;
    e.timestamp = QDateTime::currentDateTime();
    if (sender == MessageSender::Assistant) {
        e.replyTo = u"q-"_s + id;
        e.provider = u"deepseek"_s;
        e.model = u"deepseek-flash"_s;
        e.processingTimeMs = 1830;
        e.usage = pc::Usage{412, 268, 128};
    }
    return e;
}

QList<ChatEntry> conversation(int pairs, const QString& prefix = u"m"_s)
{
    QList<ChatEntry> out;
    for (int i = 0; i < pairs; ++i) {
        out.append(
            entry(u"%1u%2"_s.arg(prefix).arg(i), MessageSender::User, u"Question number %1?"_s.arg(i)));
        out.append(entry(u"%1a%2"_s.arg(prefix).arg(i), MessageSender::Assistant,
                         u"Answer %1 with **bold** text and a list:\n\n- one\n- two\n"_s.arg(i)));
    }
    return out;
}

// A point in the row where the delegate reports hit, or a null point.
QPoint findHit(ChatView& view, const QModelIndex& index, ChatMessageDelegate::Hit wanted)
{
    QStyleOptionViewItem option;
    option.initFrom(&view);
    option.widget = &view;
    option.font = view.font();
    option.rect = view.visualRect(index);
    for (int y = option.rect.top(); y <= option.rect.bottom(); y += 2) {
        for (int x = option.rect.left(); x <= option.rect.right(); x += 2) {
            if (view.messageDelegate()->hitTest(option, index, QPoint(x, y)) == wanted)
                return QPoint(x, y);
        }
    }
    return {};
}

} // namespace

class TestChatView : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void followsBottomWhileStreaming();
    void streamingKeepsTheLayoutCurrent();
    void staysWhereTheUserScrolled();
    void pagesOlderMessagesIn();
    void viewNotFullAsksForOlder();
    void layoutCacheIsBounded();
    void retryAndReasoningAreClickable();
    void linksAreClickedNotFollowedByThemselves();
    void contextMenu();
    void thinkingIndicator();
    void screenshots();

private:
    std::unique_ptr<ChatMessageModel> m_model;
    std::unique_ptr<ChatView> m_view;
};

void TestChatView::init()
{
    m_model = std::make_unique<ChatMessageModel>();
    m_view = std::make_unique<ChatView>();
    m_view->setOpenLinksExternally(false);
    m_view->setModel(m_model.get());
    m_view->resize(720, 520);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
}

void TestChatView::cleanup()
{
    m_view.reset();
    m_model.reset();
}

void TestChatView::followsBottomWhileStreaming()
{
    m_model->setMessages(conversation(15));
    QScrollBar* bar = m_view->verticalScrollBar();
    QTRY_VERIFY(bar->maximum() > 0);
    QTRY_COMPARE(bar->value(), bar->maximum());
    QVERIFY(m_view->isFollowingBottom());

    m_model->appendMessage(
        entry(u"new"_s, MessageSender::User, u"Another question"_s, MessageStatus::Sending));
    for (int i = 0; i < 20; ++i)
        m_model->appendDelta(u"ans"_s, u"new"_s, u"More streamed text, line %1.\n\n"_s.arg(i));
    const int before = bar->maximum();
    QTRY_VERIFY(bar->maximum() > before - 1);
    QTRY_COMPARE(bar->value(), bar->maximum());
    QVERIFY(m_view->isFollowingBottom());
}

void TestChatView::streamingKeepsTheLayoutCurrent()
{
    // A token that does not change the row's height repaints it in place; one that starts a line lays
    // the list out again. Either way the geometry is what a full layout gives.
    m_model->setMessages(conversation(15));
    QScrollBar* bar = m_view->verticalScrollBar();
    QTRY_VERIFY(bar->maximum() > 0);
    QTRY_COMPARE(bar->value(), bar->maximum());
    m_model->appendMessage(
        entry(u"new"_s, MessageSender::User, u"Another question"_s, MessageStatus::Sending));
    int grew = 0;
    for (int i = 0; i < 40; ++i) {
        const int before = bar->maximum();
        m_model->appendDelta(u"ans"_s, u"new"_s, i % 8 == 7 ? u"word\n\n"_s : u"word "_s);
        QApplication::processEvents();
        if (bar->maximum() != before)
            ++grew;
        QCOMPARE(bar->value(), bar->maximum());
        const QModelIndex answer = m_model->index(m_model->rowOf(u"ans"_s));
        QCOMPARE(m_view->visualRect(answer).bottom(), m_view->viewport()->height() - 1);
    }
    QVERIFY2(grew >= 4, qPrintable(QString::number(grew)));
    const int max = bar->maximum();
    m_view->doItemsLayout();
    QCOMPARE(bar->maximum(), max);
    QVERIFY(m_view->isFollowingBottom());
}

void TestChatView::staysWhereTheUserScrolled()
{
    m_model->setMessages(conversation(15));
    QScrollBar* bar = m_view->verticalScrollBar();
    QTRY_COMPARE(bar->value(), bar->maximum());
    bar->setValue(bar->maximum() / 2);
    QVERIFY(!m_view->isFollowingBottom());
    const int where = bar->value();
    for (int i = 0; i < 10; ++i)
        m_model->appendDelta(u"ans"_s, u"m u14"_s, u"streamed %1\n\n"_s.arg(i));
    QTest::qWait(50);
    QCOMPARE(bar->value(), where);
    m_view->scrollToBottomAndFollow();
    QVERIFY(m_view->isFollowingBottom());
}

void TestChatView::pagesOlderMessagesIn()
{
    m_model->setMessages(conversation(10, u"new"_s));
    QScrollBar* bar = m_view->verticalScrollBar();
    QTRY_COMPARE(bar->value(), bar->maximum());
    QSignalSpy wanted(m_view.get(), &ChatView::olderPageWanted);

    bar->setValue(0);
    QCOMPARE(wanted.size(), 0); // the store said there is nothing older
    bar->setValue(bar->maximum());
    m_view->setOlderAvailable(true);
    QCOMPARE(wanted.size(), 0); // at the bottom of a full view: no need yet
    bar->setValue(ChatView::OlderPageThreshold / 2);
    QCOMPARE(wanted.size(), 1);
    bar->setValue(0);
    QCOMPARE(wanted.size(), 1); // one request at a time

    // The first visible row stays where it was when the page arrives above it.
    const QModelIndex firstBefore = m_model->index(0);
    const int yBefore = m_view->visualRect(firstBefore).top();
    const QString idBefore = firstBefore.data(ChatMessageModel::IdRole).toString();
    QCOMPARE(m_model->prependOlder(conversation(10, u"old"_s)), 20);
    QTRY_COMPARE(m_view->visualRect(m_model->index(m_model->rowOf(idBefore))).top(), yBefore);
    QVERIFY(!m_view->isFollowingBottom());

    // Scrolling up again asks for the next page.
    bar->setValue(0);
    QCOMPARE(wanted.size(), 2);
}

void TestChatView::viewNotFullAsksForOlder()
{
    QSignalSpy wanted(m_view.get(), &ChatView::olderPageWanted);
    m_model->setMessages(conversation(1, u"new"_s));
    m_view->setOlderAvailable(true);
    QCOMPARE(wanted.size(), 1);
    // A short page arrives: the view is still not full, so it asks again after the layout.
    QCOMPARE(m_model->prependOlder(conversation(1, u"old"_s)), 2);
    QTRY_COMPARE(wanted.size(), 2);
    // The store runs out.
    m_view->setOlderAvailable(false);
    QCOMPARE(m_model->prependOlder(conversation(1, u"older"_s)), 2);
    QTest::qWait(20);
    QCOMPARE(wanted.size(), 2);
}

void TestChatView::layoutCacheIsBounded()
{
    m_model->setMessages(conversation(120));
    QScrollBar* bar = m_view->verticalScrollBar();
    QTRY_VERIFY(bar->maximum() > 0);
    for (int v = bar->maximum(); v >= 0; v -= m_view->viewport()->height() / 2) {
        bar->setValue(v);
        m_view->viewport()->repaint();
    }
    const auto& cache = m_view->messageDelegate()->layoutCache();
    QVERIFY(cache.documentCount() <= 64);
    QVERIFY(cache.documentCount() > 0);

    // Streaming into the last row rebuilds that row only.
    bar->setValue(bar->maximum());
    m_view->viewport()->repaint();
    m_model->appendDelta(u"tail"_s, u"mu119"_s, u"a"_s);
    QApplication::processEvents();
    m_view->viewport()->repaint();
    const int builds = m_view->messageDelegate()->layoutBuilds();
    for (int i = 0; i < 5; ++i) {
        m_model->appendDelta(u"tail"_s, u"mu119"_s, u" more"_s);
        QApplication::processEvents();
        m_view->viewport()->repaint();
    }
    QVERIFY2(m_view->messageDelegate()->layoutBuilds() - builds <= 5,
             qPrintable(QString::number(m_view->messageDelegate()->layoutBuilds() - builds)));
}

void TestChatView::retryAndReasoningAreClickable()
{
    ChatEntry failed =
        entry(u"a1"_s, MessageSender::Assistant, u"Partial answer"_s, MessageStatus::Interrupted);
    failed.reasoning = u"First I considered the question."_s;
    m_model->setMessages({entry(u"u1"_s, MessageSender::User, u"Question"_s), failed});
    QApplication::processEvents();

    QSignalSpy retry(m_view.get(), &ChatView::retryRequested);
    const QModelIndex answer = m_model->index(1);
    const QPoint retryAt = findHit(*m_view, answer, ChatMessageDelegate::Hit::Retry);
    QVERIFY(!retryAt.isNull());
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, retryAt);
    QCOMPARE(retry.size(), 1);
    QCOMPARE(retry.first().first().toString(), u"a1"_s);

    const QPoint toggleAt = findHit(*m_view, answer, ChatMessageDelegate::Hit::ReasoningToggle);
    QVERIFY(!toggleAt.isNull());
    const int heightBefore = m_view->visualRect(answer).height();
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, toggleAt);
    QVERIFY(answer.data(ChatMessageModel::ReasoningExpandedRole).toBool());
    QTRY_VERIFY(m_view->visualRect(answer).height() > heightBefore);
}

void TestChatView::linksAreClickedNotFollowedByThemselves()
{
    m_model->setMessages(
        {entry(u"a1"_s, MessageSender::Assistant,
               u"See [the docs](https://example.com/docs) or [this](javascript:alert(1))."_s)});
    QApplication::processEvents();
    QSignalSpy links(m_view.get(), &ChatView::linkActivated);
    const QPoint at = findHit(*m_view, m_model->index(0), ChatMessageDelegate::Hit::Link);
    QVERIFY(!at.isNull());
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, at);
    QCOMPARE(links.size(), 1);
    QCOMPARE(links.first().first().toUrl(), QUrl(u"https://example.com/docs"_s));
}

void TestChatView::contextMenu()
{
    m_model->setMessages({entry(u"u1"_s, MessageSender::User, u"Question *one*"_s),
                          entry(u"a1"_s, MessageSender::Assistant, u"Answer **bold**"_s)});
    QSignalSpy regenerate(m_view.get(), &ChatView::regenerateRequested);
    QSignalSpy edit(m_view.get(), &ChatView::editAndResendRequested);

    std::unique_ptr<QMenu> answerMenu(m_view->createContextMenu(m_model->index(1), nullptr));
    QVERIFY(answerMenu);
    QVERIFY(!answerMenu->findChild<QAction*>(u"editAndResendAction"_s));
    answerMenu->findChild<QAction*>(u"regenerateAction"_s)->trigger();
    QCOMPARE(regenerate.size(), 1);
    QCOMPARE(regenerate.first().first().toString(), u"a1"_s);
    answerMenu->findChild<QAction*>(u"copyAction"_s)->trigger();
    QCOMPARE(QGuiApplication::clipboard()->text().trimmed(), u"Answer bold"_s);
    answerMenu->findChild<QAction*>(u"copyMarkdownAction"_s)->trigger();
    QCOMPARE(QGuiApplication::clipboard()->text(), u"Answer **bold**"_s);

    std::unique_ptr<QMenu> userMenu(m_view->createContextMenu(m_model->index(0), nullptr));
    QVERIFY(!userMenu->findChild<QAction*>(u"regenerateAction"_s));
    userMenu->findChild<QAction*>(u"editAndResendAction"_s)->trigger();
    QCOMPARE(edit.size(), 1);
    QCOMPARE(edit.first().at(0).toString(), u"u1"_s);
    QCOMPARE(edit.first().at(1).toString(), u"Question *one*"_s);

    // Retry and the reasoning toggle are reachable from the keyboard's context menu too.
    QVERIFY(!answerMenu->findChild<QAction*>(u"retryAction"_s));
    ChatEntry interrupted = entry(u"a2"_s, MessageSender::Assistant, u"Cut"_s, MessageStatus::Interrupted);
    interrupted.reasoning = u"Because."_s;
    m_model->appendMessage(interrupted);
    QSignalSpy retry(m_view.get(), &ChatView::retryRequested);
    std::unique_ptr<QMenu> interruptedMenu(m_view->createContextMenu(m_model->index(2), nullptr));
    interruptedMenu->findChild<QAction*>(u"retryAction"_s)->trigger();
    QCOMPARE(retry.size(), 1);
    QCOMPARE(retry.first().first().toString(), u"a2"_s);
    interruptedMenu->findChild<QAction*>(u"reasoningAction"_s)->trigger();
    QVERIFY(m_model->index(2).data(ChatMessageModel::ReasoningExpandedRole).toBool());

    QVERIFY(m_view->copyLastAnswer());
    QCOMPARE(QGuiApplication::clipboard()->text(), u"Cut"_s);
    QVERIFY(!m_view->createContextMenu(QModelIndex(), nullptr));

    // Code blocks: "Copy code" for one, a menu of them (named by their first lines) for several.
    QVERIFY(!answerMenu->findChild<QAction*>(u"copyCodeAction"_s));
    m_model->appendMessage(
        entry(u"a3"_s, MessageSender::Assistant, u"Build:\n\n```sh\ncmake -B build\n```\n"_s));
    std::unique_ptr<QMenu> oneBlock(m_view->createContextMenu(m_model->index(3), nullptr));
    oneBlock->findChild<QAction*>(u"copyCodeAction"_s)->trigger();
    QCOMPARE(QGuiApplication::clipboard()->text(), u"cmake -B build"_s);
    m_model->appendMessage(entry(u"a4"_s, MessageSender::Assistant,
                                 u"```py\nprint('one')\n```\nthen\n```\nsecond block\nline 2\n```"_s));
    std::unique_ptr<QMenu> twoBlocks(m_view->createContextMenu(m_model->index(4), nullptr));
    auto* blocks = twoBlocks->findChild<QMenu*>(u"copyCodeMenu"_s);
    QVERIFY(blocks);
    QCOMPARE(blocks->actions().size(), 2);
    QCOMPARE(blocks->actions().at(1)->text(), u"&2: second block"_s);
    blocks->actions().at(1)->trigger();
    QCOMPARE(QGuiApplication::clipboard()->text(), u"second block\nline 2"_s);
}

void TestChatView::thinkingIndicator()
{
    QVERIFY(!m_view->isThinkingIndicatorVisible());
    m_view->setThinkingIndicatorVisible(true);
    QVERIFY(m_view->isThinkingIndicatorVisible());
    QVERIFY(m_view->thinkingIndicator()->isAnimating());
    const int phase = m_view->thinkingIndicator()->phase();
    QTRY_VERIFY(m_view->thinkingIndicator()->phase() != phase);
    QVERIFY(!m_view->thinkingIndicator()->accessibleName().isEmpty());
    m_view->setThinkingIndicatorVisible(false);
    QVERIFY(!m_view->thinkingIndicator()->isAnimating());
}

void TestChatView::screenshots()
{
    if (pc::testing::screenshotDir().isEmpty())
        QSKIP("PC_SCREENSHOT_DIR not set");
    ChatEntry reasoning =
        entry(u"a2"_s, MessageSender::Assistant,
              u"## Plan\n\n1. Measure\n2. Cut\n\n| Step | Cost |\n|---|---|\n| Measure | low |\n"
              u"| Cut | high |\n\n```cpp\nint main() { return 0; }\n```\n\nSee "
              u"[docs](https://example.com) and `inline code`. ![img](http://example.com/a.png)"_s);
    reasoning.reasoning = u"The user wants a plan; a table makes the costs clear."_s;
    reasoning.replyTo = u"u2"_s;
    ChatEntry queued = entry(u"u3"_s, MessageSender::User, u"And offline?"_s, MessageStatus::Queued);
    ChatEntry failed = entry(u"u4"_s, MessageSender::User, u"This one failed"_s, MessageStatus::Error);
    failed.errorText = u"Rate limited, try again in 30 s"_s;
    m_model->setMessages(
        {entry(u"u1"_s, MessageSender::User, u"Hi! Can you help me plan a small project?"_s),
         entry(u"a1"_s, MessageSender::Assistant, u"Of course. What is it about?"_s,
               MessageStatus::Interrupted),
         entry(u"u2"_s, MessageSender::User, u"Woodwork."_s), reasoning, queued, failed,
         entry(u"a5"_s, MessageSender::Assistant, u"No provider is configured."_s, MessageStatus::Offline)});
    m_model->setData(m_model->index(3), true, ChatMessageModel::ReasoningExpandedRole);
    m_view->setThinkingIndicatorVisible(true);
    m_view->resize(760, 1000);
    QCOMPARE(pc::testing::saveScreenshots(m_view.get(), u"chatview"_s), 2);
}

QTEST_MAIN(TestChatView)
#include "tst_chatview.moc"
