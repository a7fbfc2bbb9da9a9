// ConversationSync against the real engine over loopback, with a real SQLite history: messages sent
// while connected, queued while the engine is down and delivered once in order when it is back,
// answers missed while away fetched by `sync`, and an engine restarted in the middle of an answer.

#include "BlackholeRelay.h"
#include "EngineFixture.h"
#include "FakeOpenAiServer.h"
#include "LegacyBackendServer.h"
#include "WsProbe.h"
#include "ai/ProviderChain.h"
#include "client/ChatClient.h"
#include "client/ConversationSync.h"
#include "storage/EngineStore.h"
#include "storage/HistoryStore.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace pc;
using namespace pc::test;
using namespace Qt::Literals::StringLiterals;
using namespace std::chrono_literals;

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

const QString UserId = u"u1"_s;

QString token()
{
    return QString::fromLatin1(EngineFixture::token(UserId));
}

// Everything of one conversation, oldest first.
QList<StoredMessage> allMessages(const HistoryStore& store, const QString& conversationId)
{
    const auto page = store.newestMessages(conversationId, 10'000);
    return page ? page.value() : QList<StoredMessage>{};
}

QList<StoredMessage> ofRole(const QList<StoredMessage>& messages, MessageRole role)
{
    QList<StoredMessage> out;
    for (const StoredMessage& m : messages)
        if (m.role == role)
            out.append(m);
    return out;
}

// Scripts a 40-token answer streamed over about two seconds; returns its tokens.
QStringList slowStory(FakeOpenAiServer& upstream)
{
    QStringList tokens;
    for (int i = 0; i < 40; ++i)
        tokens.append(u"word%1 "_s.arg(i));
    upstream.enqueue(FakeOpenAiResponse::stream(tokens, 50));
    upstream.setDefaultResponse(FakeOpenAiResponse::stream({u"a second generation"_s}));
    return tokens;
}

std::shared_ptr<AiBackend> slowBackend(const FakeOpenAiServer& upstream)
{
    ProviderConfig provider;
    provider.name = u"fake"_s;
    provider.baseUrl = upstream.baseUrl();
    provider.model = u"fake-model"_s;
    provider.connectTimeout = 1000ms;
    provider.idleTimeout = 3000ms;
    provider.firstTokenTimeout = 2000ms;
    ProviderSetup setup;
    setup.providers = {provider};
    ChainPolicy policy;
    policy.delayScale = 0.01;
    return std::make_shared<ProviderChain>(setup, policy);
}

EngineConfig streamingConfig()
{
    EngineConfig config;
    config.deltaFlushMs = 10;
    return config;
}

QList<SessionMessage> engineMessages(EngineFixture& f, const QString& sessionId)
{
    const auto rows = f.engine().store().recentMessages(sessionId, 100'000'000, 10'000);
    return rows ? rows.value() : QList<SessionMessage>{};
}

// One conversation: a history file, a client and the glue between them.
struct Harness {
    explicit Harness(const ChatClientOptions& options = quickOptions())
        : client(options)
    {}

    QTemporaryDir dir;
    HistoryStore store;
    ChatClient client;
    QString conversationId;
    std::unique_ptr<ConversationSync> sync;

    bool setUp()
    {
        if (!dir.isValid() || !store.open(dir.filePath(u"history.sqlite"_s)))
            return false;
        auto conversation = store.createConversation(u"Test"_s);
        if (!conversation)
            return false;
        conversationId = conversation->id;
        sync = std::make_unique<ConversationSync>(&client, &store, conversationId);
        return true;
    }
    [[nodiscard]] QString sessionId() const
    {
        const auto c = store.conversation(conversationId);
        return c ? c->sessionId : QString();
    }
};

} // namespace

class TestConversationSync : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void refusesBadText();
    void sendWhileConnected();
    void queuedWhileDownDeliveredOnceInOrder();
    void syncFetchesAnswerMissedWhileAway();
    void syncStartsOverWhenTheEngineForgot();
    void engineRestartedMidAnswer();
    void connectionLostMidAnswerThenCompleted();
    void permanentErrorLeavesTheOutbox();
    void rateLimitedStaysQueued();
    void olderBackend();
};

