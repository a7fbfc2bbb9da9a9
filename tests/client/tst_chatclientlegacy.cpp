// ChatClient against a stand-in for the older Django backend (LegacyBackendServer): user echoes,
// conversation_template_created, typing events, heartbeats, repeated template suggestions, errors
// without a code, unknown and malformed messages, and its idle close with a bare 4001.

#include "LegacyBackendServer.h"
#include "client/ChatClient.h"

#include <QJsonArray>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTest>

using namespace pc;
using namespace pc::test;
using namespace Qt::Literals::StringLiterals;

using State = ChatClient::State;
using Reason = ChatClient::DisconnectReason;

namespace {

QStringList g_logged;
QtMessageHandler g_previousHandler = nullptr;

void captureMessage(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    g_logged.append(message);
    if (g_previousHandler)
        g_previousHandler(type, context, message);
}

ChatClientOptions testOptions()
{
    ChatClientOptions options;
    options.backoffBaseMs = 10;
    options.backoffCapMs = 50;
    options.watchNetworkReachability = false;
    return options;
}

QJsonObject suggestion(const QString& title, const QString& category)
{
    return QJsonObject{{u"type"_s, u"template_opportunity"_s},
                       {u"suggestion"_s, QJsonObject{{u"title"_s, title},
                                                     {u"description"_s, u"d"_s},
                                                     {u"category"_s, category},
                                                     {u"confidence"_s, 0.7},
                                                     {u"reasoning"_s, u"r"_s}}}};
}

} // namespace

class TestChatClientLegacy : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void connectsWithNumericUserId();
    void chatWithEchoesTypingAndRepeatedSuggestions();
    void foreignUserEchoIsReported();
    void suggestionsOncePerSession();
    void conversationTemplateCreated();
    void optimizationResult();
    void errorWithOnlyAMessage();
    void unknownAndMalformedMessagesSkipped_data();
    void unknownAndMalformedMessagesSkipped();
    void malformedMessageLogIsRedactedAndTruncated();
    void heartbeatsKeepTheConnectionAlive();
    void bareIdleClose4001Reconnects();
    void close4000ReconnectsWithBackoff();
    void authenticationErrorEarlierDoesNotTurnIdleCloseIntoSignIn();

private:
    LegacyBackendServer* m_server = nullptr;
    ChatClient* m_client = nullptr;
};

void TestChatClientLegacy::init()
{
    m_server = new LegacyBackendServer(this);
    QVERIFY(m_server->listen());
    m_client = new ChatClient(testOptions(), this);
}

void TestChatClientLegacy::cleanup()
{
    delete m_client;
    delete m_server;
    m_client = nullptr;
    m_server = nullptr;
}

void TestChatClientLegacy::connectsWithNumericUserId()
{
    QSignalSpy acks(m_client, &ChatClient::ack);
    QVERIFY(m_client->open(m_server->baseUrl(), u"session_user_42_1732550000000"_s, u"tok"_s));
    QTRY_COMPARE(m_client->state(), State::Connected);
    const auto ack = acks.at(0).at(0).value<ConnectionAck>();
    QCOMPARE(ack.userId, std::optional<QString>(u"42"_s));
    QCOMPARE(ack.sessionId, u"session_user_42_1732550000000"_s);
    QCOMPARE(m_server->requests().at(0).rawHeader("Authorization"), "Bearer tok"_ba);
}

void TestChatClientLegacy::chatWithEchoesTypingAndRepeatedSuggestions()
{
    QSignalSpy answers(m_client, &ChatClient::answer);
    QSignalSpy echoes(m_client, &ChatClient::userEcho);
    QSignalSpy typing(m_client, &ChatClient::typing);
    QSignalSpy opportunities(m_client, &ChatClient::templateOpportunity);
    QSignalSpy errors(m_client, &ChatClient::error);
    QVERIFY(m_client->open(m_server->baseUrl(), u"s1"_s, u"tok"_s));
    QTRY_COMPARE(m_client->state(), State::Connected);

    QVERIFY(m_client->send(ChatMessage{u"Draft a status email"_s, u"m-1"_s}));
    QTRY_COMPARE(opportunities.size(), 1);
    QCOMPARE(answers.size(), 1);
    const auto first = answers.at(0).at(0).value<AssistantMessage>();
    QCOMPARE(first.content, u"Echo: Draft a status email"_s);
    QCOMPARE(first.messageId, u"1000"_s); // numeric ids become strings
    QCOMPARE(echoes.size(), 0);           // our own message came back: dropped
    QCOMPARE(typing.size(), 2);
    QCOMPARE(typing.at(0).at(0).toBool(), true);
    QCOMPARE(typing.at(1).at(0).toBool(), false);
    const auto opportunity = opportunities.at(0).at(0).value<TemplateOpportunity>();
    QCOMPARE(opportunity.suggestion.title, u"Status email"_s);
    QCOMPARE(opportunity.suggestion.category, u"Business"_s);

    // The backend sends the same suggestion after every later message: shown once.
    QVERIFY(m_client->send(ChatMessage{u"Make it shorter"_s, u"m-2"_s}));
    QVERIFY(m_client->send(ChatMessage{u"And friendlier"_s, u"m-3"_s}));
    QTRY_COMPARE(answers.size(), 3);
    QTRY_COMPARE(typing.size(), 6);
    QTest::qWait(50);
    QCOMPARE(opportunities.size(), 1);
    QCOMPARE(echoes.size(), 0);
    QCOMPARE(errors.size(), 0);
    QCOMPARE(m_server->receivedOfType(u"chat_message"_s).size(), 3);
}

