// ChatClient against servers that misbehave, over real loopback sockets: upgrades answered with
// 401/403/500, a server that never answers the upgrade, a connection that goes silent, a flapping
// server, a message larger than the client accepts, an authentication failure, and a thousand
// reconnect cycles that must leave no objects behind.

#include "BlackholeRelay.h"
#include "EngineFixture.h"
#include "LegacyBackendServer.h"
#include "LiveObjectCounter.h"
#include "ScriptedHttpServer.h"
#include "client/ChatClient.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace pc;
using namespace pc::test;
using namespace Qt::Literals::StringLiterals;

using State = ChatClient::State;
using Reason = ChatClient::DisconnectReason;

namespace {

constexpr auto Token = "header.payload.signature-canary-7f3a"_L1;

ChatClientOptions testOptions()
{
    ChatClientOptions options;
    options.backoffBaseMs = 10;
    options.backoffCapMs = 50;
    options.connectTimeoutMs = 3'000;
    options.watchNetworkReachability = false;
    return options;
}

// Backoff long enough that a test sees exactly one attempt.
ChatClientOptions oneAttemptOptions()
{
    ChatClientOptions options = testOptions();
    options.backoffBaseMs = 60'000;
    options.backoffCapMs = 60'000;
    options.random = [] { return 0.5; };
    return options;
}

QList<Reason> reasons(const QSignalSpy& spy)
{
    QList<Reason> out;
    for (const auto& args : spy)
        out.append(args.at(0).value<Reason>());
    return out;
}

} // namespace

class TestChatClientFaults : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void upgradeRejected_data();
    void upgradeRejected();
    void serverDown();
    void upgradeNeverAnswered();
    void blackholedConnectionReplaced();
    void flappingServerKeepsBackingOff();
    void healthyConnectionResetsBackoff();
    void hugeMessageClosesAndReconnects();
    void authFailureStopsReconnecting();
    void newTokenDuringRefusalIsTried();
    void thousandReconnectCyclesLeaveNothingBehind();
};

void TestChatClientFaults::upgradeRejected_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<State>("expectedState");
    QTest::addColumn<Reason>("expectedReason");
    QTest::newRow("401") << 401 << State::NeedsSignIn << Reason::SignInRequired;
    QTest::newRow("403") << 403 << State::NeedsSignIn << Reason::SignInRequired;
    QTest::newRow("500") << 500 << State::Reconnecting << Reason::HandshakeRejected;
    QTest::newRow("503") << 503 << State::Reconnecting << Reason::HandshakeRejected;
    QTest::newRow("404") << 404 << State::Reconnecting << Reason::HandshakeRejected;
}

void TestChatClientFaults::upgradeRejected()
{
    QFETCH(int, status);
    QFETCH(State, expectedState);
    QFETCH(Reason, expectedReason);
    ScriptedHttpServer server(ScriptedHttpServer::Mode::RespondWithStatus, status);
    QVERIFY(server.listen());
    ChatClient client(oneAttemptOptions());
    QSignalSpy reasonSpy(&client, &ChatClient::disconnected);
    QSignalSpy scheduled(&client, &ChatClient::reconnectScheduled);

    QVERIFY(client.open(server.baseUrl(), u"s1"_s, Token));
    QTRY_COMPARE(client.state(), expectedState);
    QCOMPARE(client.lastHttpStatus(), status);
    QCOMPARE(reasons(reasonSpy), QList<Reason>{expectedReason});
    QCOMPARE(scheduled.size(), expectedState == State::Reconnecting ? 1 : 0);
    // The server kept its side open: only the client's abort() ends the TCP connection.
    QCOMPARE(server.connectionCount(), 1);
    QTRY_COMPARE(server.openConnectionCount(), 0);

    // What went over the wire: the token in the header, never in the URL.
    QCOMPARE(server.requests().size(), 1);
    const QByteArray head = server.requests().first();
    const QByteArray requestLine = head.left(head.indexOf("\r\n"));
    QCOMPARE(requestLine, "GET /ws/chat/s1/?stream=1 HTTP/1.1"_ba);
    QVERIFY(head.contains(QByteArray("\r\nAuthorization: Bearer " + QByteArray(Token.data(), Token.size()))));
    QVERIFY(!head.contains("Origin:"));
}