void TestConversationSync::refusesBadText()
{
    Harness h;
    QVERIFY(h.setUp());
    QCOMPARE(h.sync->sendUserMessage(u"   "_s).error().code, ErrorCode::InvalidMessage);
    QCOMPARE(h.sync->sendUserMessage(QString(MaxChatContentLength + 1, u'x')).error().code,
             ErrorCode::MessageTooLarge);
    QCOMPARE(allMessages(h.store, h.conversationId).size(), 0);
    QCOMPARE(h.sync->outboxCount(), 0);
}

void TestConversationSync::sendWhileConnected()
{
    EngineFixture f;
    QVERIFY2(f.started(), qPrintable(f.startError()));
    Harness h;
    QVERIFY(h.setUp());
    QSignalSpy added(h.sync.get(), &ConversationSync::messageAdded);
    QSignalSpy finished(h.sync.get(), &ConversationSync::answerFinished);
    QSignalSpy outbox(h.sync.get(), &ConversationSync::outboxChanged);
    QSignalSpy statuses(h.sync.get(), &ConversationSync::messageStatusChanged);

    QVERIFY(h.sync->open(f.engine().url(), token()).ok());
    QVERIFY(h.sessionId().startsWith(u"conv_"_s)); // given one and stored
    QTRY_COMPARE(h.client.state(), ChatClient::State::Connected);

    const auto sent = h.sync->sendUserMessage(u"Hello there"_s);
    QVERIFY(sent.ok());
    QCOMPARE(sent->status, MessageStatus::Queued); // committed before it went out
    QVERIFY(!QUuid::fromString(sent->id).isNull());
    QCOMPARE(added.size(), 1);
    QCOMPARE(added.at(0).at(0).value<StoredMessage>().id, sent->id);

    QTRY_COMPARE(finished.size(), 1);
    const auto answer = finished.at(0).at(0).value<StoredMessage>();
    QCOMPARE(answer.replyTo, sent->id);
    QCOMPARE(answer.status, MessageStatus::Offline); // the fixture's offline responder
    QVERIFY(!answer.content.isEmpty());
    QCOMPARE(h.sync->outboxCount(), 0);
    QCOMPARE(outbox.last().at(0).toInt(), 0);
    QCOMPARE(statuses.last().at(1).value<MessageStatus>(), MessageStatus::Sent);

    const auto stored = allMessages(h.store, h.conversationId);
    QCOMPARE(stored.size(), 2);
    QCOMPARE(stored.at(0).id, sent->id);
    QCOMPARE(stored.at(0).status, MessageStatus::Sent);
    QCOMPARE(stored.at(1).id, answer.id);
    QCOMPARE(stored.at(1).content, answer.content);
    // The engine has the same ids.
    const auto remote = engineMessages(f, h.sessionId());
    QCOMPARE(remote.size(), 2);
    QCOMPARE(remote.at(0).messageId, sent->id);
    QCOMPARE(remote.at(1).messageId, answer.id);
}

void TestConversationSync::queuedWhileDownDeliveredOnceInOrder()
{
    EngineFixture f;
    QVERIFY2(f.started(), qPrintable(f.startError()));
    const QUrl base = f.engine().url();
    Harness h;
    QVERIFY(h.setUp());
    QVERIFY(h.sync->open(base, token()).ok());
    QTRY_COMPARE(h.client.state(), ChatClient::State::Connected);

    f.engine().shutdown(); // the server is gone
    QTRY_COMPARE(h.client.state(), ChatClient::State::Reconnecting);
    QSignalSpy finished(h.sync.get(), &ConversationSync::answerFinished);
    QStringList ids;
    for (const QString& text : {u"first"_s, u"second"_s, u"third"_s}) {
        const auto queued = h.sync->sendUserMessage(text);
        QVERIFY(queued.ok());
        ids.append(queued->id);
    }
    QCOMPARE(h.sync->outboxCount(), 3);
    for (const QString& id : std::as_const(ids))
        QCOMPARE(h.store.message(id)->status, MessageStatus::Queued);
    QTest::qWait(150); // a few failed reconnects: nothing is lost or sent twice
    QCOMPARE(h.sync->outboxCount(), 3);

    QVERIFY(f.restart());
    QCOMPARE(f.engine().url(), base);
    QTRY_COMPARE(finished.size(), 3);
    QTRY_COMPARE(h.sync->outboxCount(), 0);

    // Locally: three user messages in order, each answered once.
    const auto local = allMessages(h.store, h.conversationId);
    QCOMPARE(local.size(), 6);
    const auto users = ofRole(local, MessageRole::User);
    QCOMPARE(users.size(), 3);
    QStringList replies;
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(users.at(i).id, ids.at(i));
        QCOMPARE(users.at(i).status, MessageStatus::Sent);
    }
    for (const StoredMessage& a : ofRole(local, MessageRole::Assistant))
        replies.append(a.replyTo);
    replies.sort();
    QStringList sortedIds = ids;
    sortedIds.sort();
    QCOMPARE(replies, sortedIds);

    // On the engine: each delivered exactly once, in order, with the same ids, and answered once.
    const auto remote = engineMessages(f, h.sessionId());
    QStringList remoteUsers;
    QStringList remoteReplies;
    for (const SessionMessage& m : remote) {
        if (m.isAnswer())
            remoteReplies.append(m.replyTo);
        else
            remoteUsers.append(m.messageId);
    }
    QCOMPARE(remoteUsers, ids);
    remoteReplies.sort();
    QCOMPARE(remoteReplies, sortedIds);

    // Another reconnect (resend of nothing, sync of everything known): still no duplicates.
    QSignalSpy added(h.sync.get(), &ConversationSync::messageAdded);
    QSignalSpy acks(&h.client, &ChatClient::ack);
    QVERIFY(f.restart());
    QTRY_COMPARE(acks.size(), 1);
    QTest::qWait(200);
    QCOMPARE(allMessages(h.store, h.conversationId).size(), 6);
    QCOMPARE(engineMessages(f, h.sessionId()).size(), 6);
    QCOMPARE(added.size(), 0);
    QCOMPARE(finished.size(), 3);
}

