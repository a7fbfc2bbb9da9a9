#include "UiScreenshots.h"
#include "widgets/ConnectionBanner.h"

#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;
using namespace std::chrono_literals;
using pc::ConnectionBanner;

class TestConnectionBanner : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void connected();
    void connecting();
    void reconnectingCountsDown();
    void retryNow();
    void offlineWithQueue();
    void needsSignIn();
    void queuedCountInOtherStates();
    void accessibleNames();
    void screenshots();

private:
    [[nodiscard]] QLabel* label() const { return m_banner->findChild<QLabel*>(u"connectionBannerText"_s); }
    [[nodiscard]] bool retryShown() const { return !m_banner->retryButton()->isHidden(); }
    [[nodiscard]] bool signInShown() const { return !m_banner->signInButton()->isHidden(); }

    std::unique_ptr<ConnectionBanner> m_banner;
};

void TestConnectionBanner::init()
{
    m_banner = std::make_unique<ConnectionBanner>();
    m_banner->resize(640, 40);
    m_banner->show();
}

void TestConnectionBanner::cleanup()
{
    m_banner.reset();
}

void TestConnectionBanner::connected()
{
    m_banner->setConnected();
    QCOMPARE(m_banner->state(), ConnectionBanner::State::Connected);
    QCOMPARE(m_banner->text(), u"Connected"_s);
    QVERIFY(label()->isHidden());
    QVERIFY(!retryShown());
    QVERIFY(!signInShown());
    QVERIFY(m_banner->height() <= 4); // a thin strip
    QCOMPARE(m_banner->toolTip(), u"Connected"_s);
    m_banner->setShowConnectedStrip(false);
    QVERIFY(m_banner->isHidden());
    m_banner->setConnecting();
    QVERIFY(!m_banner->isHidden());
}

void TestConnectionBanner::connecting()
{
    m_banner->setConnecting();
    QCOMPARE(m_banner->state(), ConnectionBanner::State::Connecting);
    QCOMPARE(label()->text(), u"Connecting…"_s);
    QVERIFY(!retryShown());
    QVERIFY(!signInShown());
}

void TestConnectionBanner::reconnectingCountsDown()
{
    m_banner->setReconnecting(2s);
    QCOMPARE(m_banner->state(), ConnectionBanner::State::Reconnecting);
    QCOMPARE(m_banner->secondsLeft(), 2);
    QCOMPARE(label()->text(), u"Connection lost. Reconnecting in 2 s…"_s);
    QVERIFY(retryShown());
    QVERIFY(!signInShown());
    QTRY_COMPARE_WITH_TIMEOUT(label()->text(), u"Connection lost. Reconnecting in 1 s…"_s, 2500);
    QTRY_COMPARE_WITH_TIMEOUT(label()->text(), u"Connection lost. Reconnecting…"_s, 2500);
    QCOMPARE(m_banner->secondsLeft(), 0);
    // A new backoff restarts the countdown.
    m_banner->setReconnecting(30s);
    QCOMPARE(label()->text(), u"Connection lost. Reconnecting in 30 s…"_s);
}

void TestConnectionBanner::retryNow()
{
    QSignalSpy retry(m_banner.get(), &ConnectionBanner::retryNowClicked);
    m_banner->setReconnecting(10s);
    QTest::mouseClick(m_banner->retryButton(), Qt::LeftButton);
    QCOMPARE(retry.size(), 1);
    QCOMPARE(m_banner->retryButton()->text(), u"Retry now"_s);
}

void TestConnectionBanner::offlineWithQueue()
{
    m_banner->setOffline(0);
    QCOMPARE(m_banner->state(), ConnectionBanner::State::Offline);
    QCOMPARE(label()->text(), u"Offline. Messages you send will wait until the connection is back."_s);
    QVERIFY(retryShown());
    QVERIFY(!signInShown());
    m_banner->setOffline(1);
    QCOMPARE(label()->text(), u"Offline. 1 message will be sent when connected."_s);
    m_banner->setOffline(3);
    QCOMPARE(label()->text(), u"Offline. 3 messages will be sent when connected."_s);
}

void TestConnectionBanner::needsSignIn()
{
    QSignalSpy signIn(m_banner.get(), &ConnectionBanner::signInClicked);
    m_banner->setNeedsSignIn();
    QCOMPARE(m_banner->state(), ConnectionBanner::State::NeedsSignIn);
    QCOMPARE(label()->text(), u"Signed out. Sign in to keep chatting."_s);
    QVERIFY(signInShown());
    QVERIFY(!retryShown());
    QCOMPARE(m_banner->signInButton()->text(), u"Sign in"_s);
    QTest::mouseClick(m_banner->signInButton(), Qt::LeftButton);
    QCOMPARE(signIn.size(), 1);
    m_banner->setNeedsSignIn(u"your session expired."_s);
    QCOMPARE(label()->text(), u"Signed out: your session expired. Sign in to keep chatting."_s);
}

void TestConnectionBanner::queuedCountInOtherStates()
{
    m_banner->setQueuedCount(2);
    m_banner->setReconnecting(5s);
    QCOMPARE(label()->text(),
             u"Connection lost. Reconnecting in 5 s… 2 messages will be sent when connected."_s);
    m_banner->setConnected();
    QCOMPARE(m_banner->text(), u"Connected"_s);
}

void TestConnectionBanner::accessibleNames()
{
    QVERIFY(!m_banner->accessibleName().isEmpty());
    QVERIFY(!m_banner->retryButton()->accessibleName().isEmpty());
    QVERIFY(!m_banner->signInButton()->accessibleName().isEmpty());
    m_banner->setOffline(2);
    QCOMPARE(m_banner->accessibleDescription(), m_banner->text());
}

void TestConnectionBanner::screenshots()
{
    if (pc::testing::screenshotDir().isEmpty())
        QSKIP("PC_SCREENSHOT_DIR not set");
    // All states stacked, as they would sit above the chat.
    QWidget page;
    page.setAutoFillBackground(true);
    auto* layout = new QVBoxLayout(&page);
    layout->setSpacing(8);
    auto add = [&] {
        auto* b = new ConnectionBanner(&page);
        layout->addWidget(b);
        return b;
    };
    add()->setConnected();
    add()->setConnecting();
    add()->setReconnecting(12s);
    add()->setOffline(3);
    add()->setNeedsSignIn(u"your session expired."_s);
    page.resize(640, 260);
    QCOMPARE(pc::testing::saveScreenshots(&page, u"connectionbanner"_s), 2);
}

QTEST_MAIN(TestConnectionBanner)
#include "tst_connectionbanner.moc"
