// Answers from real providers through the whole engine: a client socket in front, fake OpenAI-compatible
// upstreams on loopback behind (UPSTREAM.md's error policy row by row, streaming, fallback, breaker,
// cancel, idempotent resends, slow readers), asserting what the client receives and what is stored.

#include "EngineFixture.h"
#include "FakeOpenAiServer.h"
#include "MessageCodec.h"
#include "WsProbe.h"
#include "ai/ProviderChain.h"
#include "core/Clock.h"
#include "storage/EngineStore.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace pc;
using namespace pc::test;
using namespace Qt::Literals::StringLiterals;
using namespace std::chrono_literals;

namespace {

ProviderConfig provider(const QString& name, const FakeOpenAiServer& server)
{
    ProviderConfig c;
    c.name = name;
    c.baseUrl = server.baseUrl();
    c.model = name + u"-model"_s;
    c.apiKey = u"sk-test-"_s + name;
    c.connectTimeout = 500ms;
    c.idleTimeout = 2000ms;
    c.firstTokenTimeout = 400ms;
    c.overallTimeout = 10'000ms;
    return c;
}

ChainPolicy fastPolicy()
{
    ChainPolicy p;
    p.delayScale = 0.01;
    p.random = [] { return 0.5; };
    p.breakerThreshold = 3;
    p.breakerCooldown = 400ms;
    return p;
}

std::shared_ptr<AiBackend> chain(QList<ProviderConfig> providers)
{
    ProviderSetup setup;
    setup.providers = std::move(providers);
    return std::make_shared<ProviderChain>(std::move(setup), fastPolicy());
}

QJsonObject chat(const QString& content, const QString& id)
{
    return QJsonObject{{u"type"_s, u"chat_message"_s}, {u"content"_s, content}, {u"message_id"_s, id}};
}

// Opens a session and waits for connection_ack.
bool connectProbe(WsProbe& probe, EngineFixture& f, const QString& session, bool stream)
{
    return probe.open(f.sessionUrl(session, stream ? u"stream=1"_s : QString()),
                      EngineFixture::token(u"u1"_s)) &&
           !probe.waitFor(u"connection_ack"_s).isEmpty();
}

QList<SessionMessage> stored(EngineFixture& f, const QString& session)
{
    const auto r = f.engine().store().recentMessages(session, 100'000'000, 10'000);
    return r ? r.value() : QList<SessionMessage>{};
}

} // namespace

class TestEngineStreaming : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void deltasForDesktopFinalOnlyForGuide();
    void historyIsSentByteStable();
    void reasoningReachesClientAndIsStored();
    void cancelKeepsReasoningSoFar();
    void engineDatabaseGainsReasoningColumn();
    void errorPolicy_data();
    void errorPolicy();
    void bothProvidersDown();
    void breakerSkipsThenProbes();
    void cancelStoresPartialAsInterrupted();
    void resendNeverCallsProviderTwice();
    void slowReaderIsDroppedOthersUnaffected();
};