void TestConversationSync::syncFetchesAnswerMissedWhileAway()
{
    EngineFixture f;
    QVERIFY2(f.started(), qPrintable(f.startError()));
    Harness h;
    QVERIFY(h.setUp());
    QSignalSpy added(h.sync.get(), &ConversationSync::messageAdded);
    QSignalSpy finished(h.sync.get(), &ConversationSync::answerFinished);
    QVERIFY(h.sync->open(f.engine().url(), token()).ok());
    QTRY_COMPARE(h.client.state(), ChatClient::State::Connected);
    QVERIFY(h.sync->sendUserMessage(u"before leaving"_s).ok());
    QTRY_COMPARE(finished.size(), 1);
    h.client.close();

    // While this client is away, the same user talks in the same session from elsewhere.
    WsProbe other;
    QVERIFY(other.open(f.sessionUrl(h.sessionId()), EngineFixture::token(UserId)));
    QVERIFY(!other.waitFor(u"connection_ack"_s).isEmpty());
    other.sendJson(QJsonObject{{u"type"_s, u"chat_message"_s},
                               {u"content"_s, u"from another device"_s},
                               {u"message_id"_s, u"elsewhere-1"_s}});
    const QJsonObject missed = other.waitFor(u"message"_s);
    QVERIFY(!missed.isEmpty());
    other.close();

    added.clear();
    QVERIFY(h.sync->open(f.engine().url(), token()).ok());
    QTRY_COMPARE(finished.size(), 2);
    const auto fetched = finished.last().at(0).value<StoredMessage>();
    QCOMPARE(fetched.id, missed.value(u"message_id"_s).toString());
    QCOMPARE(fetched.replyTo, u"elsewhere-1"_s);
    QCOMPARE(added.size(), 1);
    QCOMPARE(ofRole(allMessages(h.store, h.conversationId), MessageRole::Assistant).size(), 2);

    // Back once more: `after` is now the fetched answer; nothing comes twice.
    h.client.close();
    QSignalSpy acks(&h.client, &ChatClient::ack);
    QVERIFY(h.sync->open(f.engine().url(), token()).ok());
    QTRY_COMPARE(acks.size(), 1);
    QTest::qWait(200);
    QCOMPARE(finished.size(), 2);
    QCOMPARE(allMessages(h.store, h.conversationId).size(), 3);
}

