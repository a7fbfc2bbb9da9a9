// Process level: a client process queues three messages while the engine is down and is killed with
// SIGKILL; a new client process on the same profile, with the engine back, delivers each exactly once,
// in order, with the same message ids. The test binary re-executes itself as the client process
// (PC_TST_OUTBOXCRASH_CHILD selects what the child does).

#include "EngineFixture.h"
#include "FakeOpenAiServer.h"
#include "ai/ProviderChain.h"
#include "client/ChatClient.h"
#include "client/ConversationSync.h"
#include "storage/EngineStore.h"
#include "storage/HistoryStore.h"
#include "storage/ProfileLock.h"

#include <QCoreApplication>
#include <QDir>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <cstdio>

using namespace pc;
using namespace pc::test;
using namespace Qt::Literals::StringLiterals;

namespace {

constexpr char ChildModeVariable[] = "PC_TST_OUTBOXCRASH_CHILD";
constexpr char DirVariable[] = "PC_TST_OUTBOXCRASH_DIR";
constexpr char UrlVariable[] = "PC_TST_OUTBOXCRASH_URL";
constexpr char TokenVariable[] = "PC_TST_OUTBOXCRASH_TOKEN";
constexpr int ChildDeadlineMs = 20'000;

void say(const QString& line)
{
    std::fprintf(stdout, "%s\n", qPrintable(line));
    std::fflush(stdout);
}

ChatClientOptions quickOptions()
{
    ChatClientOptions options;
    options.backoffBaseMs = 20;
    options.backoffCapMs = 100;
    options.connectTimeoutMs = 3'000;
    options.watchNetworkReachability = false;
    return options;
}

// The client process: the app's start-up in small (profile lock, history, one conversation).
// "queue": sends three messages (the engine is down), reports their ids and waits to be killed.
// "deliver": waits until the outbox is empty, then exits 0.
int runChild(const QByteArray& mode)
{
    const QString dir = qEnvironmentVariable(DirVariable);
    ProfileLock lock(dir);
    if (auto locked = lock.tryLock(); !locked) {
        say(u"FAIL lock: "_s + locked.error().message);
        return 2;
    }
    HistoryStore store;
    if (auto opened = store.open(QDir(dir).filePath(u"history.sqlite"_s)); !opened) {
        say(u"FAIL open: "_s + opened.error().message);
        return 2;
    }
    auto conversations = store.listConversations();
    QString conversationId;
    if (conversations && !conversations->isEmpty()) {
        conversationId = conversations->first().id;
    } else {
        auto created = store.createConversation(u"Crash test"_s);
        if (!created) {
            say(u"FAIL create: "_s + created.error().message);
            return 2;
        }
        conversationId = created->id;
    }

    ChatClient client(quickOptions());
    ConversationSync sync(&client, &store, conversationId);
    if (!sync.open(QUrl(qEnvironmentVariable(UrlVariable)), qEnvironmentVariable(TokenVariable)).ok()) {
        say(u"FAIL connect"_s);
        return 2;
    }
    say(u"SESSION "_s + store.conversation(conversationId)->sessionId);

    if (mode == "queue") {
        for (const QString& text : {u"first"_s, u"second"_s, u"third"_s}) {
            const auto queued = sync.sendUserMessage(text);
            if (!queued) {
                say(u"FAIL send: "_s + queued.error().message);
                return 2;
            }
            say(u"QUEUED "_s + queued->id);
        }
        say(u"READY"_s);
        return QCoreApplication::exec(); // until SIGKILL
    }

    say(u"PENDING %1"_s.arg(sync.outboxCount()));
    QObject::connect(&sync, &ConversationSync::outboxChanged, [](int count) {
        if (count == 0) {
            say(u"DELIVERED"_s);
            QCoreApplication::exit(0);
        }
    });
    QTimer::singleShot(ChildDeadlineMs, [] {
        say(u"FAIL timeout"_s);
        QCoreApplication::exit(1);
    });
    return QCoreApplication::exec();
}

struct ChildRun {
    QProcess process;
    QStringList lines;