void TestChatClientFaults::serverDown()
{
    QTcpServer reserve; // find a port nobody listens on
    QVERIFY(reserve.listen(QHostAddress::LocalHost, 0));
    const quint16 port = reserve.serverPort();
    reserve.close();
    ChatClient client(testOptions());
    QSignalSpy reasonSpy(&client, &ChatClient::disconnected);
    QSignalSpy scheduled(&client, &ChatClient::reconnectScheduled);
    QVERIFY(client.open(QUrl(u"ws://127.0.0.1:%1/ws/chat/"_s.arg(port)), u"s1"_s, Token));
    QTRY_VERIFY(scheduled.size() >= 5);
    QCOMPARE(client.state(), State::Reconnecting);
    QVERIFY(client.reconnectAttempt() >= 5);
    for (const Reason reason : reasons(reasonSpy))
        QCOMPARE(reason, Reason::NetworkError);
    client.close();
    QCOMPARE(client.state(), State::Disconnected);
}

void TestChatClientFaults::upgradeNeverAnswered()
{
    ScriptedHttpServer server(ScriptedHttpServer::Mode::NeverAnswer);
    QVERIFY(server.listen());
    ChatClientOptions options = oneAttemptOptions();
    options.connectTimeoutMs = 300;
    ChatClient client(options);
    QSignalSpy reasonSpy(&client, &ChatClient::disconnected);
    QSignalSpy scheduled(&client, &ChatClient::reconnectScheduled);
    QElapsedTimer elapsed;
    elapsed.start();

    QVERIFY(client.open(server.baseUrl(), u"s1"_s, Token));
    QTRY_COMPARE(server.requests().size(), 1);
    QCOMPARE(client.state(), State::Connecting);
    QTRY_COMPARE(reasonSpy.size(), 1);
    QVERIFY2(elapsed.elapsed() >= 250, qPrintable(QString::number(elapsed.elapsed())));
    QCOMPARE(reasonSpy.at(0).at(0).value<Reason>(), Reason::ConnectTimeout);
    QCOMPARE(client.state(), State::Reconnecting);
    QCOMPARE(scheduled.size(), 1);
    QTRY_COMPARE(server.openConnectionCount(), 0); // the stuck attempt was aborted

    // "Retry now" tries again at once, and the deadline catches that attempt too.
    client.retryNow();
    QTRY_COMPARE(server.requests().size(), 2);
    QTRY_COMPARE(reasonSpy.size(), 2);
    QCOMPARE(reasonSpy.at(1).at(0).value<Reason>(), Reason::ConnectTimeout);
}

void TestChatClientFaults::blackholedConnectionReplaced()
{
    EngineFixture f;
    BlackholeRelay relay(QHostAddress(QHostAddress::LocalHost), f.engine().port());
    QVERIFY(relay.listen());
    ChatClientOptions options = testOptions();
    options.pingIntervalMs = 200;
    options.pongTimeoutMs = 200;
    ChatClient client(options);
    QSignalSpy reasonSpy(&client, &ChatClient::disconnected);
    QSignalSpy pongs(&client, &ChatClient::pong);
    QSignalSpy acks(&client, &ChatClient::ack);

    QVERIFY(client.open(relay.baseUrl(), u"s1"_s, QString::fromLatin1(EngineFixture::token(u"1"_s))));
    QTRY_COMPARE(client.state(), State::Connected);
    // Pings go out and pongs come back: the connection stays up well past the silence limit.
    QTest::qWait(900);
    QCOMPARE(client.state(), State::Connected);
    QVERIFY(pongs.size() >= 2);
    QCOMPARE(reasonSpy.size(), 0);

    relay.blackhole();
    QElapsedTimer elapsed;
    elapsed.start();
    QTRY_COMPARE(reasonSpy.size(), 1);
    QCOMPARE(reasonSpy.at(0).at(0).value<Reason>(), Reason::LivenessTimeout);
    QVERIFY2(elapsed.elapsed() >= 100 && elapsed.elapsed() < 2'000,
             qPrintable(QString::number(elapsed.elapsed())));

    // Replaced by a fresh connection through the relay.
    QTRY_COMPARE(client.state(), State::Connected);
    QCOMPARE(acks.size(), 2);
    QCOMPARE(relay.connectionCount(), 2);
    QTRY_COMPARE(relay.openPairCount(), 1); // the silent one was let go
}