// The engine's data was reset (or it is another engine): the local last answer is unknown there, so
// the sync starts over from the beginning instead of fetching nothing.
void TestConversationSync::syncStartsOverWhenTheEngineForgot()
{
    EngineFixture f;
    QVERIFY2(f.started(), qPrintable(f.startError()));
    Harness h;
    QVERIFY(h.setUp());
    QSignalSpy finished(h.sync.get(), &ConversationSync::answerFinished);
    // An answer the engine never stored, as if from an earlier engine.
    auto conversation = h.store.setSessionId(h.conversationId, u"conv_forgotten"_s);
    QVERIFY(conversation.ok());
    QVERIFY(h.store.enqueueUserMessage(h.conversationId, u"old-q"_s, u"old question"_s).ok());
    AssistantMessage old;
    old.messageId = u"old-a"_s;
    old.replyTo = u"old-q"_s;
    old.content = u"old answer"_s;
    old.status = AnswerStatus::Complete;
    QVERIFY(h.store.storeAnswer(h.conversationId, old).ok());

    // Meanwhile somebody used the session on this engine.
    WsProbe other;
    QVERIFY(other.open(f.sessionUrl(u"conv_forgotten"_s), EngineFixture::token(UserId)));
    QVERIFY(!other.waitFor(u"connection_ack"_s).isEmpty());
    other.sendJson(QJsonObject{
        {u"type"_s, u"chat_message"_s}, {u"content"_s, u"hello"_s}, {u"message_id"_s, u"other-1"_s}});
    QVERIFY(!other.waitFor(u"message"_s).isEmpty());
    other.close();

    QVERIFY(h.sync->open(f.engine().url(), token()).ok());
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(finished.at(0).at(0).value<StoredMessage>().replyTo, u"other-1"_s);
}

void TestConversationSync::engineRestartedMidAnswer()
{
    FakeOpenAiServer upstream;
    QVERIFY(upstream.listen());
    const QStringList tokens = slowStory(upstream);
    EngineFixture f(streamingConfig(), slowBackend(upstream));
    QVERIFY2(f.started(), qPrintable(f.startError()));

    Harness h;
    QVERIFY(h.setUp());
    h.sync->setPartialFlushIntervalMs(0);
    QSignalSpy added(h.sync.get(), &ConversationSync::messageAdded);
    QSignalSpy updated(h.sync.get(), &ConversationSync::answerUpdated);
    QSignalSpy finished(h.sync.get(), &ConversationSync::answerFinished);
    QVERIFY(h.sync->open(f.engine().url(), token()).ok());
    QTRY_COMPARE(h.client.state(), ChatClient::State::Connected);
    const auto sent = h.sync->sendUserMessage(u"Tell me a long story"_s);
    QVERIFY(sent.ok());

    // Some of the answer has streamed in and is in the history.
    QTRY_VERIFY(updated.size() >= 3);
    QCOMPARE(added.size(), 2); // the question, then the answer with its first text
    const QString answerId = added.at(1).at(0).value<StoredMessage>().id;
    QCOMPARE(h.store.message(answerId)->status, MessageStatus::Sending);
    QVERIFY(finished.isEmpty());

    QVERIFY(f.restart()); // the engine goes down mid-answer and comes back on the same port
    QTRY_VERIFY(!finished.isEmpty());
    QTRY_COMPARE(h.client.state(), ChatClient::State::Connected);
    QTRY_COMPARE(h.sync->outboxCount(), 0);
    QTest::qWait(300); // let the resend and the sync play out

    const auto answers = ofRole(allMessages(h.store, h.conversationId), MessageRole::Assistant);
    QCOMPARE(answers.size(), 1); // no duplicate
    QCOMPARE(answers.at(0).id, answerId);
    QCOMPARE(answers.at(0).replyTo, sent->id);
    QCOMPARE(answers.at(0).status, MessageStatus::Interrupted);
    QVERIFY(!answers.at(0).content.isEmpty());
    QVERIFY(tokens.join(QString()).startsWith(answers.at(0).content));
    QCOMPARE(finished.last().at(0).value<StoredMessage>().status, MessageStatus::Interrupted);
    QCOMPARE(upstream.requestCount(), 1); // the resend was answered from the engine's storage

    const auto remote = engineMessages(f, h.sessionId());
    QCOMPARE(remote.size(), 2);
    QCOMPARE(remote.at(1).messageId, answerId);
    QCOMPARE(remote.at(1).status, AnswerStatus::Interrupted);
    QCOMPARE(remote.at(1).content, answers.at(0).content);
}