void TestEngineStreaming::deltasForDesktopFinalOnlyForGuide()
{
    FakeOpenAiServer upstream;
    QVERIFY(upstream.listen());
    const QStringList tokens{u"Hello"_s, u", "_s, u"world"_s, u"! "_s, u"How"_s, u" are"_s, u" you?"_s};
    upstream.enqueue(FakeOpenAiResponse::stream(tokens, 30));
    upstream.enqueue(FakeOpenAiResponse::stream(tokens, 30));
    EngineFixture f({}, chain({provider(u"deepseek"_s, upstream)}));

    WsProbe desktop;
    QVERIFY(connectProbe(desktop, f, u"desk"_s, true));
    desktop.sendJson(chat(u"Say hello"_s, u"d1"_s));
    const QJsonObject final = desktop.waitFor(u"message"_s, 10000);
    QCOMPARE(final.value(u"status").toString(), u"complete"_s);
    QCOMPARE(final.value(u"content").toString(), tokens.join(QString()));
    QCOMPARE(final.value(u"provider").toString(), u"deepseek"_s);
    QCOMPARE(final.value(u"model").toString(), u"fake-model"_s); // the model the provider reported
    QVERIFY(final.value(u"usage").toObject().value(u"prompt_tokens").toInt() > 0);
    QVERIFY(final.value(u"processing_time_ms").toInt() >= 0);
    const QList<QJsonObject> deltas = desktop.receivedOfType(u"message_delta"_s);
    QVERIFY(deltas.size() >= 2); // coalesced, but streamed
    QString joined;
    for (int i = 0; i < deltas.size(); ++i) {
        QCOMPARE(deltas.at(i).value(u"index").toInt(), i);
        QCOMPARE(deltas.at(i).value(u"reply_to").toString(), u"d1"_s);
        QCOMPARE(deltas.at(i).value(u"message_id").toString(), final.value(u"message_id").toString());
        joined += deltas.at(i).value(u"delta").toString();
    }
    QCOMPARE(joined, final.value(u"content").toString());
    // Deltas come before the final message.
    const qsizetype finalIndex = desktop.received().indexOf(final);
    QVERIFY(desktop.received().indexOf(deltas.last()) < finalIndex);

    WsProbe guide;
    QVERIFY(connectProbe(guide, f, u"guide"_s, false));
    guide.sendJson(chat(u"Say hello"_s, u"g1"_s));
    QCOMPARE(guide.waitFor(u"message"_s, 10000).value(u"content").toString(), tokens.join(QString()));
    QVERIFY(guide.receivedOfType(u"message_delta"_s).isEmpty());

    QCOMPARE(stored(f, u"desk"_s).size(), 2);
    QCOMPARE(stored(f, u"guide"_s).size(), 2);
    QCOMPARE(stored(f, u"desk"_s).last().status, AnswerStatus::Complete);

    // The request DeepSeek got: streaming with usage, thinking off by default, the right model and key.
    const auto& request = upstream.requests().first();
    QCOMPARE(request.path, "/v1/chat/completions"_ba);
    QCOMPARE(request.header("authorization"), "Bearer sk-test-deepseek"_ba);
    QCOMPARE(request.json.value(u"model").toString(), u"deepseek-model"_s);
    QCOMPARE(request.json.value(u"stream").toBool(), true);
    QCOMPARE(request.json.value(u"stream_options").toObject().value(u"include_usage").toBool(), true);
    const QJsonArray messages = request.json.value(u"messages").toArray();
    QCOMPARE(messages.first().toObject().value(u"role").toString(), u"system"_s);
    QCOMPARE(messages.last().toObject().value(u"content").toString(), u"Say hello"_s);
}

void TestEngineStreaming::historyIsSentByteStable()
{
    FakeOpenAiServer upstream;
    QVERIFY(upstream.listen());
    upstream.enqueue(FakeOpenAiResponse::stream({u"First answer."_s}).withReasoning({u"secret thoughts"_s}));
    upstream.enqueue(FakeOpenAiResponse::stream({u"Second answer."_s}));
    EngineFixture f({}, chain({provider(u"deepseek"_s, upstream)}));
    WsProbe probe;
    QVERIFY(connectProbe(probe, f, u"hist"_s, true));
    probe.sendJson(chat(u"one"_s, u"h1"_s));
    QVERIFY(!probe.waitFor(u"message"_s, 10000).isEmpty());
    probe.sendJson(chat(u"two"_s, u"h2"_s));
    QVERIFY(!probe.waitFor(u"message"_s, 10000).isEmpty());
    QCOMPARE(upstream.requestCount(), 2);
    const QJsonArray first = upstream.requests().at(0).json.value(u"messages").toArray();
    const QJsonArray second = upstream.requests().at(1).json.value(u"messages").toArray();
    // The earlier turns are a byte-identical prefix (prefix cache), and no reasoning is sent back.
    for (int i = 0; i < first.size(); ++i)
        QCOMPARE(QJsonDocument(second.at(i).toObject()).toJson(QJsonDocument::Compact),
                 QJsonDocument(first.at(i).toObject()).toJson(QJsonDocument::Compact));
    QCOMPARE(second.at(first.size()).toObject().value(u"content").toString(), u"First answer."_s);
    QVERIFY(!QJsonDocument(second).toJson().contains("secret thoughts"));
}