    void start(const QString& mode, const QString& dir, const QUrl& url, const QString& token)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QString::fromLatin1(ChildModeVariable), mode);
        env.insert(QString::fromLatin1(DirVariable), dir);
        env.insert(QString::fromLatin1(UrlVariable), url.toString());
        env.insert(QString::fromLatin1(TokenVariable), token);
        process.setProcessEnvironment(env);
        process.start(QCoreApplication::applicationFilePath(), {});
    }
    // Waits for a stdout line starting with `prefix`.
    bool waitForLine(const QString& prefix, int timeoutMs = 15'000)
    {
        return QTest::qWaitFor(
                   [&] {
                       while (process.canReadLine())
                           lines.append(QString::fromUtf8(process.readLine()).trimmed());
                       for (const QString& line : std::as_const(lines))
                           if (line.startsWith(prefix))
                               return true;
                       return process.state() == QProcess::NotRunning && !process.canReadLine();
                   },
                   timeoutMs) &&
               std::any_of(lines.cbegin(), lines.cend(),
                           [&](const QString& l) { return l.startsWith(prefix); });
    }
    // QProcess::waitForFinished() is false when the exit was already seen (while waiting for lines).
    bool waitFinished() { return process.state() == QProcess::NotRunning || process.waitForFinished(5000); }
    [[nodiscard]] QStringList valuesOf(const QString& prefix) const
    {
        QStringList values;
        for (const QString& line : lines)
            if (line.startsWith(prefix + u' '))
                values.append(line.mid(prefix.size() + 1));
        return values;
    }
    [[nodiscard]] QByteArray diagnostics()
    {
        return lines.join(u'\n').toUtf8() + "\n--- stderr ---\n" + process.readAllStandardError().right(4000);
    }
};

} // namespace

class TestOutboxCrash : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void killedWhileQueuedThenDeliveredOnce();
    void killedWhileAnsweringThenDeliveredOnce();

private:
    // Each message of the engine's session once and in the order of `ids`, each answered once.
    static void checkEngine(EngineFixture& f, const QString& sessionId, const QStringList& ids);
    static void checkHistory(const QString& profile, const QStringList& ids);
};

