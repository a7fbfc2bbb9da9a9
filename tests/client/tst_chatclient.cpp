// ChatClient against the real engine over loopback: connect and acknowledge, chat, a killed and
// restarted engine, "Retry now", a deliberate close, and tokens that are refused or expire.

#include "EngineFixture.h"
#include "client/ChatClient.h"

#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

using namespace pc;
using namespace pc::test;
using namespace Qt::Literals::StringLiterals;

namespace {

ChatClientOptions quickOptions()
{
    ChatClientOptions options;
    options.backoffBaseMs = 20;
    options.backoffCapMs = 100;
    options.connectTimeoutMs = 3'000;
    options.watchNetworkReachability = false;
    return options;
}

QString tokenFor(const QString& userId, qint64 ttlSecs = 3600)
{
    return QString::fromLatin1(EngineFixture::token(userId, ttlSecs));
}

QList<ChatClient::State> states(const QSignalSpy& spy)
{
    QList<ChatClient::State> out;
    for (const auto& args : spy)
        out.append(args.at(0).value<ChatClient::State>());
    return out;
}

} // namespace

class TestChatClient : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void connectsAndAcknowledges();
    void openRefusesBadInput_data();
    void openRefusesBadInput();
    void sendRefusedUnlessConnected();
    void chatAndStreamedAnswer();
    void engineKilledAndRestarted();
    void retryNowSkipsTheWait();
    void deliberateCloseDoesNotReconnect();
    void tokenExpiringOnOpenSocket();
    void badTokenNeedsSignIn();
    void missingTokenNeedsSignIn();
    void anonymousWhenAllowed();
    void reachabilityWatcherIsHarmless();
};

void TestChatClient::connectsAndAcknowledges()
{
    EngineFixture f;
    QVERIFY2(f.started(), qPrintable(f.startError()));
    ChatClient client(quickOptions());
    QSignalSpy stateSpy(&client, &ChatClient::stateChanged);
    QSignalSpy ackSpy(&client, &ChatClient::ack);
    QCOMPARE(client.state(), ChatClient::State::Disconnected);

    QVERIFY(client.open(f.engine().url(), u"s1"_s, tokenFor(u"42"_s)));
    QCOMPARE(client.state(), ChatClient::State::Connecting);
    QTRY_COMPARE(client.state(), ChatClient::State::Connected);
    QCOMPARE(states(stateSpy),
             (QList<ChatClient::State>{ChatClient::State::Connecting, ChatClient::State::Connected}));
    QCOMPARE(ackSpy.size(), 1);
    const auto ack = ackSpy.at(0).at(0).value<ConnectionAck>();
    QCOMPARE(ack.sessionId, u"s1"_s);
    QVERIFY(ack.authenticated);
    QCOMPARE(ack.userId, std::optional<QString>(u"42"_s));
    QVERIFY(ack.features.streaming);

    // The URL asks for deltas and carries no token: that goes in the header.
    QCOMPARE(QUrlQuery(client.url()).queryItemValue(u"stream"_s), u"1"_s);
    QVERIFY(!client.url().toString().contains(u"token"_s));
    QVERIFY(!client.url().toString().contains(u"eyJ"_s));
    QCOMPARE(client.url().path(), u"/ws/chat/s1/"_s);
    QCOMPARE(client.reconnectAttempt(), 0);
    QCOMPARE(f.engine().connectionCount(), 1);
}

void TestChatClient::openRefusesBadInput_data()
{
    QTest::addColumn<QUrl>("base");
    QTest::addColumn<QString>("sessionId");
    QTest::newRow("bad session id") << QUrl(u"ws://127.0.0.1:1/ws/chat/"_s) << u"a.b"_s;
    QTest::newRow("empty session id") << QUrl(u"ws://127.0.0.1:1/ws/chat/"_s) << QString();
    QTest::newRow("http scheme") << QUrl(u"http://127.0.0.1:1/ws/chat/"_s) << u"s1"_s;
    QTest::newRow("no host") << QUrl(u"ws:///ws/chat/"_s) << u"s1"_s;
    QTest::newRow("empty") << QUrl() << u"s1"_s;
}