void TestEngineStreaming::reasoningReachesClientAndIsStored()
{
    FakeOpenAiServer upstream;
    QVERIFY(upstream.listen());
    const QStringList thoughts{u"The user greets me. "_s, u"I should greet back"_s, u" briefly."_s};
    upstream.enqueue(FakeOpenAiResponse::stream({u"Hello"_s, u" there!"_s}, 20).withReasoning(thoughts));
    upstream.enqueue(FakeOpenAiResponse::stream({u"Plain answer."_s}));
    upstream.setDefaultResponse(FakeOpenAiResponse::stream({u"SECOND CALL"_s}));
    EngineFixture f({}, chain({provider(u"deepseek"_s, upstream)}));

    WsProbe desktop;
    QVERIFY(connectProbe(desktop, f, u"think"_s, true));
    desktop.sendJson(chat(u"Hi"_s, u"t1"_s));
    const QJsonObject final = desktop.waitFor(u"message"_s, 10000);
    QCOMPARE(final.value(u"status").toString(), u"complete"_s);
    QCOMPARE(final.value(u"content").toString(), u"Hello there!"_s);
    QCOMPARE(final.value(u"reasoning").toString(), thoughts.join(QString()));
    // The reasoning is not mixed into the streamed answer text.
    QString joined;
    for (const QJsonObject& d : desktop.receivedOfType(u"message_delta"_s))
        joined += d.value(u"delta").toString();
    QCOMPARE(joined, u"Hello there!"_s);

    // Stored with the answer...
    const auto row = f.engine().store().answerFor(u"think"_s, u"t1"_s);
    QVERIFY(row && row->has_value());
    QCOMPARE((*row)->reasoning, thoughts.join(QString()));

    // ...so that a resend and a sync (after a restart, too) carry it.
    QVERIFY(f.restart());
    WsProbe again;
    QVERIFY(connectProbe(again, f, u"think"_s, false));
    again.sendJson(chat(u"Hi"_s, u"t1"_s));
    const QJsonObject resent = again.waitFor(u"message"_s, 5000);
    QCOMPARE(resent.value(u"message_id").toString(), final.value(u"message_id").toString());
    QCOMPARE(resent.value(u"reasoning").toString(), thoughts.join(QString()));
    again.sendJson(QJsonObject{{u"type"_s, u"sync"_s}});
    const QJsonObject synced = again.waitFor(u"message"_s, 5000);
    QCOMPARE(synced.value(u"message_id").toString(), final.value(u"message_id").toString());
    QCOMPARE(synced.value(u"reasoning").toString(), thoughts.join(QString()));
    QCOMPARE(upstream.requestCount(), 1);

    // An answer without reasoning has no `reasoning` field at all (the guide's clients never see it).
    again.sendJson(chat(u"And now?"_s, u"t2"_s));
    const QJsonObject plain = again.waitFor(u"message"_s, 10000);
    QCOMPARE(plain.value(u"content").toString(), u"Plain answer."_s);
    QVERIFY(!plain.contains(u"reasoning"));
    // The reasoning never goes back to the model as context.
    QVERIFY(!upstream.requests().at(1).body.contains("greet back"));
}

void TestEngineStreaming::cancelKeepsReasoningSoFar()
{
    FakeOpenAiServer upstream;
    QVERIFY(upstream.listen());
    QStringList tokens;
    for (int i = 0; i < 50; ++i)
        tokens << u"t%1 "_s.arg(i);
    upstream.enqueue(FakeOpenAiResponse::stream(tokens, 100).withReasoning({u"Thinking first."_s}));
    EngineFixture f({}, chain({provider(u"deepseek"_s, upstream)}));
    WsProbe probe;
    QVERIFY(connectProbe(probe, f, u"cancel-think"_s, true));
    probe.sendJson(chat(u"long story"_s, u"c1"_s));
    QVERIFY(!probe.waitFor(u"message_delta"_s, 10000).isEmpty());
    probe.sendJson(QJsonObject{{u"type"_s, u"cancel_generation"_s}, {u"message_id"_s, u"c1"_s}});
    const QJsonObject answer = probe.waitFor(u"message"_s, 5000);
    QCOMPARE(answer.value(u"status").toString(), u"interrupted"_s);
    QCOMPARE(answer.value(u"reasoning").toString(), u"Thinking first."_s);
    const auto row = f.engine().store().answerFor(u"cancel-think"_s, u"c1"_s);
    QVERIFY(row && row->has_value());
    QCOMPARE((*row)->reasoning, u"Thinking first."_s);
}

