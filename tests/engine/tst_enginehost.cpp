#include "EngineFixture.h"
#include "ManualClock.h"
#include "WsProbe.h"
#include "ai/OfflineResponder.h"
#include "server/EngineHost.h"
#include "server/RateLimiter.h"

#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace pc;
using namespace pc::test;
using namespace Qt::Literals::StringLiterals;

class TestEngineHost : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void runsOnItsOwnThreadAndReportsUrl();
    void reportsStartFailure();
    void rateLimiterWindow_data();
    void rateLimiterWindow();
};

void TestEngineHost::runsOnItsOwnThreadAndReportsUrl()
{
    QTemporaryDir dir;
    EngineConfig config;
    config.port = 0;
    config.dataDir = dir.path();
    config.jwtSecret = EngineFixture::secret();
    EngineHost host;
    Qt::HANDLE backendThread = nullptr;
    const auto url = host.start(config, [&] {
        backendThread = QThread::currentThreadId();
        return std::make_shared<OfflineResponder>();
    });
    QVERIFY2(url.ok(), qPrintable(url.ok() ? QString() : url.error().message));
    QVERIFY(host.isRunning());
    QVERIFY(backendThread != QThread::currentThreadId()); // network objects are made on the engine thread
    QCOMPARE(url->scheme(), u"ws"_s);
    QCOMPARE(url->host(), u"127.0.0.1"_s);
    QVERIFY(url->port() > 0);
    QCOMPARE(url->path(), u"/ws/chat/"_s);

    WsProbe probe;
    QUrl session = *url;
    session.setPath(session.path() + u"local/"_s);
    QVERIFY(probe.open(session, EngineFixture::token(u"me"_s)));
    QVERIFY(!probe.waitFor(u"connection_ack"_s).isEmpty());
    probe.sendJson(
        QJsonObject{{u"type"_s, u"chat_message"_s}, {u"content"_s, u"hi"_s}, {u"message_id"_s, u"1"_s}});
    QCOMPARE(probe.waitFor(u"message"_s).value(u"reply_to").toString(), u"1"_s);

    host.stop();
    QVERIFY(!host.isRunning());
    QVERIFY(probe.waitForClosed());
    host.stop(); // twice is fine
}

void TestEngineHost::reportsStartFailure()
{
    QTemporaryDir dir;
    EngineConfig config;
    config.port = 0;
    config.dataDir = dir.path();
    EngineHost first;
    const auto url = first.start(config, [] { return std::make_shared<OfflineResponder>(); });
    QVERIFY(url.ok());
    config.port = quint16(url->port()); // taken
    EngineHost second;
    const auto clash = second.start(config, [] { return std::make_shared<OfflineResponder>(); });
    QVERIFY(!clash.ok());
    QVERIFY(clash.error().message.contains(u"cannot listen"_s));
    QVERIFY(!second.isRunning());
}

void TestEngineHost::rateLimiterWindow_data()
{
    QTest::addColumn<int>("limit");
    QTest::addColumn<int>("sends");
    QTest::addColumn<int>("allowed");
    QTest::newRow("under") << 5 << 4 << 4;
    QTest::newRow("at") << 5 << 5 << 5;
    QTest::newRow("over") << 5 << 9 << 5;
    QTest::newRow("unlimited") << 0 << 50 << 50;
}

void TestEngineHost::rateLimiterWindow()
{
    QFETCH(int, limit);
    QFETCH(int, sends);
    QFETCH(int, allowed);
    ManualClock clock;
    RateLimiter limiter(limit, 60'000, clock);
    int ok = 0;
    int lastRetry = 0;
    for (int i = 0; i < sends; ++i) {
        const auto d = limiter.take(u"user:a"_s);
        ok += d.allowed ? 1 : 0;
        if (!d.allowed)
            lastRetry = d.retryAfterSecs;
        clock.advanceMs(1000);
    }
    QCOMPARE(ok, allowed);
    if (sends > allowed) {
        QVERIFY(lastRetry >= 1 && lastRetry <= 60);
        // Another key is independent, and the window slides.
        QVERIFY(limiter.take(u"user:b"_s).allowed);
        clock.advanceSecs(60);
        QVERIFY(limiter.take(u"user:a"_s).allowed);
    }
}

QTEST_GUILESS_MAIN(TestEngineHost)
#include "tst_enginehost.moc"