void TestChatClient::openRefusesBadInput()
{
    QFETCH(QUrl, base);
    QFETCH(QString, sessionId);
    ChatClient client(quickOptions());
    QSignalSpy stateSpy(&client, &ChatClient::stateChanged);
    QVERIFY(!client.open(base, sessionId, u"token"_s));
    QCOMPARE(client.state(), ChatClient::State::Disconnected);
    QCOMPARE(stateSpy.size(), 0);
}

void TestChatClient::sendRefusedUnlessConnected()
{
    EngineFixture f;
    ChatClient client(quickOptions());
    QVERIFY(!client.send(ChatMessage{u"hello"_s, u"m0"_s}));
    QVERIFY(client.open(f.engine().url(), u"s1"_s, tokenFor(u"1"_s)));
    QVERIFY(!client.send(ChatMessage{u"too early"_s, u"m1"_s})); // before connection_ack
    QTRY_COMPARE(client.state(), ChatClient::State::Connected);
    QVERIFY(client.send(Ping{}));
    client.close();
    QVERIFY(!client.send(ChatMessage{u"too late"_s, u"m2"_s}));
}

void TestChatClient::chatAndStreamedAnswer()
{
    EngineFixture f;
    ChatClient client(quickOptions());
    QSignalSpy answers(&client, &ChatClient::answer);
    QSignalSpy deltas(&client, &ChatClient::delta);
    QSignalSpy echoes(&client, &ChatClient::userEcho);
    QSignalSpy errors(&client, &ChatClient::error);
    QSignalSpy pongs(&client, &ChatClient::pong);
    QVERIFY(client.open(f.engine().url(), u"chat-1"_s, tokenFor(u"5"_s)));
    QTRY_COMPARE(client.state(), ChatClient::State::Connected);

    QVERIFY(client.send(ChatMessage{u"Write a haiku about sockets"_s, u"msg-1"_s}));
    QTRY_COMPARE(answers.size(), 1);
    const auto answer = answers.at(0).at(0).value<AssistantMessage>();
    QCOMPARE(answer.replyTo, u"msg-1"_s);
    QVERIFY(!answer.content.isEmpty());
    QVERIFY(!answer.messageId.isEmpty());
    QCOMPARE(answer.status, AnswerStatus::Offline); // no AI provider in tests: the offline responder
    QString streamed;
    for (const auto& args : std::as_const(deltas)) {
        const auto d = args.at(0).value<MessageDelta>();
        QCOMPARE(d.replyTo, u"msg-1"_s);
        streamed += d.delta;
    }
    if (!deltas.isEmpty())
        QCOMPARE(streamed, answer.content);

    QVERIFY(client.send(Ping{}));
    QTRY_COMPARE(pongs.size(), 1);
    QCOMPARE(echoes.size(), 0);
    QCOMPARE(errors.size(), 0);
}

void TestChatClient::engineKilledAndRestarted()
{
    EngineFixture f;
    const QUrl base = f.engine().url();
    ChatClient client(quickOptions());
    QSignalSpy scheduled(&client, &ChatClient::reconnectScheduled);
    QSignalSpy ackSpy(&client, &ChatClient::ack);
    QSignalSpy reasons(&client, &ChatClient::disconnected);
    QVERIFY(client.open(base, u"s1"_s, tokenFor(u"1"_s)));
    QTRY_COMPARE(client.state(), ChatClient::State::Connected);

    f.engine().shutdown(); // the server is gone
    QTRY_COMPARE(client.state(), ChatClient::State::Reconnecting);
    // It keeps trying with growing, capped delays while the engine is down.
    QTRY_VERIFY(scheduled.size() >= 4);
    QVERIFY(client.reconnectAttempt() >= 4);
    for (const auto& args : std::as_const(scheduled)) {
        const int delay = args.at(0).toInt();
        QVERIFY(delay >= 0 && delay <= quickOptions().backoffCapMs);
    }
    QCOMPARE(client.state(), ChatClient::State::Reconnecting);
    QVERIFY(reasons.size() >= 4);
    for (const auto& args : std::as_const(reasons))
        QVERIFY(args.at(0).value<ChatClient::DisconnectReason>() !=
                ChatClient::DisconnectReason::SignInRequired);

    QVERIFY(f.restart());
    QCOMPARE(f.engine().url(), base);
    QTRY_COMPARE(client.state(), ChatClient::State::Connected);
    QCOMPARE(ackSpy.size(), 2);
    QVERIFY(client.send(ChatMessage{u"back again"_s, u"after-restart"_s}));
    QSignalSpy answers(&client, &ChatClient::answer);
    QTRY_COMPARE(answers.size(), 1);
}