void TestEngineStreaming::engineDatabaseGainsReasoningColumn()
{
    // A database written before answers kept their reasoning (schema 2) opens, keeps its answers, and
    // stores reasoning from then on.
    QTemporaryDir dir;
    const QString path = dir.filePath(u"engine.sqlite"_s);
    const int current = EngineStore::schemaVersion();
    QCOMPARE(current, 3);
    SessionMessage old;
    old.sessionId = u"s"_s;
    old.messageId = u"a1"_s;
    old.role = u"assistant"_s;
    old.content = u"Old answer"_s;
    old.replyTo = u"u1"_s;
    {
        auto store = EngineStore::open(path, Clock::system());
        QVERIFY(store);
        QVERIFY(store.value()->openSession(u"s"_s, std::nullopt));
        QVERIFY(store.value()->insertUserMessage(u"s"_s, u"u1"_s, u"Old question"_s).value());
        QVERIFY(store.value()->insertAnswer(old));
    }
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"downgrade"_s);
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(u"ALTER TABLE messages DROP COLUMN reasoning"_s));
        QVERIFY(q.exec(u"PRAGMA user_version = 2"_s));
        q.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(u"downgrade"_s);

    auto store = EngineStore::open(path, Clock::system());
    QVERIFY2(store, store ? "" : qPrintable(store.error().message));
    const auto kept = store.value()->answerFor(u"s"_s, u"u1"_s);
    QVERIFY(kept && kept->has_value());
    QCOMPARE((*kept)->content, u"Old answer"_s);
    QVERIFY((*kept)->reasoning.isEmpty());
    QVERIFY(!MessageCodec::toJson(ServerMessage{(*kept)->toAssistantMessage()}).contains(u"reasoning"));

    QVERIFY(store.value()->insertUserMessage(u"s"_s, u"u2"_s, u"New question"_s).value());
    SessionMessage fresh = old;
    fresh.messageId = u"a2"_s;
    fresh.replyTo = u"u2"_s;
    fresh.reasoning = u"Thought about it."_s;
    QVERIFY(store.value()->insertAnswer(fresh));
    const auto again = store.value()->answerFor(u"s"_s, u"u2"_s);
    QVERIFY(again && again->has_value());
    QCOMPARE((*again)->reasoning, u"Thought about it."_s);
    QCOMPARE((*again)->toAssistantMessage().reasoning, u"Thought about it."_s);
}