void TestOutboxCrash::checkEngine(EngineFixture& f, const QString& sessionId, const QStringList& ids)
{
    const auto remote = f.engine().store().recentMessages(sessionId, 100'000'000, 1'000);
    QVERIFY(remote.ok());
    QStringList users;
    QStringList replies;
    for (const SessionMessage& m : remote.value()) {
        if (m.isAnswer())
            replies.append(m.replyTo);
        else
            users.append(m.messageId);
    }
    QCOMPARE(users, ids);
    QCOMPARE(replies.size(), ids.size());
    QCOMPARE(QSet<QString>(replies.cbegin(), replies.cend()), QSet<QString>(ids.cbegin(), ids.cend()));
}

void TestOutboxCrash::checkHistory(const QString& profile, const QStringList& ids)
{
    HistoryStore history;
    QVERIFY(history.open(QDir(profile).filePath(u"history.sqlite"_s), HistoryStore::Recovery::None).ok());
    QCOMPARE(history.outbox()->size(), 0);
    const auto conversations = history.listConversations();
    QCOMPARE(conversations->size(), 1);
    const auto messages = history.newestMessages(conversations->first().id, 100);
    QCOMPARE(messages->size(), 2 * ids.size());
    QStringList localUsers;
    QStringList localReplies;
    for (const StoredMessage& m : messages.value()) {
        if (m.role == MessageRole::User) {
            localUsers.append(m.id);
            QCOMPARE(m.status, MessageStatus::Sent);
        } else {
            localReplies.append(m.replyTo);
            QVERIFY(m.status == MessageStatus::Complete || m.status == MessageStatus::Offline);
        }
    }
    QCOMPARE(localUsers, ids);
    QCOMPARE(QSet<QString>(localReplies.cbegin(), localReplies.cend()),
             QSet<QString>(ids.cbegin(), ids.cend()));
    QSqlQuery check(QSqlDatabase::database(history.connectionName()));
    QVERIFY(check.exec(u"PRAGMA integrity_check"_s) && check.next());
    QCOMPARE(check.value(0).toString(), u"ok"_s);
}

void TestOutboxCrash::killedWhileQueuedThenDeliveredOnce()
{
    EngineFixture f;
    QVERIFY2(f.started(), qPrintable(f.startError()));
    const QUrl url = f.engine().url();
    const QString token = QString::fromLatin1(EngineFixture::token(u"crash-user"_s));
    f.engine().shutdown(); // down while the messages are written
    QTemporaryDir profile;
    QVERIFY(profile.isValid());

    ChildRun first;
    first.start(u"queue"_s, profile.path(), url, token);
    QVERIFY2(first.waitForLine(u"READY"_s), first.diagnostics().constData());
    const QStringList ids = first.valuesOf(u"QUEUED"_s);
    QCOMPARE(ids.size(), 3);
    const QString sessionId = first.valuesOf(u"SESSION"_s).value(0);
    QVERIFY(!sessionId.isEmpty());
    QTest::qWait(100); // it keeps retrying the engine
    QCOMPARE(first.process.state(), QProcess::Running);
    first.process.kill(); // SIGKILL
    QVERIFY(first.waitFinished());
    QCOMPARE(first.process.exitStatus(), QProcess::CrashExit);

    {
        // What the killed process left behind: the three messages, queued in order.
        HistoryStore left;
        QVERIFY(
            left.open(QDir(profile.path()).filePath(u"history.sqlite"_s), HistoryStore::Recovery::None).ok());
        const auto outbox = left.outbox();
        QVERIFY(outbox.ok());
        QStringList queued;
        for (const OutboxEntry& e : outbox.value())
            queued.append(e.messageId);
        QCOMPARE(queued, ids);
    }

    QVERIFY(f.restart());
    QCOMPARE(f.engine().url(), url);
    ChildRun second;
    second.start(u"deliver"_s, profile.path(), url, token); // also takes over the dead process's lock
    QVERIFY2(second.waitForLine(u"DELIVERED"_s), second.diagnostics().constData());
    QVERIFY(second.waitFinished());
    QCOMPARE(second.process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(second.process.exitCode(), 0);
    QCOMPARE(second.valuesOf(u"PENDING"_s), QStringList{u"3"_s});
    QCOMPARE(second.valuesOf(u"SESSION"_s), QStringList{sessionId});

    checkEngine(f, sessionId, ids);
    if (QTest::currentTestFailed())
        return;
    checkHistory(profile.path(), ids);
}

// Killed after the engine received the messages and while it streams their answers: the new process
// resends them (same ids), the engine attaches the resends to the generations in flight, and each
// message costs exactly one provider call.
void TestOutboxCrash::killedWhileAnsweringThenDeliveredOnce()
{
    using namespace std::chrono_literals;
    FakeOpenAiServer upstream;
    QVERIFY(upstream.listen());
    QStringList tokens;
    for (int i = 0; i < 20; ++i)
        tokens.append(u"t%1 "_s.arg(i));
    for (int i = 0; i < 3; ++i)
        upstream.enqueue(FakeOpenAiResponse::stream(tokens, 50)); // about a second each
    ProviderConfig provider;
    provider.name = u"fake"_s;
    provider.baseUrl = upstream.baseUrl();
    provider.model = u"fake-model"_s;
    provider.firstTokenTimeout = 2000ms;
    provider.idleTimeout = 3000ms;
    ProviderSetup setup;
    setup.providers = {provider};
    ChainPolicy policy;
    policy.delayScale = 0.01;
    EngineFixture f({}, std::make_shared<ProviderChain>(setup, policy));
    QVERIFY2(f.started(), qPrintable(f.startError()));
    const QUrl url = f.engine().url();
    const QString token = QString::fromLatin1(EngineFixture::token(u"crash-user"_s));
    QTemporaryDir profile;
    QVERIFY(profile.isValid());

    ChildRun first;
    first.start(u"queue"_s, profile.path(), url, token);
    QVERIFY2(first.waitForLine(u"READY"_s), first.diagnostics().constData());
    const QStringList ids = first.valuesOf(u"QUEUED"_s);
    QCOMPARE(ids.size(), 3);
    const QString sessionId = first.valuesOf(u"SESSION"_s).value(0);
    QTRY_COMPARE(upstream.requestCount(), 3); // all three are being answered
    first.process.kill();
    QVERIFY(first.waitFinished());
    QCOMPARE(first.process.exitStatus(), QProcess::CrashExit);

    ChildRun second;
    second.start(u"deliver"_s, profile.path(), url, token);
    QVERIFY2(second.waitForLine(u"DELIVERED"_s), second.diagnostics().constData());
    QVERIFY(second.waitFinished());
    QCOMPARE(second.process.exitCode(), 0);
    QCOMPARE(second.valuesOf(u"PENDING"_s), QStringList{u"3"_s});

    QCOMPARE(upstream.requestCount(), 3);
    checkEngine(f, sessionId, ids);
    if (QTest::currentTestFailed())
        return;
    checkHistory(profile.path(), ids);
}

int main(int argc, char** argv)
{
    const QByteArray mode = qgetenv(ChildModeVariable);
    QCoreApplication app(argc, argv);
    if (!mode.isEmpty())
        return runChild(mode);
    TestOutboxCrash test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_outboxcrash.moc"