// A message the user sent from another tab comes back as an echo this client did not send.
void TestChatClientLegacy::foreignUserEchoIsReported()
{
    QSignalSpy echoes(m_client, &ChatClient::userEcho);
    QVERIFY(m_client->open(m_server->baseUrl(), u"s1"_s, u"tok"_s));
    QTRY_COMPARE(m_client->state(), State::Connected);
    m_server->sendToAll(QJsonObject{{u"type"_s, u"message"_s},
                                    {u"role"_s, u"user"_s},
                                    {u"message_id"_s, u"other-tab-1"_s},
                                    {u"content"_s, u"typed elsewhere"_s}});
    QTRY_COMPARE(echoes.size(), 1);
    const auto echo = echoes.at(0).at(0).value<UserEcho>();
    QCOMPARE(echo.messageId, u"other-tab-1"_s);
    QCOMPARE(echo.content, u"typed elsewhere"_s);
}

void TestChatClientLegacy::suggestionsOncePerSession()
{
    QSignalSpy opportunities(m_client, &ChatClient::templateOpportunity);
    QVERIFY(m_client->open(m_server->baseUrl(), u"s1"_s, u"tok"_s));
    QTRY_COMPARE(m_client->state(), State::Connected);
    m_server->sendToAll(suggestion(u"A"_s, u"Business"_s));
    m_server->sendToAll(suggestion(u"A"_s, u"Business"_s));
    m_server->sendToAll(suggestion(u"A"_s, u"Personal"_s)); // another category: another suggestion
    m_server->sendToAll(suggestion(u"B"_s, u"Business"_s));
    QTRY_COMPARE(opportunities.size(), 3);

    // Still once after a reconnect of the same session...
    m_server->closeAll(1001);
    QTRY_COMPARE(m_server->connectionCount(), 2);
    QTRY_COMPARE(m_client->state(), State::Connected);
    m_server->sendToAll(suggestion(u"A"_s, u"Business"_s));
    QTest::qWait(50);
    QCOMPARE(opportunities.size(), 3);

    // ...but a new session starts afresh.
    QVERIFY(m_client->open(m_server->baseUrl(), u"s2"_s, u"tok"_s));
    QTRY_COMPARE(m_client->state(), State::Connected);
    m_server->sendToAll(suggestion(u"A"_s, u"Business"_s));
    QTRY_COMPARE(opportunities.size(), 4);
}

void TestChatClientLegacy::conversationTemplateCreated()
{
    QSignalSpy created(m_client, &ChatClient::templateCreated);
    QVERIFY(m_client->open(m_server->baseUrl(), u"s1"_s, u"tok"_s));
    QTRY_COMPARE(m_client->state(), State::Connected);
    QVERIFY(m_client->send(SaveConversationAsTemplate{u"Status email"_s, u"Business"_s, true, {}}));
    QTRY_COMPARE(created.size(), 1);
    const auto message = created.at(0).at(0).value<TemplateCreated>();
    QCOMPARE(message.tmpl.title, u"Status email"_s);
    QCOMPARE(message.tmpl.category, u"Business"_s);
    QCOMPARE(message.messageCount, 4);
    QCOMPARE(message.message, u"Template created"_s);
}