void TestEngineStreaming::errorPolicy_data()
{
    QTest::addColumn<QList<FakeOpenAiResponse>>("primary");
    QTest::addColumn<bool>("primaryDown");       // refuses connections
    QTest::addColumn<QString>("expectType");     // message or error
    QTest::addColumn<QString>("expectStatus");   // answer status, or error code
    QTest::addColumn<QString>("expectProvider"); // who answered
    QTest::addColumn<QString>("expectNotice");   // part of the notice or error message
    QTest::addColumn<int>("primaryRequests");
    QTest::addColumn<int>("backupRequests");

    const auto ok = FakeOpenAiResponse::stream({u"fine"_s});
    QTest::newRow("400: no retry, no fallback")
        << QList{FakeOpenAiResponse::error(400, u"Invalid model name"_s)} << false << u"error"_s
        << u"invalid_message"_s << QString() << u"Invalid model name"_s << 1 << 0;
    QTest::newRow("422: no retry, no fallback")
        << QList{FakeOpenAiResponse::error(422, u"Bad parameter"_s)} << false << u"error"_s
        << u"invalid_message"_s << QString() << u"Bad parameter"_s << 1 << 0;
    QTest::newRow("401: fall back") << QList{FakeOpenAiResponse::error(401, u"Authentication Fails"_s)}
                                    << false << u"message"_s << u"complete"_s << u"backup"_s
                                    << u"rejected the API key"_s << 1 << 1;
    QTest::newRow("402: fall back") << QList{FakeOpenAiResponse::error(402, u"Insufficient Balance"_s)}
                                    << false << u"message"_s << u"complete"_s << u"backup"_s
                                    << u"balance exhausted"_s << 1 << 1;
    QTest::newRow("429 twice: retry then fall back")
        << QList{FakeOpenAiResponse::error(429, u"busy"_s).withRetryAfter("1"),
                 FakeOpenAiResponse::error(429, u"busy"_s)}
        << false << u"message"_s << u"complete"_s << u"backup"_s << u"busy"_s << 2 << 1;
    QTest::newRow("429 once: retry succeeds")
        << QList{FakeOpenAiResponse::error(429, u"busy"_s), ok} << false << u"message"_s << u"complete"_s
        << u"primary"_s << QString() << 2 << 0;
    QTest::newRow("429 absurd Retry-After: fall back at once")
        << QList{FakeOpenAiResponse::error(429, u"busy"_s).withRetryAfter("86400")} << false << u"message"_s
        << u"complete"_s << u"backup"_s << u"busy"_s << 1 << 1;
    QTest::newRow("500 twice: fall back")
        << QList{FakeOpenAiResponse::error(500, u"oops"_s), FakeOpenAiResponse::error(500, u"oops"_s)}
        << false << u"message"_s << u"complete"_s << u"backup"_s << u"unavailable"_s << 2 << 1;
    QTest::newRow("503 then ok: retried")
        << QList{FakeOpenAiResponse::error(503, u"overloaded"_s), ok} << false << u"message"_s
        << u"complete"_s << u"primary"_s << QString() << 2 << 0;
    QTest::newRow("insufficient_system_resource: retry, fall back")
        << QList{FakeOpenAiResponse::stream({}).withFinishReason(u"insufficient_system_resource"_s),
                 FakeOpenAiResponse::stream({}).withFinishReason(u"insufficient_system_resource"_s)}
        << false << u"message"_s << u"complete"_s << u"backup"_s << QString() << 2 << 1;
    QTest::newRow("connection refused: fall back") << QList<FakeOpenAiResponse>{} << true << u"message"_s
                                                   << u"complete"_s << u"backup"_s << QString() << 0 << 1;
    QTest::newRow("no first token (hang): fall back")
        << QList{FakeOpenAiResponse::hang()} << false << u"message"_s << u"complete"_s << u"backup"_s
        << QString() << 1 << 1;
    QTest::newRow("keep-alives only past the deadline: fall back")
        << QList{FakeOpenAiResponse::keepAlivesOnly(50)} << false << u"message"_s << u"complete"_s
        << u"backup"_s << QString() << 1 << 1;
    QTest::newRow("keep-alives then tokens: fine")
        << QList{FakeOpenAiResponse::stream({u"a"_s, u"b"_s}).withKeepAlives(3, 50)} << false << u"message"_s
        << u"complete"_s << u"primary"_s << QString() << 1 << 0;
    QTest::newRow("stream cut at 40%: interrupted, no switch")
        << QList{FakeOpenAiResponse::stream(
                     {u"1"_s, u"2"_s, u"3"_s, u"4"_s, u"5"_s, u"6"_s, u"7"_s, u"8"_s, u"9"_s, u"10"_s}, 10)
                     .cutAfterTokens(4)}
        << false << u"message"_s << u"interrupted"_s << u"primary"_s << u"interrupted"_s << 1 << 0;
    QTest::newRow("malformed data after tokens: interrupted")
        << QList{FakeOpenAiResponse::stream({u"a"_s, u"b"_s, u"c"_s})
                     .withRawAfterTokens(2, "data: {oops\n\n")}
        << false << u"message"_s << u"interrupted"_s << u"primary"_s << QString() << 1 << 0;
}