// Accepts, acknowledges and drops at once: the attempt counter never resets, so the delays grow.
void TestChatClientFaults::flappingServerKeepsBackingOff()
{
    LegacyBackendServer server;
    QVERIFY(server.listen());
    server.setCloseAfterAck(1000);
    ChatClientOptions options = testOptions();
    options.backoffBaseMs = 1;
    options.backoffCapMs = 64;
    options.healthyPeriodMs = 10'000;
    ChatClient client(options);
    QSignalSpy scheduled(&client, &ChatClient::reconnectScheduled);
    QSignalSpy acks(&client, &ChatClient::ack);
    QVERIFY(client.open(server.baseUrl(), u"s1"_s, Token));

    QTRY_VERIFY(scheduled.size() >= 12);
    QVERIFY(acks.size() >= 11); // every cycle got as far as connection_ack
    const ReconnectPolicy bounds(nullptr, options.backoffBaseMs, options.backoffCapMs);
    for (int i = 0; i < scheduled.size(); ++i)
        QVERIFY(scheduled.at(i).at(0).toInt() <= bounds.maxDelayFor(i));
    QVERIFY(client.reconnectAttempt() >= 12);
    QCOMPARE(client.reconnectAttempt(), scheduled.size());
    client.close();
}

void TestChatClientFaults::healthyConnectionResetsBackoff()
{
    LegacyBackendServer server;
    QVERIFY(server.listen());
    server.setCloseAfterAck(1000);
    ChatClientOptions options = testOptions();
    options.backoffBaseMs = 1;
    options.backoffCapMs = 8;
    options.healthyPeriodMs = 250;
    ChatClient client(options);
    QSignalSpy scheduled(&client, &ChatClient::reconnectScheduled);
    QVERIFY(client.open(server.baseUrl(), u"s1"_s, Token));
    QTRY_VERIFY(scheduled.size() >= 5);

    server.setCloseAfterAck(0); // the server recovers
    QTRY_COMPARE(client.state(), State::Connected);
    const int before = client.reconnectAttempt();
    QVERIFY(before >= 5);
    QTest::qWait(400); // longer than the healthy period
    scheduled.clear();
    server.closeAll(1001);
    QTRY_COMPARE(scheduled.size(), 1);
    QCOMPARE(client.reconnectAttempt(), 1); // started over
    QTRY_COMPARE(client.state(), State::Connected);
}

void TestChatClientFaults::hugeMessageClosesAndReconnects()
{
    LegacyBackendServer server;
    QVERIFY(server.listen());
    ChatClientOptions options = testOptions();
    options.maxIncomingMessageBytes = 64 * 1024;
    ChatClient client(options);
    QSignalSpy reasonSpy(&client, &ChatClient::disconnected);
    QSignalSpy answers(&client, &ChatClient::answer);
    QVERIFY(client.open(server.baseUrl(), u"s1"_s, Token));
    QTRY_COMPARE(client.state(), State::Connected);

    const QJsonObject huge{{u"type"_s, u"message"_s},
                           {u"role"_s, u"assistant"_s},
                           {u"message_id"_s, u"big"_s},
                           {u"content"_s, QString(200 * 1024, u'x')}};
    server.sendTextToAll(QString::fromUtf8(QJsonDocument(huge).toJson(QJsonDocument::Compact)));
    QTRY_COMPARE(reasonSpy.size(), 1);
    QCOMPARE(reasonSpy.at(0).at(0).value<Reason>(), Reason::MessageTooBig);
    QCOMPARE(client.lastCloseCode(), 1009);
    QCOMPARE(answers.size(), 0);
    QTRY_COMPARE(client.state(), State::Connected);
    QCOMPARE(server.connectionCount(), 2);

    // Just under the limit is fine.
    const QJsonObject fits{{u"type"_s, u"message"_s},
                           {u"role"_s, u"assistant"_s},
                           {u"message_id"_s, u"fits"_s},
                           {u"content"_s, QString(60 * 1024, u'y')}};
    server.sendTextToAll(QString::fromUtf8(QJsonDocument(fits).toJson(QJsonDocument::Compact)));
    QTRY_COMPARE(answers.size(), 1);
    QCOMPARE(reasonSpy.size(), 1);
}