void TestChatClientLegacy::optimizationResult()
{
    QSignalSpy results(m_client, &ChatClient::optimizationResult);
    QVERIFY(m_client->open(m_server->baseUrl(), u"s1"_s, u"tok"_s));
    QTRY_COMPARE(m_client->state(), State::Connected);
    QVERIFY(m_client->send(OptimizePrompt{u"write email"_s, {}, OptimizationType::Clarity}));
    QTRY_COMPARE(results.size(), 1);
    const auto result = results.at(0).at(0).value<OptimizationResult>();
    QCOMPARE(result.originalPrompt, u"write email"_s);
    QCOMPARE(result.optimizedPrompt, u"Better: write email"_s);
    QCOMPARE(result.improvements, QStringList{u"clearer"_s});
}

void TestChatClientLegacy::errorWithOnlyAMessage()
{
    QSignalSpy errors(m_client, &ChatClient::error);
    QVERIFY(m_client->open(m_server->baseUrl(), u"s1"_s, u"tok"_s));
    QTRY_COMPARE(m_client->state(), State::Connected);
    QVERIFY(m_client->send(ListTemplates{})); // an extension the old backend does not know
    QTRY_COMPARE(errors.size(), 1);
    const auto error = errors.at(0).at(0).value<ErrorReply>();
    QVERIFY(!error.code.has_value());
    QCOMPARE(error.message, u"Unknown message type: list_templates"_s);
    QCOMPARE(m_client->state(), State::Connected);
}

void TestChatClientLegacy::unknownAndMalformedMessagesSkipped_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("unknown type") << uR"({"type":"session_status","active":true})"_s;
    QTest::newRow("not JSON") << u"<html>502 Bad Gateway</html>"_s;
    QTest::newRow("array") << u"[1,2,3]"_s;
    QTest::newRow("number") << u"42"_s;
    QTest::newRow("no type") << uR"({"content":"hi"})"_s;
    QTest::newRow("type not a string") << uR"({"type":7})"_s;
    QTest::newRow("answer without content") << uR"({"type":"message","role":"assistant"})"_s;
    QTest::newRow("suggestion not an object") << uR"({"type":"template_opportunity","suggestion":3})"_s;
    QTest::newRow("token in junk")
        << uR"({"type":"message","token":"eyJhbGciOiJIUzI1NiJ9.eyJ1c2VyIjoxfQ.c2ln"})"_s;
}

void TestChatClientLegacy::unknownAndMalformedMessagesSkipped()
{
    QFETCH(QString, text);
    QSignalSpy answers(m_client, &ChatClient::answer);
    QSignalSpy errors(m_client, &ChatClient::error);
    QSignalSpy opportunities(m_client, &ChatClient::templateOpportunity);
    QSignalSpy reasons(m_client, &ChatClient::disconnected);
    QVERIFY(m_client->open(m_server->baseUrl(), u"s1"_s, u"tok"_s));
    QTRY_COMPARE(m_client->state(), State::Connected); // the backend's unknown session_restored too

    m_server->sendTextToAll(text);
    // The connection carries on: the next real message arrives as usual.
    QVERIFY(m_client->send(ChatMessage{u"still there?"_s, u"m-1"_s}));
    QTRY_COMPARE(answers.size(), 1);
    QCOMPARE(errors.size(), 0);
    QCOMPARE(reasons.size(), 0);
    QCOMPARE(m_client->state(), State::Connected);
}