// The network goes silent while an answer streams: the partial answer is marked interrupted, the
// reconnect resends the question, the engine attaches it to the generation still running (deltas
// from the middle are not appended), and the complete answer replaces the partial one.
void TestConversationSync::connectionLostMidAnswerThenCompleted()
{
    FakeOpenAiServer upstream;
    QVERIFY(upstream.listen());
    const QStringList tokens = slowStory(upstream);
    EngineFixture f(streamingConfig(), slowBackend(upstream));
    QVERIFY2(f.started(), qPrintable(f.startError()));
    BlackholeRelay relay(QHostAddress(QHostAddress::LocalHost), f.engine().port());
    QVERIFY(relay.listen());

    ChatClientOptions options = quickOptions();
    options.pingIntervalMs = 200;
    options.pongTimeoutMs = 200;
    Harness h(options);
    QVERIFY(h.setUp());
    h.sync->setPartialFlushIntervalMs(0);
    QSignalSpy added(h.sync.get(), &ConversationSync::messageAdded);
    QSignalSpy updated(h.sync.get(), &ConversationSync::answerUpdated);
    QSignalSpy finished(h.sync.get(), &ConversationSync::answerFinished);
    QVERIFY(h.sync->open(relay.baseUrl(), token()).ok());
    QTRY_COMPARE(h.client.state(), ChatClient::State::Connected);
    const auto sent = h.sync->sendUserMessage(u"Tell me a long story"_s);
    QVERIFY(sent.ok());
    QTRY_VERIFY(updated.size() >= 2);
    const QString answerId = added.at(1).at(0).value<StoredMessage>().id;

    relay.blackhole();
    QTRY_COMPARE(finished.size(), 1); // the liveness timeout ends the connection
    QCOMPARE(finished.at(0).at(0).value<StoredMessage>().id, answerId);
    QCOMPARE(finished.at(0).at(0).value<StoredMessage>().status, MessageStatus::Interrupted);
    QCOMPARE(h.store.message(answerId)->status, MessageStatus::Interrupted);
    const int updatesBefore = int(updated.size());

    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 10'000);
    const auto complete = finished.at(1).at(0).value<StoredMessage>();
    QCOMPARE(complete.id, answerId);
    QCOMPARE(complete.status, MessageStatus::Complete);
    QCOMPARE(complete.content, tokens.join(QString()));
    QCOMPARE(updated.size(), updatesBefore); // nothing from the middle was appended
    const auto answers = ofRole(allMessages(h.store, h.conversationId), MessageRole::Assistant);
    QCOMPARE(answers.size(), 1);
    QCOMPARE(answers.at(0).content, tokens.join(QString()));
    QCOMPARE(h.sync->outboxCount(), 0);
    QCOMPARE(upstream.requestCount(), 1);
}

void TestConversationSync::permanentErrorLeavesTheOutbox()
{
    EngineFixture f;
    QVERIFY2(f.started(), qPrintable(f.startError()));
    Harness h;
    QVERIFY(h.setUp());
    // A message id the engine already holds with other content: invalid_message for it.
    QVERIFY(h.store.setSessionId(h.conversationId, u"conv_clash"_s).ok());
    WsProbe other;
    QVERIFY(other.open(f.sessionUrl(u"conv_clash"_s), EngineFixture::token(UserId)));
    QVERIFY(!other.waitFor(u"connection_ack"_s).isEmpty());
    other.sendJson(QJsonObject{
        {u"type"_s, u"chat_message"_s}, {u"content"_s, u"original"_s}, {u"message_id"_s, u"clash-1"_s}});
    QVERIFY(!other.waitFor(u"message"_s).isEmpty());
    other.close();
    QVERIFY(h.store.enqueueUserMessage(h.conversationId, u"clash-1"_s, u"different"_s).ok());

    QSignalSpy failed(h.sync.get(), &ConversationSync::deliveryFailed);
    QSignalSpy outbox(h.sync.get(), &ConversationSync::outboxChanged);
    QVERIFY(h.sync->open(f.engine().url(), token()).ok());
    QTRY_COMPARE(failed.size(), 1);
    QCOMPARE(failed.at(0).at(0).toString(), u"clash-1"_s);
    QCOMPARE(failed.at(0).at(1).value<ErrorReply>().code, std::optional(ErrorCode::InvalidMessage));
    QCOMPARE(h.store.message(u"clash-1"_s)->status, MessageStatus::Error);
    QCOMPARE(h.sync->outboxCount(), 0);
    QCOMPARE(outbox.last().at(0).toInt(), 0);
}