void TestChatClientFaults::authFailureStopsReconnecting()
{
    LegacyBackendServer server;
    QVERIFY(server.listen());
    ChatClient client(testOptions());
    QSignalSpy scheduled(&client, &ChatClient::reconnectScheduled);
    QSignalSpy errors(&client, &ChatClient::error);
    QVERIFY(client.open(server.baseUrl(), u"s1"_s, Token));
    QTRY_COMPARE(client.state(), State::Connected);

    server.sendToAll(QJsonObject{{u"type"_s, u"error"_s},
                                 {u"error"_s, u"authentication_failed"_s},
                                 {u"message"_s, u"the access token has expired"_s}});
    server.closeAll(4001, u"authentication failed"_s);
    QTRY_COMPARE(client.state(), State::NeedsSignIn);
    QCOMPARE(errors.size(), 1);
    QTest::qWait(300); // dozens of backoff periods
    QCOMPARE(scheduled.size(), 0);
    QCOMPARE(server.connectionCount(), 1);
    QCOMPARE(client.state(), State::NeedsSignIn);
}

// The user signed in again while the old token was being refused: the new token is tried at once.
void TestChatClientFaults::newTokenDuringRefusalIsTried()
{
    LegacyBackendServer server;
    QVERIFY(server.listen());
    ChatClient client(testOptions());
    QVERIFY(client.open(server.baseUrl(), u"s1"_s, u"old-token"_s));
    QTRY_COMPARE(client.state(), State::Connected);
    client.setToken(u"new-token"_s);
    QCOMPARE(client.state(), State::Connected); // the open connection is kept

    server.sendToAll(QJsonObject{{u"type"_s, u"error"_s}, {u"error"_s, u"authentication_failed"_s}});
    server.closeAll(4001);
    QTRY_COMPARE(server.connectionCount(), 2);
    QTRY_COMPARE(client.state(), State::Connected);
    QCOMPARE(server.requests().at(1).rawHeader("Authorization"), "Bearer new-token"_ba);
}

void TestChatClientFaults::thousandReconnectCyclesLeaveNothingBehind()
{
    // A log line per cycle would dominate the run time.
    QLoggingCategory::setFilterRules(u"promptcraft.client.debug=false\npromptcraft.client.info=false"_s);
    const auto restoreLogging = qScopeGuard([] { QLoggingCategory::setFilterRules(QString()); });
    LiveObjectCounter counter;
    QVERIFY(counter.isActive());
    LegacyBackendServer server;
    QVERIFY(server.listen());
    server.setCloseAfterAck(1000);
    ChatClientOptions options = testOptions();
    options.backoffBaseMs = 1;
    options.backoffCapMs = 2;
    ChatClient client(options);
    QSignalSpy acks(&client, &ChatClient::ack);

    auto settle = [&] {
        client.close();
        QTRY_COMPARE(server.openConnectionCount(), 0);
        QTest::qWait(50);
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    };

    // Warm up (lazily created Qt internals), then measure.
    QVERIFY(client.open(server.baseUrl(), u"s1"_s, Token));
    QTRY_VERIFY(acks.size() >= 20);
    settle();
    const qint64 baselineObjects = counter.delta();
    const qsizetype baselineChildren = client.children().size();
    const qsizetype baselineServerChildren = server.children().size();

    QElapsedTimer elapsed;
    elapsed.start();
    acks.clear();
    QVERIFY(client.open(server.baseUrl(), u"s1"_s, Token));
    {
        // A real event loop: QTRY_* polls with 10 ms sleeps, which would dominate each cycle.
        QEventLoop loop;
        connect(&client, &ChatClient::ack, &loop, [&] {
            if (acks.size() >= 1'000)
                loop.quit();
        });
        QTimer::singleShot(30'000, &loop, &QEventLoop::quit);
        loop.exec();
    }
    QVERIFY(acks.size() >= 1'000);
    const qint64 cyclesMs = elapsed.elapsed();
    QVERIFY(client.reconnectAttempt() >= 1'000); // flapping never resets backoff
    settle();

    qInfo("1000 reconnect cycles took %lld ms; QObjects: %lld more than before", cyclesMs,
          counter.delta() - baselineObjects);
    QCOMPARE(client.children().size(), baselineChildren);
    QCOMPARE(server.children().size(), baselineServerChildren);
    const qint64 leaked = counter.delta() - baselineObjects;
    QVERIFY2(leaked <= 5, qPrintable(u"%1 QObjects more than before"_s.arg(leaked)));
    QVERIFY2(cyclesMs < 20'000, qPrintable(QString::number(cyclesMs)));
}

QTEST_GUILESS_MAIN(TestChatClientFaults)
#include "tst_chatclientfaults.moc"
