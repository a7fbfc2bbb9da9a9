// Process-level durability of the local history: kill -9 while writing, a damaged file, a second
// instance, an interrupted migration. The test binary re-executes itself as the child process (see
// initMain), so the child runs exactly the library code the app runs.

#include "storage/HistoryStore.h"
#include "storage/ProfileLock.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QLockFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

using namespace Qt::Literals::StringLiterals;
using namespace pc;

namespace {

constexpr char ChildModeVariable[] = "PC_HISTORY_CHILD";     // writer | hold-lock | migrate
constexpr char ChildDirVariable[] = "PC_HISTORY_CHILD_DIR";  // the profile folder
constexpr char ChildRunVariable[] = "PC_HISTORY_CHILD_RUN";  // writer: run number, for unique ids
constexpr char ChildKillAtVariable[] = "PC_HISTORY_KILL_AT"; // migrate: SIGKILL before this commit
constexpr int KillCount = 200;

// ---- child side ----

void say(const QByteArray& line) {
    // One write per line, flushed: the parent sees a line only once its commit has returned.
    const QByteArray text = line + '\n';
    std::fputs(text.constData(), stdout);
    std::fflush(stdout);
}

void complain(const QString& text) {
    const QByteArray bytes = text.toUtf8() + '\n';
    std::fputs(bytes.constData(), stderr);
    std::fflush(stderr);
}

QString historyPath(const QString& dir) {
    return QDir(dir).filePath(u"history.sqlite"_s);
}

// Enqueues user messages until killed, printing each id after enqueueUserMessage returned. Answers
// and stream deltas (synchronous=NORMAL writes) are mixed in, as the app would do.
int runWriter(const QString& dir, int run) {
    ProfileLock lock(dir);
    if (auto locked = lock.tryLock(); !locked) {
        complain(u"lock: "_s + locked.error().message);
        return 3;
    }
    HistoryStore store;
    if (auto opened = store.open(historyPath(dir)); !opened) {
        complain(u"open: "_s + opened.error().message);
        return 2;
    }
    auto conversations = store.listConversations(true);
    if (!conversations) {
        complain(conversations.error().message);
        return 2;
    }
    QString conversationId;
    if (conversations->isEmpty()) {
        auto created = store.createConversation(u"Durability"_s);
        if (!created) {
            complain(created.error().message);
            return 2;
        }
        conversationId = created->id;
    } else {
        conversationId = conversations->first().id;
    }
    say("ready");
    QRandomGenerator random(quint32(run) * 7919u + 1u);
    for (int n = 0;; ++n) {
        const QString id = u"r%1-m%2"_s.arg(run).arg(n);
        const QString content = u"message %1 "_s.arg(id) + QString(int(random.bounded(10, 3000)), u'x');
        auto enqueued = store.enqueueUserMessage(conversationId, id, content);
        if (!enqueued) {
            complain(u"enqueue: "_s + enqueued.error().message);
            return 4;
        }
        say(id.toUtf8());
        if (n % 3 == 1) {
            AssistantMessage answer;
            answer.messageId = id + u"-answer"_s;
            answer.replyTo = id;
            answer.content = u"answer to "_s + id;
            if (auto stored = store.storeAnswer(conversationId, answer); !stored) {
                complain(u"answer: "_s + stored.error().message);
                return 4;
            }
        } else if (n % 3 == 2) {
            for (int delta = 0; delta < 3; ++delta) {
                if (auto appended = store.appendPartial(conversationId, id + u"-stream"_s, id, u"part "_s);
                    !appended) {
                    complain(u"stream: "_s + appended.error().message);
                    return 4;
                }
            }
        }
    }
}

int runLockHolder(const QString& dir) {
    ProfileLock lock(dir);
    if (auto locked = lock.tryLock(); !locked) {
        complain(locked.error().message);
        return 3;
    }
    say("locked");
    for (;;)
        QThread::sleep(1);
}

int s_killAtVersion = 0;

void killAtMigration(int version) {
    if (version == s_killAtVersion)
        std::raise(SIGKILL);
}

int runMigration(const QString& dir, int killAt) {
    s_killAtVersion = killAt;
    HistoryStore::setMigrationHookForTesting(&killAtMigration);
    HistoryStore store;
    auto opened = store.open(historyPath(dir));
    if (!opened)
        complain(opened.error().message);
    return opened ? 0 : 2;
}

int runChild(const QByteArray& mode) {
    const QString dir = qEnvironmentVariable(ChildDirVariable);
    if (mode == "writer")
        return runWriter(dir, qEnvironmentVariableIntValue(ChildRunVariable));
    if (mode == "hold-lock")
        return runLockHolder(dir);
    if (mode == "migrate")
        return runMigration(dir, qEnvironmentVariableIntValue(ChildKillAtVariable));
    complain(u"unknown child mode"_s);
    return 1;
}

// ---- parent side ----

QProcessEnvironment childEnvironment(const QString& mode, const QString& dir) {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QString::fromLatin1(ChildModeVariable), mode);
    env.insert(QString::fromLatin1(ChildDirVariable), dir);
    return env;
}