void TestEngineStreaming::errorPolicy()
{
    QFETCH(QList<FakeOpenAiResponse>, primary);
    QFETCH(bool, primaryDown);
    QFETCH(QString, expectType);
    QFETCH(QString, expectStatus);
    QFETCH(QString, expectProvider);
    QFETCH(QString, expectNotice);
    QFETCH(int, primaryRequests);
    QFETCH(int, backupRequests);

    FakeOpenAiServer first;
    FakeOpenAiServer second;
    QVERIFY(first.listen());
    QVERIFY(second.listen());
    for (const auto& r : primary)
        first.enqueue(r);
    second.enqueue(FakeOpenAiResponse::stream({u"from "_s, u"backup"_s}));
    const ProviderConfig primaryConfig = provider(u"primary"_s, first);
    if (primaryDown)
        first.shutdown();
    EngineFixture f({}, chain({primaryConfig, provider(u"backup"_s, second)}));
    WsProbe probe;
    QVERIFY(connectProbe(probe, f, u"policy"_s, true));
    QElapsedTimer timer;
    timer.start();
    probe.sendJson(chat(u"question"_s, u"q1"_s));
    QTRY_VERIFY_WITH_TIMEOUT(
        !probe.receivedOfType(u"message"_s).isEmpty() || !probe.receivedOfType(u"error"_s).isEmpty(), 15000);
    QVERIFY(timer.elapsed() < 10000); // bounded time

    const auto answers = stored(f, u"policy"_s);
    if (expectType == u"error") {
        QVERIFY(probe.receivedOfType(u"message"_s).isEmpty());
        const QJsonObject error = probe.receivedOfType(u"error"_s).first();
        QCOMPARE(error.value(u"error").toString(), expectStatus);
        QCOMPARE(error.value(u"reply_to").toString(), u"q1"_s);
        QVERIFY2(error.value(u"message").toString().contains(expectNotice),
                 qPrintable(error.value(u"message").toString()));
        QCOMPARE(answers.size(), 1); // the question is kept, no answer stored: a resend tries again
    } else {
        QVERIFY(probe.receivedOfType(u"error"_s).isEmpty());
        const QJsonObject answer = probe.receivedOfType(u"message"_s).first();
        QCOMPARE(answer.value(u"status").toString(), expectStatus);
        QCOMPARE(answer.value(u"provider").toString(), expectProvider);
        if (!expectNotice.isEmpty())
            QVERIFY2(answer.value(u"notice").toString().contains(expectNotice),
                     qPrintable(answer.value(u"notice").toString()));
        if (expectProvider == u"backup")
            QCOMPARE(answer.value(u"content").toString(), u"from backup"_s);
        if (expectStatus == u"interrupted") {
            QVERIFY(!answer.value(u"content").toString().isEmpty());
            QVERIFY(answer.value(u"content").toString().size() < 10);
        }
        QCOMPARE(answers.size(), 2);
        QCOMPARE(answers.last().content, answer.value(u"content").toString());
        QCOMPARE(answers.last().provider, expectProvider);
        QCOMPARE(MessageCodec::answerStatusName(answers.last().status), expectStatus);
        // Keys never reach the client.
        for (const QJsonObject& m : probe.received())
            QVERIFY(!QJsonDocument(m).toJson().contains("sk-test-"));
    }
    QCOMPARE(first.requestCount(), primaryRequests);
    QCOMPARE(second.requestCount(), backupRequests);
}

void TestEngineStreaming::bothProvidersDown()
{
    FakeOpenAiServer first;
    FakeOpenAiServer second;
    QVERIFY(first.listen());
    QVERIFY(second.listen());
    const auto a = provider(u"primary"_s, first);
    const auto b = provider(u"backup"_s, second);
    first.shutdown();
    second.setDefaultResponse(FakeOpenAiResponse::error(503, u"down"_s));
    EngineFixture f({}, chain({a, b}));
    WsProbe probe;
    QVERIFY(connectProbe(probe, f, u"down"_s, true));
    QElapsedTimer timer;
    timer.start();
    probe.sendJson(chat(u"anyone?"_s, u"x1"_s));
    const QJsonObject error = probe.waitFor(u"error"_s, 15000);
    QCOMPARE(error.value(u"error").toString(), u"provider_unavailable"_s);
    QCOMPARE(error.value(u"reply_to").toString(), u"x1"_s);
    QVERIFY(error.value(u"message").toString().contains(u"primary"_s));
    QVERIFY(timer.elapsed() < 10000);
    QTest::qWait(300);
    QCOMPARE(probe.receivedOfType(u"error"_s).size(), 1); // one clear error
    QVERIFY(probe.receivedOfType(u"message"_s).isEmpty());
}