void TestConversationSync::rateLimitedStaysQueued()
{
    EngineConfig config;
    config.rateLimitPerMinute = 1;
    EngineFixture f(config);
    QVERIFY2(f.started(), qPrintable(f.startError()));
    Harness h;
    QVERIFY(h.setUp());
    QSignalSpy deferred(h.sync.get(), &ConversationSync::deliveryDeferred);
    QSignalSpy finished(h.sync.get(), &ConversationSync::answerFinished);
    QVERIFY(h.sync->open(f.engine().url(), token()).ok());
    QTRY_COMPARE(h.client.state(), ChatClient::State::Connected);

    QVERIFY(h.sync->sendUserMessage(u"one"_s).ok());
    QTRY_COMPARE(finished.size(), 1);
    const auto second = h.sync->sendUserMessage(u"two"_s);
    QVERIFY(second.ok());
    QTRY_COMPARE(deferred.size(), 1);
    QCOMPARE(deferred.at(0).at(0).toString(), second->id);
    const auto reply = deferred.at(0).at(1).value<ErrorReply>();
    QCOMPARE(reply.code, std::optional(ErrorCode::RateLimited));
    QVERIFY(reply.retryAfter.has_value());
    QVERIFY(h.sync->isDeliveryHeld());
    QCOMPARE(h.sync->outboxCount(), 1);
    QCOMPARE(h.store.message(second->id)->status, MessageStatus::Queued);

    // A third one waits behind it, unsent, while the wait lasts.
    const auto third = h.sync->sendUserMessage(u"three"_s);
    QVERIFY(third.ok());
    QTest::qWait(100);
    QCOMPARE(h.store.message(third->id)->status, MessageStatus::Queued);
    QCOMPARE(h.sync->outboxCount(), 2);
    QCOMPARE(deferred.size(), 1);
}

// The older Django backend: no reply_to and numeric ids on answers, no sync, and template features
// passed through (a created template is also kept as a local copy).
void TestConversationSync::olderBackend()
{
    LegacyBackendServer legacy;
    QVERIFY(legacy.listen());
    Harness h;
    QVERIFY(h.setUp());
    QSignalSpy finished(h.sync.get(), &ConversationSync::answerFinished);
    QSignalSpy opportunities(h.sync.get(), &ConversationSync::templateOpportunity);
    QSignalSpy created(h.sync.get(), &ConversationSync::templateCreated);
    QSignalSpy optimized(h.sync.get(), &ConversationSync::optimizationResult);
    QVERIFY(h.sync->open(legacy.baseUrl(), token()).ok());
    QTRY_COMPARE(h.client.state(), ChatClient::State::Connected);

    const auto first = h.sync->sendUserMessage(u"one"_s);
    const auto second = h.sync->sendUserMessage(u"two"_s);
    QVERIFY(first.ok() && second.ok());
    QTRY_COMPARE(finished.size(), 2);
    QCOMPARE(h.sync->outboxCount(), 0);
    const auto a1 = finished.at(0).at(0).value<StoredMessage>();
    const auto a2 = finished.at(1).at(0).value<StoredMessage>();
    QCOMPARE(a1.replyTo, first->id);
    QCOMPARE(a2.replyTo, second->id);
    QCOMPARE(a1.id, first->id + u"~answer"_s);
    QCOMPARE(a1.content, u"Echo: one"_s);
    QCOMPARE(a1.status, MessageStatus::Complete);
    QCOMPARE(allMessages(h.store, h.conversationId).size(), 4);
    QCOMPARE(opportunities.size(), 1);                   // repeated after every answer, shown once
    QVERIFY(legacy.receivedOfType(u"sync"_s).isEmpty()); // it does not offer sync

    QVERIFY(h.client.send(OptimizePrompt{u"write an email"_s, {}, OptimizationType::Enhancement}));
    QTRY_COMPARE(optimized.size(), 1);
    QVERIFY(h.client.send(SaveConversationAsTemplate{u"Echoes"_s, u"Fun"_s, true, {}}));
    QTRY_COMPARE(created.size(), 1);
    const auto local = h.store.templates();
    QVERIFY(local.ok());
    QCOMPARE(local->size(), 1);
    QCOMPARE(local->at(0).title, u"Echoes"_s);
    QCOMPARE(local->at(0).id, u"7f1c2d3e-0000-4000-8000-000000000001"_s);
}

QTEST_GUILESS_MAIN(TestConversationSync)
#include "tst_conversationsync.moc"