void TestChatClientLegacy::malformedMessageLogIsRedactedAndTruncated()
{
    const QString jwt = u"eyJhbGciOiJIUzI1NiJ9.eyJ1c2VyX2lkIjoiNDIifQ.c2lnbmF0dXJlLWNhbmFyeQ"_s;
    QVERIFY(m_client->open(m_server->baseUrl(), u"s1"_s, u"tok"_s));
    QTRY_COMPARE(m_client->state(), State::Connected);
    g_logged.clear();
    g_previousHandler = qInstallMessageHandler(captureMessage);
    const auto restore = qScopeGuard([] { qInstallMessageHandler(g_previousHandler); });
    // A token that straddles the cut-off point of the log line.
    m_server->sendTextToAll(uR"({"type":"message","junk":")"_s + QString(150, u'y') + uR"(","access":")"_s +
                            jwt + uR"(","junk":")"_s + QString(20'000, u'z') + u"\"}"_s);
    QSignalSpy pongs(m_client, &ChatClient::pong);
    QVERIFY(m_client->send(Ping{}));
    QTRY_COMPARE(pongs.size(), 1);
    qInstallMessageHandler(g_previousHandler);

    const QString joined = g_logged.join(u'\n');
    QVERIFY(joined.contains(u"skipping a malformed message"_s));
    QVERIFY(joined.contains(u"[redacted]"_s));
    QVERIFY(!joined.contains(u"eyJ"_s));
    for (const QString& line : std::as_const(g_logged))
        QVERIFY2(line.size() < 1'000, qPrintable(QString::number(line.size())));
}

// The old backend answers no pings here, but its heartbeats show the connection is alive.
void TestChatClientLegacy::heartbeatsKeepTheConnectionAlive()
{
    delete m_client;
    ChatClientOptions options = testOptions();
    options.pingIntervalMs = 200;
    options.pongTimeoutMs = 200;
    m_client = new ChatClient(options, this);
    m_server->setAutoReply(false);
    m_server->setHeartbeatIntervalMs(50);
    QSignalSpy reasons(m_client, &ChatClient::disconnected);
    QVERIFY(m_client->open(m_server->baseUrl(), u"s1"_s, u"tok"_s));
    QTRY_COMPARE(m_client->state(), State::Connected);
    QTest::qWait(900);
    QCOMPARE(reasons.size(), 0);
    QVERIFY(m_server->receivedOfType(u"ping"_s).size() >= 3);

    m_server->setHeartbeatIntervalMs(0); // silence
    QTRY_COMPARE(reasons.size(), 1);
    QCOMPARE(reasons.at(0).at(0).value<Reason>(), Reason::LivenessTimeout);
    m_server->setHeartbeatIntervalMs(50);
    QTRY_COMPARE(m_client->state(), State::Connected);
}

void TestChatClientLegacy::bareIdleClose4001Reconnects()
{
    QSignalSpy stateSpy(m_client, &ChatClient::stateChanged);
    QSignalSpy reasons(m_client, &ChatClient::disconnected);
    QSignalSpy scheduled(m_client, &ChatClient::reconnectScheduled);
    QVERIFY(m_client->open(m_server->baseUrl(), u"s1"_s, u"tok"_s));
    QTRY_COMPARE(m_client->state(), State::Connected);

    m_server->closeAll(4001, u"idle"_s);
    QTRY_COMPARE(reasons.size(), 1);
    QCOMPARE(reasons.at(0).at(0).value<Reason>(), Reason::ServerClosed);
    QCOMPARE(m_client->lastCloseCode(), 4001);
    QCOMPARE(scheduled.size(), 1);
    QTRY_COMPARE(m_client->state(), State::Connected);
    QCOMPARE(m_server->connectionCount(), 2);
    for (const auto& args : std::as_const(stateSpy))
        QVERIFY(args.at(0).value<State>() != State::NeedsSignIn);
}

void TestChatClientLegacy::close4000ReconnectsWithBackoff()
{
    QSignalSpy reasons(m_client, &ChatClient::disconnected);
    QSignalSpy scheduled(m_client, &ChatClient::reconnectScheduled);
    QVERIFY(m_client->open(m_server->baseUrl(), u"s1"_s, u"tok"_s));
    QTRY_COMPARE(m_client->state(), State::Connected);
    QSignalSpy states(m_client, &ChatClient::stateChanged);
    m_server->closeAll(4000, u"failed to set up the session"_s);
    QTRY_COMPARE(scheduled.size(), 1);
    QCOMPARE(reasons.at(0).at(0).value<Reason>(), Reason::ServerClosed);
    QCOMPARE(m_client->lastCloseCode(), 4000);
    // A backoff, not a sign-in: Reconnecting, then (after the short test backoff) Connected again.
    QCOMPARE(states.at(0).at(0).value<State>(), State::Reconnecting);
    QTRY_COMPARE(m_client->state(), State::Connected);
    for (const auto& args : std::as_const(states))
        QVERIFY(args.at(0).value<State>() != State::NeedsSignIn);
}

// An authentication error that was followed by other traffic does not make a later idle 4001 mean
// "sign in again".
void TestChatClientLegacy::authenticationErrorEarlierDoesNotTurnIdleCloseIntoSignIn()
{
    QSignalSpy errors(m_client, &ChatClient::error);
    QVERIFY(m_client->open(m_server->baseUrl(), u"s1"_s, u"tok"_s));
    QTRY_COMPARE(m_client->state(), State::Connected);
    m_server->sendToAll(QJsonObject{{u"type"_s, u"error"_s},
                                    {u"error"_s, u"authentication_required"_s},
                                    {u"message"_s, u"sign in to save templates"_s}});
    m_server->sendToAll(QJsonObject{{u"type"_s, u"heartbeat"_s}});
    QTRY_COMPARE(errors.size(), 1);
    m_server->closeAll(4001, u"idle"_s);
    QTRY_COMPARE(m_server->connectionCount(), 2);
    QTRY_COMPARE(m_client->state(), State::Connected);
}

QTEST_GUILESS_MAIN(TestChatClientLegacy)
#include "tst_chatclientlegacy.moc"