void TestEngineStreaming::breakerSkipsThenProbes()
{
    FakeOpenAiServer first;
    FakeOpenAiServer second;
    QVERIFY(first.listen());
    QVERIFY(second.listen());
    first.setDefaultResponse(FakeOpenAiResponse::error(401, u"bad key"_s));
    second.setDefaultResponse(FakeOpenAiResponse::stream({u"backup"_s}));
    EngineFixture f({}, chain({provider(u"primary"_s, first), provider(u"backup"_s, second)}));
    WsProbe probe;
    QVERIFY(connectProbe(probe, f, u"breaker"_s, false));
    for (int i = 0; i < 3; ++i) {
        probe.sendJson(chat(u"q%1"_s.arg(i), u"b%1"_s.arg(i)));
        QCOMPARE(probe.waitFor(u"message"_s, 10000).value(u"provider").toString(), u"backup"_s);
    }
    QCOMPARE(first.requestCount(), 3);
    // The breaker is open: /health says so, and the primary is skipped without a request.
    const QJsonArray states = f.engine().health().value(u"providers").toArray();
    QCOMPARE(states.at(0).toObject().value(u"name").toString(), u"primary"_s);
    QCOMPARE(states.at(0).toObject().value(u"state").toString(), u"paused"_s);
    QCOMPARE(states.at(1).toObject().value(u"state").toString(), u"available"_s);
    probe.sendJson(chat(u"q3"_s, u"b3"_s));
    QCOMPARE(probe.waitFor(u"message"_s, 10000).value(u"provider").toString(), u"backup"_s);
    QCOMPARE(first.requestCount(), 3);
    // After the cooldown one probe goes to the primary, which has recovered and answers.
    first.setDefaultResponse(FakeOpenAiResponse::stream({u"primary again"_s}));
    QTest::qWait(500);
    probe.sendJson(chat(u"q4"_s, u"b4"_s));
    const QJsonObject answer = probe.waitFor(u"message"_s, 10000);
    QCOMPARE(answer.value(u"provider").toString(), u"primary"_s);
    QCOMPARE(first.requestCount(), 4);
    QCOMPARE(stored(f, u"breaker"_s).last().provider, u"primary"_s);
}

void TestEngineStreaming::cancelStoresPartialAsInterrupted()
{
    FakeOpenAiServer upstream;
    QVERIFY(upstream.listen());
    QStringList tokens;
    for (int i = 0; i < 50; ++i)
        tokens << u"t%1 "_s.arg(i);
    upstream.enqueue(FakeOpenAiResponse::stream(tokens, 100));
    EngineFixture f({}, chain({provider(u"deepseek"_s, upstream)}));
    WsProbe probe;
    QVERIFY(connectProbe(probe, f, u"cancel"_s, true));
    probe.sendJson(chat(u"long story"_s, u"c1"_s));
    QVERIFY(!probe.waitFor(u"message_delta"_s, 10000).isEmpty());
    QElapsedTimer timer;
    timer.start();
    probe.sendJson(QJsonObject{{u"type"_s, u"cancel_generation"_s}, {u"message_id"_s, u"c1"_s}});
    const QJsonObject answer = probe.waitFor(u"message"_s, 5000);
    QVERIFY(timer.elapsed() < 3000); // at once: the whole stream would take 5 s
    QCOMPARE(answer.value(u"status").toString(), u"interrupted"_s);
    QVERIFY(answer.value(u"content").toString().startsWith(u"t0 "_s));
    QVERIFY(answer.value(u"content").toString().size() < tokens.join(QString()).size());
    // The upstream request was aborted, not left running.
    QTRY_VERIFY_WITH_TIMEOUT(upstream.connectionsClosedByPeer() >= 1, 3000);
    const auto rows = stored(f, u"cancel"_s);
    QCOMPARE(rows.size(), 2);
    QCOMPARE(rows.last().status, AnswerStatus::Interrupted);
    QCOMPARE(rows.last().content, answer.value(u"content").toString());
    // Cancelling something that is not running: not_found.
    probe.sendJson(QJsonObject{{u"type"_s, u"cancel_generation"_s}, {u"message_id"_s, u"nope"_s}});
    QCOMPARE(probe.waitFor(u"error"_s).value(u"error").toString(), u"not_found"_s);
}