void TestChatClient::retryNowSkipsTheWait()
{
    EngineFixture f;
    const QUrl base = f.engine().url();
    ChatClientOptions options = quickOptions();
    options.backoffBaseMs = 60'000;
    options.backoffCapMs = 60'000;
    options.random = [] { return 0.99; };
    ChatClient client(options);
    QSignalSpy scheduled(&client, &ChatClient::reconnectScheduled);
    QVERIFY(client.open(base, u"s1"_s, tokenFor(u"1"_s)));
    QTRY_COMPARE(client.state(), ChatClient::State::Connected);

    f.engine().shutdown();
    QTRY_COMPARE(scheduled.size(), 1);
    QVERIFY(scheduled.at(0).at(0).toInt() > 50'000);
    QVERIFY(client.isReconnectScheduled());
    QVERIFY(f.restart());
    QTest::qWait(300);
    QCOMPARE(client.state(), ChatClient::State::Reconnecting); // still waiting out the backoff

    client.retryNow();
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), ChatClient::State::Connected, 3'000);
    QVERIFY(!client.isReconnectScheduled());
    client.retryNow(); // connected: nothing to do
    QCOMPARE(client.state(), ChatClient::State::Connected);
    QCOMPARE(f.engine().connectionCount(), 1);
}

void TestChatClient::deliberateCloseDoesNotReconnect()
{
    EngineFixture f;
    ChatClient client(quickOptions());
    QSignalSpy scheduled(&client, &ChatClient::reconnectScheduled);
    QSignalSpy reasons(&client, &ChatClient::disconnected);
    QVERIFY(client.open(f.engine().url(), u"s1"_s, tokenFor(u"1"_s)));
    QTRY_COMPARE(client.state(), ChatClient::State::Connected);
    QTRY_COMPARE(f.engine().connectionCount(), 1);

    client.close();
    QCOMPARE(client.state(), ChatClient::State::Disconnected);
    QCOMPARE(reasons.size(), 1);
    QCOMPARE(reasons.at(0).at(0).value<ChatClient::DisconnectReason>(),
             ChatClient::DisconnectReason::Deliberate);
    // The close frame reaches the engine, which lets go of the connection.
    QTRY_COMPARE(f.engine().connectionCount(), 0);
    QTest::qWait(400); // many backoff periods
    QCOMPARE(scheduled.size(), 0);
    QCOMPARE(f.engine().connectionCount(), 0);
    QCOMPARE(client.state(), ChatClient::State::Disconnected);
    client.retryNow(); // closed on purpose: stays closed
    QCOMPARE(client.state(), ChatClient::State::Disconnected);
}

void TestChatClient::tokenExpiringOnOpenSocket()
{
    EngineConfig config;
    config.jwtLeewaySecs = 0;
    EngineFixture f(config);
    ChatClient client(quickOptions());
    QSignalSpy scheduled(&client, &ChatClient::reconnectScheduled);
    QSignalSpy errors(&client, &ChatClient::error);
    QSignalSpy reasons(&client, &ChatClient::disconnected);
    QVERIFY(client.open(f.engine().url(), u"s1"_s, tokenFor(u"1"_s, 2)));
    QTRY_COMPARE(client.state(), ChatClient::State::Connected);

    QTRY_COMPARE_WITH_TIMEOUT(client.state(), ChatClient::State::NeedsSignIn, 6'000);
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors.at(0).at(0).value<ErrorReply>().code, std::optional(ErrorCode::AuthenticationFailed));
    QCOMPARE(client.lastCloseCode(), 4001);
    QCOMPARE(reasons.size(), 1);
    QCOMPARE(reasons.at(0).at(0).value<ChatClient::DisconnectReason>(),
             ChatClient::DisconnectReason::SignInRequired);

    // No reconnect loop afterwards.
    QTest::qWait(500);
    QCOMPARE(scheduled.size(), 0);
    QCOMPARE(client.state(), ChatClient::State::NeedsSignIn);
    QCOMPARE(f.engine().connectionCount(), 0);

    // Signing in again connects at once.
    client.setToken(tokenFor(u"1"_s));
    QCOMPARE(client.state(), ChatClient::State::Connecting);
    QTRY_COMPARE(client.state(), ChatClient::State::Connected);
}