// Runs SQL on a file with a connection of its own, outside HistoryStore.
QVariantList rawColumn(const QString& path, const QString& sql) {
    QVariantList values;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"raw"_s);
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery query(db);
            if (query.exec(sql)) {
                while (query.next())
                    values.append(query.value(0));
            } else {
                values.append(QString(u"error: "_s + query.lastError().text()));
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(u"raw"_s);
    return values;
}

QVariant rawScalar(const QString& path, const QString& sql) {
    const QVariantList values = rawColumn(path, sql);
    return values.isEmpty() ? QVariant() : values.first();
}

int runChildToCompletion(const QString& mode, const QString& dir, int killAt) {
    QProcess child;
    QProcessEnvironment env = childEnvironment(mode, dir);
    env.insert(QString::fromLatin1(ChildKillAtVariable), QString::number(killAt));
    child.setProcessEnvironment(env);
    child.setProgram(QCoreApplication::applicationFilePath());
    child.start();
    if (!child.waitForFinished(30'000))
        return -1;
    return child.exitStatus() == QProcess::CrashExit ? -SIGKILL : child.exitCode();
}

} // namespace

class TstHistoryDurability : public QObject {
    Q_OBJECT

public:
    // Runs before the test harness: in a child process, do the child's work and exit.
    static void initMain() {
        const QByteArray mode = qgetenv(ChildModeVariable);
        if (mode.isEmpty())
            return;
        const int code = [&] {
            static int argc = 1;
            static char name[] = "tst_historydurability";
            static char* argv[] = {name, nullptr};
            QCoreApplication app(argc, argv);
            return runChild(mode);
        }();
        std::exit(code);
    }

private Q_SLOTS:
    void killedWhileWriting();
    void corruptFileMovedAside_data();
    void corruptFileMovedAside();
    void damagedPagesMovedAside();
    void secondInstanceRefused();
    void secondProcessRefusedThenTakesOver();
    void abandonedEmptyLockTakenOver();
    void reusedPidLockTakenOver();
    void migrationInterrupted();
};

void TstHistoryDurability::killedWhileWriting() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const quint32 seed = qEnvironmentVariableIsSet("PC_DURABILITY_SEED")
                             ? quint32(qEnvironmentVariableIntValue("PC_DURABILITY_SEED"))
                             : QRandomGenerator::global()->generate();
    qInfo("seed %u (set PC_DURABILITY_SEED to replay)", seed);
    QRandomGenerator random(seed);

    QStringList reported; // in commit order, across all runs
    QHash<int, QSet<QString>> reportedByRun;
    int runsThatWrote = 0;
    QElapsedTimer elapsed;
    elapsed.start();
    for (int run = 0; run < KillCount; ++run) {
        QProcess child;
        QProcessEnvironment env = childEnvironment(u"writer"_s, dir.path());
        env.insert(QString::fromLatin1(ChildRunVariable), QString::number(run));
        child.setProcessEnvironment(env);
        child.setProgram(QCoreApplication::applicationFilePath());
        child.start();
        QVERIFY(child.waitForStarted());
        // One kill in five lands anywhere from the start (start-up, lock take-over, WAL recovery,
        // open); the others land while writing. Counting from "ready" keeps the mix the same on a
        // slow, busy machine.
        if (random.bounded(5) != 0) {
            while (!child.canReadLine() && child.state() == QProcess::Running)
                child.waitForReadyRead(10'000);
        }
        const int delayMs = int(random.bounded(0, 60));
        if (child.state() == QProcess::NotRunning || child.waitForFinished(delayMs)) {
            QFAIL(qPrintable(u"writer run %1 stopped by itself (%2 %3): %4"_s.arg(run)
                                 .arg(child.exitStatus() == QProcess::CrashExit ? u"crash"_s : u"exit"_s)
                                 .arg(child.exitCode())
                                 .arg(QString::fromUtf8(child.readAllStandardError()))));
        }
        child.kill(); // SIGKILL
        QVERIFY(child.waitForFinished(10'000));
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);

        const QByteArray out = child.readAllStandardOutput();
        QList<QByteArray> lines = out.split('\n');
        lines.removeLast(); // empty, or a line cut by the kill: never reported as committed
        for (const QByteArray& line : lines) {
            if (line == "ready")
                continue;
            const QString id = QString::fromUtf8(line);
            QVERIFY2(!reportedByRun[run].contains(id), qPrintable(id));
            reported.append(id);
            reportedByRun[run].insert(id);
        }
        if (!lines.isEmpty())
            ++runsThatWrote;
    }
    const qint64 loopMs = elapsed.elapsed();

    const QString path = historyPath(dir.path());
    QCOMPARE(rawScalar(path, u"PRAGMA integrity_check"_s).toString(), u"ok"_s);
    QCOMPARE(rawScalar(path, u"INSERT INTO messages_fts (messages_fts) VALUES ('integrity-check')"_s),
             QVariant());

    const QVariantList userIds =
        rawColumn(path, u"SELECT id FROM messages WHERE role = 'user' ORDER BY seq"_s);
    QSet<QString> stored;
    for (const QVariant& id : userIds)
        stored.insert(id.toString());
    QCOMPARE(stored.size(), userIds.size()); // no duplicates
    QCOMPARE(rawScalar(path, u"SELECT count(*) - count(DISTINCT id) FROM messages"_s).toInt(), 0);

    // Every message the child reported as committed is there...
    for (const QString& id : reported)
        QVERIFY2(stored.contains(id), qPrintable(u"reported but lost: "_s + id));
    // ...and at most one more per run: the one whose commit the kill interrupted.
    QHash<int, int> unreported;
    for (const QString& id : stored) {
        const int run = id.mid(1, id.indexOf(u'-') - 1).toInt();
        if (!reportedByRun.value(run).contains(id))
            ++unreported[run];
    }
    for (auto it = unreported.cbegin(); it != unreported.cend(); ++it)
        QVERIFY2(it.value() <= 1,
                 qPrintable(u"run %1 has %2 unreported messages"_s.arg(it.key()).arg(it.value())));

    // The outbox keeps the commit order, and every unanswered message is still in it.
    const QVariantList outboxIds = rawColumn(path, u"SELECT message_id FROM outbox ORDER BY position"_s);
    QStringList outboxOrder;
    for (const QVariant& id : outboxIds)
        outboxOrder.append(id.toString());
    QStringList reportedInOutbox;
    const QSet<QString> inOutbox(outboxOrder.cbegin(), outboxOrder.cend());
    for (const QString& id : reported) {
        if (inOutbox.contains(id))
            reportedInOutbox.append(id);
    }
    QStringList outboxReportedOnly;
    for (const QString& id : outboxOrder) {
        if (reportedInOutbox.contains(id))
            outboxReportedOnly.append(id);
    }
    QCOMPARE(outboxReportedOnly, reportedInOutbox);
    QCOMPARE(rawScalar(path,
                       u"SELECT count(*) FROM messages m WHERE role = 'user' AND NOT EXISTS "
                       u"(SELECT 1 FROM outbox WHERE message_id = m.id) AND NOT EXISTS "
                       u"(SELECT 1 FROM messages a WHERE a.reply_to = m.id AND a.status <> 'sending')"_s)
                 .toInt(),
             0);

    // The app starts normally on what the kills left: no damage detected, nothing set aside.
    HistoryStore store;
    QVERIFY(store.open(path).ok());
    QVERIFY(store.recoveryNotice().isEmpty());
    const QString conversationId = store.listConversations(true)->first().id;
    QCOMPARE(store.messageCount(conversationId).value(),
             rawScalar(path, u"SELECT count(*) FROM messages"_s).toLongLong());

    qInfo("%d kills in %lld ms; %d runs committed messages; %lld messages reported committed, %lld stored",
          KillCount, loopMs, runsThatWrote, qint64(reported.size()), qint64(stored.size()));
    QVERIFY2(runsThatWrote > KillCount / 4, "too few runs got to write: the kills say little");
}

void TstHistoryDurability::corruptFileMovedAside_data() {
    QTest::addColumn<QByteArray>("content");
    // Without a SQLite header the file is set aside unopened, its WAL with it. A file SQLite opened
    // (to run quick_check) may have had its WAL folded in or discarded by SQLite on close.
    QTest::addColumn<bool>("walSetAside");
    QTest::newRow("text file") << QByteArray("This is not a database at all.\n").repeated(200) << true;
    QTest::newRow("cut header") << QByteArray("SQLite for") << true;
    QTest::newRow("zeros") << QByteArray(8192, '\0') << true;
    QTest::newRow("header then garbage")
        << QByteArray("SQLite format 3\0", 16) + QByteArray(8192, '\xa5') << false;
}

void TstHistoryDurability::corruptFileMovedAside() {
    QFETCH(QByteArray, content);
    QFETCH(bool, walSetAside);
    QTemporaryDir dir;
    const QString path = historyPath(dir.path());
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
    file.close();
    QFile wal(path + u"-wal"_s);
    QVERIFY(wal.open(QIODevice::WriteOnly));
    wal.write(QByteArray(4096, 'w'));
    wal.close();

    HistoryStore store;
    auto opened = store.open(path);
    QVERIFY2(opened.ok(), opened.ok() ? "" : qPrintable(opened.error().message));
    QVERIFY(!store.recoveryNotice().isEmpty());
    QVERIFY(store.recoveryNotice().contains(QDir::toNativeSeparators(store.corruptFilePath())));
    QVERIFY2(QFileInfo(store.corruptFilePath())
                 .fileName()
                 .contains(QRegularExpression(u"^history\\.sqlite\\.corrupt-\\d{8}T\\d{6}Z$"_s)),
             qPrintable(store.corruptFilePath()));

    // The damaged file is kept as it was, its WAL with it; the new history works.
    QFile aside(store.corruptFilePath());
    QVERIFY(aside.open(QIODevice::ReadOnly));
    QCOMPARE(aside.readAll(), content);
    if (walSetAside)
        QVERIFY(QFile::exists(store.corruptFilePath() + u"-wal"_s));
    auto conversation = store.createConversation(u"Fresh start"_s);
    QVERIFY(conversation.ok());
    QVERIFY(store.enqueueUserMessage(conversation->id, u"m1"_s, u"works"_s).ok());
    store.close();

    HistoryStore again;
    QVERIFY(again.open(path).ok());
    QVERIFY(again.recoveryNotice().isEmpty());
    QCOMPARE(again.listConversations()->size(), 1);
}

void TstHistoryDurability::damagedPagesMovedAside() {
    QTemporaryDir dir;
    const QString path = historyPath(dir.path());
    {
        HistoryStore store;
        QVERIFY(store.open(path).ok());
        const QString c = store.createConversation(u"Doomed"_s)->id;
        for (int i = 0; i < 300; ++i)
            QVERIFY(store.enqueueUserMessage(c, u"m%1"_s.arg(i), QString(500, QChar(u'a' + i % 26))).ok());
    } // closing checkpoints the WAL into the main file
    QVERIFY(!QFile::exists(path + u"-wal"_s) || QFileInfo(path + u"-wal"_s).size() == 0);

    // Keep the first page (the header and schema) and overwrite the rest with garbage.
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadWrite));
    const qint64 size = file.size();
    QVERIFY(size > qint64(4) * 4096);
    QVERIFY(file.seek(4096));
    QByteArray garbage(size - 4096, '\0');
    QRandomGenerator random(42);
    for (char& byte : garbage)
        byte = char(random.bounded(256));
    file.write(garbage);
    file.close();

    HistoryStore store;
    QVERIFY(store.open(path).ok());
    QVERIFY(!store.recoveryNotice().isEmpty());
    QVERIFY(QFile::exists(store.corruptFilePath()));
    QCOMPARE(QFileInfo(store.corruptFilePath()).size(), size);
    QVERIFY(store.listConversations()->isEmpty());
    QVERIFY(store.createConversation(u"New"_s).ok());
}