void TestEngineStreaming::resendNeverCallsProviderTwice()
{
    FakeOpenAiServer upstream;
    QVERIFY(upstream.listen());
    upstream.enqueue(FakeOpenAiResponse::stream({u"a"_s, u"b"_s, u"c"_s, u"d"_s, u"e"_s}, 80));
    upstream.setDefaultResponse(FakeOpenAiResponse::stream({u"SECOND CALL"_s}));
    EngineFixture f({}, chain({provider(u"deepseek"_s, upstream)}));
    WsProbe probe;
    QVERIFY(connectProbe(probe, f, u"resend"_s, true));
    probe.sendJson(chat(u"once"_s, u"r1"_s));
    QVERIFY(!probe.waitFor(u"message_delta"_s, 10000).isEmpty());
    // Resent while the answer is being generated (a client that reconnected), on a second socket.
    WsProbe again;
    QVERIFY(connectProbe(again, f, u"resend"_s, true));
    again.sendJson(chat(u"once"_s, u"r1"_s));
    const QJsonObject a = probe.waitFor(u"message"_s, 10000);
    const QJsonObject b = again.waitFor(u"message"_s, 10000);
    QCOMPARE(a.value(u"content").toString(), u"abcde"_s);
    QCOMPARE(b.value(u"message_id").toString(), a.value(u"message_id").toString());
    // And after it was stored.
    again.sendJson(chat(u"once"_s, u"r1"_s));
    QCOMPARE(again.waitFor(u"message"_s, 5000).value(u"content").toString(), u"abcde"_s);
    QCOMPARE(upstream.requestCount(), 1);
    QCOMPARE(stored(f, u"resend"_s).size(), 2);
}

void TestEngineStreaming::slowReaderIsDroppedOthersUnaffected()
{
    FakeOpenAiServer upstream;
    QVERIFY(upstream.listen());
    // About 24 MB of answer, fast.
    QStringList big;
    const QString chunk(4000, u'x');
    for (int i = 0; i < 6000; ++i)
        big << chunk;
    upstream.enqueue(FakeOpenAiResponse::stream(big, 0));
    upstream.setDefaultResponse(FakeOpenAiResponse::stream({u"small"_s}));
    EngineConfig config;
    config.sendBufferLimitBytes = 512 * 1024;
    EngineFixture f(config, chain({provider(u"deepseek"_s, upstream)}));

    // A raw WebSocket client that completes the handshake, sends one message and then never reads.
    QTcpSocket stuck;
    stuck.setReadBufferSize(4096);
    stuck.connectToHost(QHostAddress::LocalHost, f.engine().port());
    QVERIFY(stuck.waitForConnected(3000));
    const QByteArray token = EngineFixture::token(u"slow"_s);
    stuck.write("GET /ws/chat/stuck/?stream=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                "Sec-WebSocket-Version: 13\r\nAuthorization: Bearer " +
                token + "\r\n\r\n");
    // A masked text frame with the chat message.
    const QByteArray payload = QJsonDocument(chat(u"flood me"_s, u"s1"_s)).toJson(QJsonDocument::Compact);
    QByteArray frame;
    frame.append(char(0x81));
    frame.append(char(0x80 | payload.size()));
    const QByteArray mask = "\x11\x22\x33\x44";
    frame.append(mask);
    for (int i = 0; i < payload.size(); ++i)
        frame.append(char(payload.at(i) ^ mask.at(i % 4)));
    QVERIFY(payload.size() < 126);
    QTest::qWait(300);
    stuck.write(frame);
    QVERIFY(stuck.waitForBytesWritten(2000));

    WsProbe other;
    QVERIFY(connectProbe(other, f, u"other"_s, true));
    // The stuck client is dropped once its send buffer passes the limit (on a slow machine that can
    // happen before the other one is even connected, so both being there is not waited for) ...
    QTRY_COMPARE_WITH_TIMEOUT(f.engine().connectionCount(), 1, 20000);
    // ... and the other client is served normally.
    other.sendJson(chat(u"hello"_s, u"o1"_s));
    QCOMPARE(other.waitFor(u"message"_s, 10000).value(u"content").toString(), u"small"_s);
    // The answer was still stored whole for the dropped client, which can sync it later.
    QTRY_VERIFY_WITH_TIMEOUT(stored(f, u"stuck"_s).size() == 2, 20000);
    QCOMPARE(stored(f, u"stuck"_s).last().content.size(), 6000 * 4000);
}

QTEST_GUILESS_MAIN(TestEngineStreaming)
#include "tst_enginestreaming.moc"