void TestChatClient::badTokenNeedsSignIn()
{
    EngineFixture f;
    ChatClient client(quickOptions());
    QSignalSpy stateSpy(&client, &ChatClient::stateChanged);
    QSignalSpy scheduled(&client, &ChatClient::reconnectScheduled);
    QSignalSpy errors(&client, &ChatClient::error);
    QVERIFY(client.open(f.engine().url(), u"s1"_s, u"not-a-token"_s));
    QTRY_COMPARE(client.state(), ChatClient::State::NeedsSignIn);
    QCOMPARE(states(stateSpy),
             (QList<ChatClient::State>{ChatClient::State::Connecting, ChatClient::State::NeedsSignIn}));
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors.at(0).at(0).value<ErrorReply>().code, std::optional(ErrorCode::AuthenticationFailed));
    QTest::qWait(300);
    QCOMPARE(scheduled.size(), 0);
    QCOMPARE(client.state(), ChatClient::State::NeedsSignIn);

    // "Retry now" tries once more with the same token, and ends up in the same place.
    client.retryNow();
    QCOMPARE(client.state(), ChatClient::State::Connecting);
    QTRY_COMPARE(client.state(), ChatClient::State::NeedsSignIn);
    QCOMPARE(errors.size(), 2);
    QCOMPARE(scheduled.size(), 0);
}

void TestChatClient::missingTokenNeedsSignIn()
{
    EngineFixture f; // anonymous sessions not allowed
    ChatClient client(quickOptions());
    QSignalSpy errors(&client, &ChatClient::error);
    QSignalSpy scheduled(&client, &ChatClient::reconnectScheduled);
    QVERIFY(client.open(f.engine().url(), u"s1"_s, QString()));
    QTRY_COMPARE(client.state(), ChatClient::State::NeedsSignIn);
    QCOMPARE(errors.at(0).at(0).value<ErrorReply>().code, std::optional(ErrorCode::AuthenticationRequired));
    QCOMPARE(scheduled.size(), 0);
    client.setToken(QString()); // still nobody to sign in as
    QCOMPARE(client.state(), ChatClient::State::NeedsSignIn);
}

void TestChatClient::anonymousWhenAllowed()
{
    EngineConfig config;
    config.allowAnonymous = true;
    EngineFixture f(config);
    ChatClient client(quickOptions());
    QSignalSpy ackSpy(&client, &ChatClient::ack);
    QVERIFY(client.open(f.engine().url(), u"anon-1"_s, QString()));
    QTRY_COMPARE(client.state(), ChatClient::State::Connected);
    const auto ack = ackSpy.at(0).at(0).value<ConnectionAck>();
    QVERIFY(!ack.authenticated);
    QVERIFY(!ack.userId.has_value());
}

// With the network watcher on (whatever backend loads here, if any) the client behaves the same.
void TestChatClient::reachabilityWatcherIsHarmless()
{
    EngineFixture f;
    ChatClientOptions options = quickOptions();
    options.watchNetworkReachability = true;
    ChatClient client(options);
    QVERIFY(client.open(f.engine().url(), u"s1"_s, tokenFor(u"1"_s)));
    QTRY_COMPARE(client.state(), ChatClient::State::Connected);
    client.close();
    QCOMPARE(client.state(), ChatClient::State::Disconnected);
}

QTEST_GUILESS_MAIN(TestChatClient)
#include "tst_chatclient.moc"