void TstHistoryDurability::secondInstanceRefused() {
    QTemporaryDir dir;
    ProfileLock first(dir.path());
    QVERIFY(first.tryLock().ok());
    QVERIFY(first.isLocked());
    QCOMPARE(first.filePath(), QDir(dir.path()).filePath(u"promptcraft.lock"_s));
    QVERIFY(first.tryLock().ok()); // already ours

    ProfileLock second(dir.path());
    auto refused = second.tryLock();
    QVERIFY(!refused.ok());
    QVERIFY(!second.isLocked());
    QVERIFY(second.holder().has_value());
    QCOMPARE(second.holder()->pid, QCoreApplication::applicationPid());
    QCOMPARE(second.holder()->hostname, QSysInfo::machineHostName());
    QVERIFY2(refused.error().message.contains(QString::number(QCoreApplication::applicationPid())),
             qPrintable(refused.error().message));
    QVERIFY(refused.error().message.contains(u"already running"_s));

    first.unlock();
    QVERIFY(second.tryLock().ok());
    QVERIFY(!second.holder().has_value());
}

void TstHistoryDurability::secondProcessRefusedThenTakesOver() {
    QTemporaryDir dir;
    QProcess holder;
    holder.setProcessEnvironment(childEnvironment(u"hold-lock"_s, dir.path()));
    holder.setProgram(QCoreApplication::applicationFilePath());
    holder.start();
    QVERIFY(holder.waitForReadyRead(10'000));
    QCOMPARE(holder.readLine().trimmed(), QByteArray("locked"));

    ProfileLock lock(dir.path());
    auto refused = lock.tryLock();
    QVERIFY(!refused.ok());
    QCOMPARE(lock.holder()->pid, holder.processId());
    QCOMPARE(lock.holder()->application, QFileInfo(QCoreApplication::applicationFilePath()).fileName());

    // An old lock of a live instance is still respected (QLockFile's default 30 s would steal it).
    QFile lockFile(lock.filePath());
    QVERIFY(lockFile.open(QIODevice::ReadWrite));
    QVERIFY(lockFile.setFileTime(QDateTime::currentDateTimeUtc().addSecs(-3600),
                                 QFileDevice::FileModificationTime));
    lockFile.close();
    QVERIFY(!lock.tryLock().ok());

    // The holder crashes: its lock is stale and the next instance takes over.
    holder.kill();
    QVERIFY(holder.waitForFinished(10'000));
    auto taken = lock.tryLock();
    QVERIFY2(taken.ok(), taken.ok() ? "" : qPrintable(taken.error().message));
    QVERIFY(lock.isLocked());
}

// A crashed instance's lock naming a pid that now belongs to a live process of the same name, here
// this very process (as after a restart in a sandbox that hands out the same pid every time).
void TstHistoryDurability::reusedPidLockTakenOver() {
    QTemporaryDir dir;
    ProfileLock lock(dir.path());
    QFile file(lock.filePath());
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray::number(QCoreApplication::applicationPid()) + '\n' +
               QFileInfo(QCoreApplication::applicationFilePath()).fileName().toUtf8() + '\n' +
               QSysInfo::machineHostName().toUtf8() + '\n' + QSysInfo::machineUniqueId() + '\n' +
               QSysInfo::bootUniqueId() + '\n');
    file.close();
    // QLockFile alone calls this a live lock.
    QLockFile plain(lock.filePath());
    plain.setStaleLockTime(0);
    QVERIFY(!plain.tryLock(0));
    QCOMPARE(plain.error(), QLockFile::LockFailedError);

    auto taken = lock.tryLock();
    QVERIFY2(taken.ok(), taken.ok() ? "" : qPrintable(taken.error().message));
    QVERIFY(lock.isLocked());
}

// A process killed between creating the lock file and writing its pid leaves an empty file
// (the kill loop above hits this now and then).
void TstHistoryDurability::abandonedEmptyLockTakenOver() {
    QTemporaryDir dir;
    ProfileLock lock(dir.path());
    QFile empty(lock.filePath());
    QVERIFY(empty.open(QIODevice::WriteOnly));
    empty.close();
    auto taken = lock.tryLock();
    QVERIFY2(taken.ok(), taken.ok() ? "" : qPrintable(taken.error().message));
    QVERIFY(lock.isLocked());

    // A live creator that holds flock() but has not written its pid yet is not displaced; once it
    // is gone, its empty file is taken over.
    QTemporaryDir second;
    ProfileLock other(second.path());
    const int fd = ::open(QFile::encodeName(other.filePath()).constData(), O_RDWR | O_CREAT | O_EXCL, 0666);
    QVERIFY(fd >= 0);
    QCOMPARE(::flock(fd, LOCK_EX | LOCK_NB), 0);
    auto refused = other.tryLock();
    QVERIFY(!refused.ok());
    QVERIFY(refused.error().message.contains(u"already running"_s));
    ::close(fd);
    QVERIFY(other.tryLock().ok());
}

void TstHistoryDurability::migrationInterrupted() {
    QTemporaryDir dir;
    const QString path = historyPath(dir.path());

    // Killed inside the very first migration: the file holds no schema at all.
    QCOMPARE(runChildToCompletion(u"migrate"_s, dir.path(), 1), -SIGKILL);
    QCOMPARE(rawScalar(path, u"PRAGMA user_version"_s).toInt(), 0);
    QCOMPARE(rawScalar(path, u"SELECT count(*) FROM sqlite_master"_s).toInt(), 0);

    // Killed inside version 2: version 1 is complete and usable.
    QCOMPARE(runChildToCompletion(u"migrate"_s, dir.path(), 2), -SIGKILL);
    QCOMPARE(rawScalar(path, u"PRAGMA user_version"_s).toInt(), 1);
    QCOMPARE(rawScalar(path, u"SELECT count(*) FROM sqlite_master WHERE name = 'templates'"_s).toInt(), 0);

    // History written by a version-1 app.
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"v1"_s);
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery query(db);
        QVERIFY(query.exec(u"BEGIN"_s));
        QVERIFY(query.exec(u"INSERT INTO conversations (id, title, created_at, updated_at) "
                           u"VALUES ('old', 'From v1', 1, 1)"_s));
        QVERIFY(
            query.prepare(u"INSERT INTO messages (id, conversation_id, role, content, status, created_at) "
                          u"VALUES (?, 'old', 'user', ?, 'sent', ?)"_s));
        for (int i = 0; i < 300; ++i) {
            query.addBindValue(u"old-%1"_s.arg(i));
            query.addBindValue(i == 123 ? u"the platypus question"_s : u"ordinary words %1"_s.arg(i));
            query.addBindValue(1000 + i);
            QVERIFY(query.exec());
        }
        QVERIFY(query.exec(u"COMMIT"_s));
        db.close();
    }
    QSqlDatabase::removeDatabase(u"v1"_s);

    // Killed inside version 3, after the full-text index was built but before its commit.
    QCOMPARE(runChildToCompletion(u"migrate"_s, dir.path(), 3), -SIGKILL);
    QCOMPARE(rawScalar(path, u"PRAGMA user_version"_s).toInt(), 2);
    QCOMPARE(rawScalar(path, u"SELECT count(*) FROM sqlite_master WHERE name = 'templates'"_s).toInt(), 1);
    QCOMPARE(rawScalar(path, u"SELECT count(*) FROM sqlite_master WHERE name LIKE 'messages_fts%'"_s).toInt(),
             0);
    QCOMPARE(rawScalar(path, u"PRAGMA integrity_check"_s).toString(), u"ok"_s);
    QCOMPARE(rawScalar(path, u"SELECT count(*) FROM messages"_s).toInt(), 300);

    // The next start completes the migration over the old data.
    HistoryStore store;
    QVERIFY(store.open(path).ok());
    QVERIFY(store.recoveryNotice().isEmpty());
    QCOMPARE(rawScalar(path, u"PRAGMA user_version"_s).toInt(), HistoryStore::SchemaVersion);
    QCOMPARE(store.messageCount(u"old"_s).value(), 300);
    auto hits = store.search(u"platypus"_s);
    QVERIFY(hits.ok());
    QCOMPARE(hits->size(), 1);
    QCOMPARE(hits->first().messageId, u"old-123"_s);
    QCOMPARE(rawScalar(path, u"INSERT INTO messages_fts (messages_fts) VALUES ('integrity-check')"_s),
             QVariant());
}

QTEST_GUILESS_MAIN(TstHistoryDurability)
#include "tst_historydurability.moc"
