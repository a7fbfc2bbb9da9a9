#include "storage/HistoryStore.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <unistd.h>

using namespace Qt::Literals::StringLiterals;
using namespace pc;

namespace {

// A clock the test moves by hand, so "newest first" does not depend on timing.
class ManualClock final : public Clock {
public:
    [[nodiscard]] qint64 nowMs() const override { return m_now; }
    void advance(qint64 ms) { m_now += ms; }

private:
    qint64 m_now = 1'700'000'000'000;
};

QVariant scalar(const HistoryStore& store, const QString& sql) {
    QSqlQuery query(QSqlDatabase::database(store.connectionName()));
    if (!query.exec(sql) || !query.next())
        return QVariant();
    return query.value(0);
}

bool execRaw(const HistoryStore& store, const QString& sql) {
    QSqlQuery query(QSqlDatabase::database(store.connectionName()));
    const bool ok = query.exec(sql);
    if (!ok)
        qWarning() << sql << query.lastError().text();
    return ok;
}

// For QVERIFY2, which evaluates its message even when the check passes.
template <class T> QByteArray why(const Result<T>& result) {
    return result.ok() ? QByteArray("ok") : result.error().message.toUtf8();
}

QStringList ids(const QList<StoredMessage>& messages) {
    QStringList list;
    for (const StoredMessage& message : messages)
        list.append(message.id);
    return list;
}

QStringList ids(const QList<OutboxEntry>& entries) {
    QStringList list;
    for (const OutboxEntry& entry : entries)
        list.append(entry.messageId);
    return list;
}

QStringList ids(const QList<Conversation>& conversations) {
    QStringList list;
    for (const Conversation& conversation : conversations)
        list.append(conversation.id);
    return list;
}

AssistantMessage answer(const QString& id, const QString& replyTo, const QString& content,
                        AnswerStatus status = AnswerStatus::Complete) {
    AssistantMessage message;
    message.messageId = id;
    message.replyTo = replyTo;
    message.content = content;
    message.status = status;
    message.provider = u"deepseek"_s;
    message.model = u"deepseek-chat"_s;
    message.processingTimeMs = 420;
    message.usage = Usage{10, 20, 3};
    return message;
}

// Makes a file unwritable even for root (chmod alone does not stop root): the immutable flag.
bool setImmutable(const QString& path, bool on) {
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY);
    if (fd < 0)
        return false;
    int flags = 0;
    bool ok = ::ioctl(fd, FS_IOC_GETFLAGS, &flags) == 0;
    if (ok) {
        flags = on ? (flags | FS_IMMUTABLE_FL) : (flags & ~FS_IMMUTABLE_FL);
        ok = ::ioctl(fd, FS_IOC_SETFLAGS, &flags) == 0;
    }
    ::close(fd);
    return ok;
}

} // namespace

class TstHistoryStore : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void migratesFromEmpty();
    void reopenKeepsData();
    void refusesNewerSchema();
    void migratesSchema3KeepingAnswers();
    void answerReasoningPersists();
    void conversationCrud();
    void listOrder();
    void softDeleteAndUndo();
    void pagingTenThousand();
    void orderingAcrossConversations();
    void idempotentAnswers();
    void streamingAnswer();
    void interruptedStreamRecoveredOnOpen();
    void outboxOrder();
    void outboxAtomicity();
    void duplicateUserMessage();
    void drafts();
    void templateVersions();
    void diskFullKeepsOutbox();
    void readOnlyFileKeepsOutbox();
    void notOpen();

private:
    QTemporaryDir m_dir;
    int m_files = 0;
    QString nextPath() { return m_dir.filePath(u"history-%1.sqlite"_s.arg(++m_files)); }
};

void TstHistoryStore::migratesFromEmpty() {
    HistoryStore store;
    const QString path = nextPath();
    QVERIFY(!QFile::exists(path));
    QVERIFY2(store.open(path).ok(), "open");
    QVERIFY(store.isOpen());
    QVERIFY(store.recoveryNotice().isEmpty());
    QCOMPARE(scalar(store, u"PRAGMA user_version"_s).toInt(), HistoryStore::SchemaVersion);
    QCOMPARE(scalar(store, u"PRAGMA journal_mode"_s).toString(), u"wal"_s);
    QCOMPARE(scalar(store, u"PRAGMA foreign_keys"_s).toInt(), 1);
    QCOMPARE(scalar(store, u"PRAGMA synchronous"_s).toInt(), 1); // NORMAL between outbox commits
    QCOMPARE(scalar(store, u"PRAGMA busy_timeout"_s).toInt(), HistoryStore::BusyTimeoutMs);
    for (const QString& table :
         {u"conversations"_s, u"messages"_s, u"drafts"_s, u"outbox"_s, u"templates"_s, u"messages_fts"_s}) {
        QVERIFY2(
            scalar(store, u"SELECT count(*) FROM sqlite_master WHERE name = '%1'"_s.arg(table)).toInt() == 1,
            qPrintable(table));
    }
}

void TstHistoryStore::reopenKeepsData() {
    const QString path = nextPath();
    QString conversationId;
    {
        HistoryStore store;
        QVERIFY(store.open(path).ok());
        auto conversation = store.createConversation(u"Kept"_s, u"ws://127.0.0.1:8000"_s);
        QVERIFY(conversation.ok());
        conversationId = conversation->id;
        QVERIFY(store.enqueueUserMessage(conversationId, u"m1"_s, u"hello"_s).ok());
    }
    HistoryStore store;
    QVERIFY(store.open(path).ok());
    QCOMPARE(scalar(store, u"PRAGMA user_version"_s).toInt(), HistoryStore::SchemaVersion);
    auto conversation = store.conversation(conversationId);
    QVERIFY(conversation.ok());
    QCOMPARE(conversation->title, u"Kept"_s);
    QCOMPARE(conversation->server, u"ws://127.0.0.1:8000"_s);
    auto message = store.message(u"m1"_s);
    QVERIFY(message.ok());
    QCOMPARE(message->content, u"hello"_s);
    QCOMPARE(message->status, MessageStatus::Queued);
    QCOMPARE(ids(store.outbox().value()), QStringList{u"m1"_s});
}

void TstHistoryStore::refusesNewerSchema() {
    const QString path = nextPath();
    {
        HistoryStore store;
        QVERIFY(store.open(path).ok());
        QVERIFY(execRaw(store, u"PRAGMA user_version = 99"_s));
    }
    HistoryStore store;
    auto opened = store.open(path);
    QVERIFY(!opened.ok());
    QVERIFY2(opened.error().message.contains(u"newer"_s), why(opened).constData());
    QVERIFY(!store.isOpen());
    QVERIFY(QFile::exists(path)); // untouched, not set aside
    QVERIFY(store.recoveryNotice().isEmpty());
}

void TstHistoryStore::migratesSchema3KeepingAnswers()
{
    // A history written before answers kept their reasoning (schema 3): made here from a current file
    // by taking the column away again.
    const QString path = nextPath();
    QString conversationId;
    {
        HistoryStore store;
        QVERIFY(store.open(path).ok());
        auto conversation = store.createConversation(u"Before"_s);
        QVERIFY(conversation.ok());
        conversationId = conversation->id;
        QVERIFY(store.enqueueUserMessage(conversationId, u"u1"_s, u"old question"_s).ok());
        QVERIFY(store.storeAnswer(conversationId, answer(u"a1"_s, u"u1"_s, u"old answer"_s)).ok());
        QVERIFY(execRaw(store, u"ALTER TABLE messages DROP COLUMN reasoning"_s));
        QVERIFY(execRaw(store, u"PRAGMA user_version = 3"_s));
    }
    HistoryStore store;
    QVERIFY2(store.open(path).ok(), "open");
    QCOMPARE(scalar(store, u"PRAGMA user_version"_s).toInt(), HistoryStore::SchemaVersion);
    QCOMPARE(scalar(store, u"SELECT count(*) FROM pragma_table_info('messages') WHERE name = 'reasoning'"_s)
                 .toInt(),
             1);
    auto old = store.message(u"a1"_s);
    QVERIFY2(old.ok(), why(old).constData());
    QCOMPARE(old->content, u"old answer"_s);
    QVERIFY(old->reasoning.isEmpty());
    // The migrated file stores reasoning like a new one.
    QVERIFY(store.enqueueUserMessage(conversationId, u"u2"_s, u"new question"_s).ok());
    AssistantMessage thought = answer(u"a2"_s, u"u2"_s, u"new answer"_s);
    thought.reasoning = u"Worked it out."_s;
    QVERIFY(store.storeAnswer(conversationId, thought).ok());
    QCOMPARE(store.message(u"a2"_s)->reasoning, u"Worked it out."_s);
    QCOMPARE(scalar(store, u"PRAGMA integrity_check"_s).toString(), u"ok"_s);
}

void TstHistoryStore::answerReasoningPersists()
{
    const QString path = nextPath();
    QString conversationId;
    const QString reasoning = u"The user asks for 2 + 2.\nAdding gives 4."_s;
    {
        HistoryStore store;
        QVERIFY(store.open(path).ok());
        auto conversation = store.createConversation(u"Thinking"_s);
        QVERIFY(conversation.ok());
        conversationId = conversation->id;
        QVERIFY(store.enqueueUserMessage(conversationId, u"u1"_s, u"2 + 2?"_s).ok());
        // Streamed first (no reasoning yet), then the final message brings it.
        QVERIFY(store.appendPartial(conversationId, u"a1"_s, u"u1"_s, u"4"_s).ok());
        QVERIFY(store.message(u"a1"_s)->reasoning.isEmpty());
        AssistantMessage final = answer(u"a1"_s, u"u1"_s, u"4"_s);
        final.reasoning = reasoning;
        auto stored = store.storeAnswer(conversationId, final);
        QVERIFY2(stored.ok(), why(stored).constData());
        QCOMPARE(stored->reasoning, reasoning);
        // An answer without reasoning stays without.
        QVERIFY(store.enqueueUserMessage(conversationId, u"u2"_s, u"thanks"_s).ok());
        QVERIFY(store.storeAnswer(conversationId, answer(u"a2"_s, u"u2"_s, u"You're welcome."_s)).ok());
    }
    HistoryStore store;
    QVERIFY(store.open(path).ok());
    auto page = store.newestMessages(conversationId, 10);
    QVERIFY(page.ok());
    QCOMPARE(ids(page.value()), (QStringList{u"u1"_s, u"a1"_s, u"u2"_s, u"a2"_s}));
    QCOMPARE(page->at(1).reasoning, reasoning);
    QVERIFY(page->at(3).reasoning.isEmpty());
    QVERIFY(page->at(0).reasoning.isEmpty());
    // Reasoning is not the answer: search finds answers by their text only.
    QCOMPARE(store.search(u"Adding"_s)->size(), 0);
}

void TstHistoryStore::conversationCrud() {
    ManualClock clock;
    HistoryStore store(clock);
    QVERIFY(store.open(nextPath()).ok());
    auto created = store.createConversation(u"First"_s, u"local"_s, u"s-1"_s);
    QVERIFY(created.ok());
    QVERIFY(!created->id.isEmpty());
    QCOMPARE(created->createdAt, clock.now());

    QVERIFY(store.renameConversation(created->id, u"Renamed 'with' \"quotes\"; DROP TABLE x"_s).ok());
    QVERIFY(store.setSessionId(created->id, u"s-2"_s).ok());
    QVERIFY(store.setPinned(created->id, true).ok());
    auto read = store.conversation(created->id);
    QVERIFY(read.ok());
    QCOMPARE(read->title, u"Renamed 'with' \"quotes\"; DROP TABLE x"_s);
    QCOMPARE(read->sessionId, u"s-2"_s);
    QVERIFY(read->pinned);
    QVERIFY(!read->archived);

    QVERIFY(store.setArchived(created->id, true).ok());
    QVERIFY(store.listConversations().value().isEmpty());
    QCOMPARE(ids(store.listConversations(true).value()), QStringList{created->id});
    QVERIFY(store.setArchived(created->id, false).ok());
    QCOMPARE(store.listConversations().value().size(), 1);

    auto missing = store.renameConversation(u"nope"_s, u"x"_s);
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().code, ErrorCode::NotFound);
    QCOMPARE(store.conversation(u"nope"_s).error().code, ErrorCode::NotFound);
    QCOMPARE(store.enqueueUserMessage(u"nope"_s, u"m"_s, u"x"_s).error().code, ErrorCode::NotFound);
}

void TstHistoryStore::listOrder() {
    ManualClock clock;
    HistoryStore store(clock);
    QVERIFY(store.open(nextPath()).ok());
    const QString a = store.createConversation(u"A"_s)->id;
    clock.advance(1000);
    const QString b = store.createConversation(u"B"_s)->id;
    clock.advance(1000);
    const QString c = store.createConversation(u"C"_s)->id;
    QCOMPARE(ids(store.listConversations().value()), (QStringList{c, b, a}));

    // Activity moves a conversation up; renaming does not.
    clock.advance(1000);
    QVERIFY(store.enqueueUserMessage(a, u"a1"_s, u"bump"_s).ok());
    QVERIFY(store.renameConversation(b, u"B2"_s).ok());
    QCOMPARE(ids(store.listConversations().value()), (QStringList{a, c, b}));
    QCOMPARE(store.conversation(a)->updatedAt, clock.now());

    // Pinned first, whatever the activity.
    QVERIFY(store.setPinned(b, true).ok());
    QCOMPARE(ids(store.listConversations().value()), (QStringList{b, a, c}));
}

void TstHistoryStore::softDeleteAndUndo() {
    ManualClock clock;
    HistoryStore store(clock);
    QVERIFY(store.open(nextPath()).ok());
    const QString keep = store.createConversation(u"Keep"_s)->id;
    const QString gone = store.createConversation(u"Gone"_s)->id;
    QVERIFY(store.enqueueUserMessage(gone, u"g1"_s, u"unique-word-zebra"_s).ok());
    QVERIFY(store.setDraft(gone, u"draft"_s).ok());
    QVERIFY(store.enqueueUserMessage(keep, u"k1"_s, u"other"_s).ok());

    QVERIFY(store.deleteConversation(gone).ok());
    QCOMPARE(ids(store.listConversations(true).value()), QStringList{keep});
    QCOMPARE(store.conversation(gone).error().code, ErrorCode::NotFound);
    QCOMPARE(ids(store.outbox().value()), QStringList{u"k1"_s}); // held while deleted
    QVERIFY(store.search(u"zebra"_s).value().isEmpty());
    QCOMPARE(store.deleteConversation(gone).error().code, ErrorCode::NotFound);

    // Undo brings everything back.
    QVERIFY(store.restoreConversation(gone).ok());
    QCOMPARE(store.listConversations().value().size(), 2);
    QCOMPARE(ids(store.outbox().value()), (QStringList{u"g1"_s, u"k1"_s}));
    QCOMPARE(store.search(u"zebra"_s).value().size(), 1);
    QCOMPARE(store.draft(gone).value(), u"draft"_s);
    QCOMPARE(store.restoreConversation(gone).error().code, ErrorCode::NotFound);

    // Purge removes only what was deleted before the cut-off.
    QVERIFY(store.deleteConversation(gone).ok());
    QCOMPARE(store.purgeDeletedConversations(clock.now().addSecs(-60)).value(), 0);
    clock.advance(120'000);
    QCOMPARE(store.purgeDeletedConversations(clock.now().addSecs(-60)).value(), 1);
    QCOMPARE(store.restoreConversation(gone).error().code, ErrorCode::NotFound);
    QCOMPARE(store.message(u"g1"_s).error().code, ErrorCode::NotFound);
    QCOMPARE(scalar(store, u"SELECT count(*) FROM drafts"_s).toInt(), 0);
    QCOMPARE(scalar(store, u"SELECT count(*) FROM outbox"_s).toInt(), 1);
    QVERIFY(execRaw(store, u"INSERT INTO messages_fts (messages_fts) VALUES ('integrity-check')"_s));
    QCOMPARE(scalar(store, u"PRAGMA integrity_check"_s).toString(), u"ok"_s);
}

void TstHistoryStore::pagingTenThousand() {
    HistoryStore store;
    QVERIFY(store.open(nextPath()).ok());
    Conversation conversation;
    conversation.id = u"big"_s;
    conversation.title = u"Big"_s;
    QList<StoredMessage> messages;
    const QDateTime start = QDateTime::fromMSecsSinceEpoch(1'700'000'000'000, Qt::UTC);
    for (int i = 0; i < 10'000; ++i) {
        StoredMessage message;
        message.id = u"msg-%1"_s.arg(i, 5, 10, QChar(u'0'));
        message.role = i % 2 ? MessageRole::Assistant : MessageRole::User;
        message.status = i % 2 ? MessageStatus::Complete : MessageStatus::Sent;
        message.content = u"Message number %1 with a little text to make the row realistic."_s.arg(i);
        message.createdAt = start.addSecs(i);
        messages.append(message);
    }
    QElapsedTimer timer;
    timer.start();
    auto imported = store.importConversation(conversation, messages);
    QVERIFY(imported.ok());
    QCOMPARE(imported->messagesAdded, 10'000);
    const qint64 insertMs = timer.elapsed();
    messages.clear();
    QCOMPARE(store.messageCount(u"big"_s).value(), 10'000);

    timer.restart();
    auto newest = store.newestMessages(u"big"_s, 50);
    const qint64 firstPageUs = timer.nsecsElapsed() / 1000;
    QVERIFY(newest.ok());
    QCOMPARE(newest->size(), 50);
    QCOMPARE(newest->first().id, u"msg-09950"_s);
    QCOMPARE(newest->last().id, u"msg-09999"_s);

    // Walk back to the first message; every page is bounded and contiguous.
    QSet<QString> seen;
    qint64 cursor = newest->first().seq;
    for (const StoredMessage& message : newest.value())
        seen.insert(message.id);
    int pages = 1;
    qint64 slowestPageUs = firstPageUs;
    timer.restart();
    for (;;) {
        QElapsedTimer pageTimer;
        pageTimer.start();
        auto page = store.messagesBefore(u"big"_s, cursor, 100);
        slowestPageUs = std::max(slowestPageUs, pageTimer.nsecsElapsed() / 1000);
        QVERIFY(page.ok());
        if (page->isEmpty())
            break;
        QVERIFY(page->size() <= 100);
        for (int i = 1; i < page->size(); ++i)
            QVERIFY(page->at(i - 1).seq < page->at(i).seq);
        QVERIFY(page->last().seq < cursor);
        for (const StoredMessage& message : page.value())
            seen.insert(message.id);
        cursor = page->first().seq;
        ++pages;
    }
    const qint64 walkMs = timer.elapsed();
    QCOMPARE(seen.size(), 10'000);
    QCOMPARE(pages, 1 + 100);
    qInfo("10k messages: import %lld ms, newest page (50) %lld us, walk of 100 pages %lld ms, slowest page "
          "%lld us",
          insertMs, firstPageUs, walkMs, slowestPageUs);
    QVERIFY2(slowestPageUs < 200'000, "a page must not scan the conversation");

    // The pages come from the index, not from a scan and a sort of the conversation.
    QSqlQuery plan(QSqlDatabase::database(store.connectionName()));
    QVERIFY(
        plan.exec(u"EXPLAIN QUERY PLAN SELECT * FROM messages WHERE conversation_id = 'big' AND seq < 500 "
                  u"ORDER BY seq DESC LIMIT 100"_s));
    QString details;
    while (plan.next())
        details += plan.value(3).toString() + u'\n';
    QVERIFY2(details.contains(u"messages_by_conversation"_s), qPrintable(details));
    QVERIFY2(!details.contains(u"TEMP B-TREE"_s), qPrintable(details));

    // After: the forward direction used by export.
    auto after = store.messagesAfter(u"big"_s, 0, 3);
    QCOMPARE(ids(after.value()), (QStringList{u"msg-00000"_s, u"msg-00001"_s, u"msg-00002"_s}));
    QVERIFY(store.newestMessages(u"big"_s, 0).value().isEmpty());
    QVERIFY(store.newestMessages(u"unknown"_s, 10).value().isEmpty());
}

void TstHistoryStore::orderingAcrossConversations() {
    HistoryStore store;
    QVERIFY(store.open(nextPath()).ok());
    const QString a = store.createConversation(u"A"_s)->id;
    const QString b = store.createConversation(u"B"_s)->id;
    QStringList expectedA;
    for (int i = 0; i < 6; ++i) {
        const QString target = i % 2 ? b : a;
        const QString id = u"x%1"_s.arg(i);
        QVERIFY(store.enqueueUserMessage(target, id, u"text %1"_s.arg(i)).ok());
        if (target == a)
            expectedA.append(id);
    }
    // An answer stored later sorts after everything before it, whatever timestamp the server sent.
    AssistantMessage late = answer(u"ans"_s, u"x0"_s, u"answer"_s);
    late.timestamp = QDateTime::fromMSecsSinceEpoch(0, Qt::UTC);
    QVERIFY(store.storeAnswer(a, late).ok());
    expectedA.append(u"ans"_s);
    QCOMPARE(ids(store.newestMessages(a, 100).value()), expectedA);
    QCOMPARE(store.messageCount(a).value(), 4);
    QCOMPARE(store.messageCount(b).value(), 3);
}

void TstHistoryStore::idempotentAnswers() {
    HistoryStore store;
    QVERIFY(store.open(nextPath()).ok());
    const QString c = store.createConversation(u"C"_s)->id;
    QVERIFY(store.enqueueUserMessage(c, u"u1"_s, u"question"_s).ok());
    QVERIFY(store.markSending(u"u1"_s).ok());

    auto first = store.storeAnswer(c, answer(u"a1"_s, u"u1"_s, u"the answer"_s));
    QVERIFY(first.ok());
    QCOMPARE(first->role, MessageRole::Assistant);
    QCOMPARE(first->status, MessageStatus::Complete);
    QCOMPARE(first->provider, u"deepseek"_s);
    QVERIFY(first->usage.has_value());
    QCOMPARE(first->usage->completionTokens, 20);
    QCOMPARE(first->processingTimeMs, 420);
    // Answering delivers: the question left the outbox and is Sent.
    QVERIFY(store.outbox().value().isEmpty());
    QCOMPARE(store.message(u"u1"_s)->status, MessageStatus::Sent);

    // The same answer again (resend, sync replay) changes nothing.
    auto again = store.storeAnswer(c, answer(u"a1"_s, u"u1"_s, u"the answer"_s));
    QVERIFY(again.ok());
    QCOMPARE(again->seq, first->seq);
    QCOMPARE(store.messageCount(c).value(), 2);
    QCOMPARE(scalar(store, u"SELECT count(*) FROM messages WHERE id = 'a1'"_s).toInt(), 1);

    // A late interrupted copy never downgrades a complete answer.
    auto stale = store.storeAnswer(c, answer(u"a1"_s, u"u1"_s, u"the ans"_s, AnswerStatus::Interrupted));
    QVERIFY(stale.ok());
    QCOMPARE(stale->status, MessageStatus::Complete);
    QCOMPARE(stale->content, u"the answer"_s);

    // An interrupted answer can be completed later.
    QVERIFY(store.storeAnswer(c, answer(u"a2"_s, u"u1"_s, u"part"_s, AnswerStatus::Interrupted)).ok());
    auto completed = store.storeAnswer(c, answer(u"a2"_s, u"u1"_s, u"part and rest"_s));
    QCOMPARE(completed->status, MessageStatus::Complete);
    QCOMPARE(completed->content, u"part and rest"_s);
    QCOMPARE(store.messageCount(c).value(), 3);

    // An answer id that collides with a user message is refused, the user message is unchanged.
    auto collision = store.storeAnswer(c, answer(u"u1"_s, QString(), u"evil"_s));
    QVERIFY(!collision.ok());
    QCOMPARE(store.message(u"u1"_s)->content, u"question"_s);
    QCOMPARE(store.storeAnswer(u"nope"_s, answer(u"a3"_s, u"u1"_s, u"x"_s)).error().code,
             ErrorCode::NotFound);
    QCOMPARE(store.storeAnswer(c, answer(QString(), u"u1"_s, u"x"_s)).error().code,
             ErrorCode::InvalidMessage);
}

void TstHistoryStore::streamingAnswer() {
    HistoryStore store;
    QVERIFY(store.open(nextPath()).ok());
    const QString c = store.createConversation(u"C"_s)->id;
    QVERIFY(store.enqueueUserMessage(c, u"u1"_s, u"tell me"_s).ok());
    QVERIFY(store.appendPartial(c, u"a1"_s, u"u1"_s, u"Once "_s).ok());
    QVERIFY(store.appendPartial(c, u"a1"_s, u"u1"_s, u"upon "_s).ok());
    QVERIFY(store.appendPartial(c, u"a1"_s, u"u1"_s, u"a time"_s).ok());
    auto partial = store.message(u"a1"_s);
    QCOMPARE(partial->content, u"Once upon a time"_s);
    QCOMPARE(partial->status, MessageStatus::Sending);
    QCOMPARE(partial->replyTo, u"u1"_s);
    QCOMPARE(store.search(u"upon"_s).value().size(), 1);

    auto final = store.storeAnswer(c, answer(u"a1"_s, u"u1"_s, u"Once upon a time, the end."_s));
    QCOMPARE(final->seq, partial->seq);
    QCOMPARE(final->content, u"Once upon a time, the end."_s);
    // A delta arriving after the final message is ignored.
    QVERIFY(store.appendPartial(c, u"a1"_s, u"u1"_s, u" extra"_s).ok());
    QCOMPARE(store.message(u"a1"_s)->content, u"Once upon a time, the end."_s);
    QCOMPARE(store.messageCount(c).value(), 2);
    QVERIFY(execRaw(store, u"INSERT INTO messages_fts (messages_fts) VALUES ('integrity-check')"_s));
}

void TstHistoryStore::interruptedStreamRecoveredOnOpen() {
    const QString path = nextPath();
    QString c;
    {
        HistoryStore store;
        QVERIFY(store.open(path).ok());
        c = store.createConversation(u"C"_s)->id;
        QVERIFY(store.enqueueUserMessage(c, u"u1"_s, u"q1"_s).ok());
        QVERIFY(store.enqueueUserMessage(c, u"u2"_s, u"q2"_s).ok());
        QVERIFY(store.markSending(u"u1"_s).ok());
        QVERIFY(store.markSending(u"u2"_s).ok());
        QVERIFY(store.removeFromOutbox(u"u2"_s).ok());
        QVERIFY(store.appendPartial(c, u"a1"_s, u"u1"_s, u"half an ans"_s).ok());
        // The app dies here (the store is simply dropped).
    }
    // A second store on the same file (say, an export worker) leaves a live stream alone.
    HistoryStore secondary;
    QVERIFY(secondary.open(path, HistoryStore::Recovery::None).ok());
    QCOMPARE(secondary.message(u"a1"_s)->status, MessageStatus::Sending);
    secondary.close();

    HistoryStore store;
    QVERIFY(store.open(path).ok());
    QCOMPARE(store.message(u"a1"_s)->status, MessageStatus::Interrupted);
    QCOMPARE(store.message(u"a1"_s)->content, u"half an ans"_s);
    QCOMPARE(store.message(u"u1"_s)->status, MessageStatus::Queued); // still to be resent
    QCOMPARE(store.message(u"u2"_s)->status, MessageStatus::Sent);
    auto outbox = store.outbox();
    QCOMPARE(ids(outbox.value()), QStringList{u"u1"_s});
    QCOMPARE(outbox->first().attempts, 1);
}

void TstHistoryStore::outboxOrder() {
    ManualClock clock;
    HistoryStore store(clock);
    QVERIFY(store.open(nextPath()).ok());
    const QString a = store.createConversation(u"A"_s)->id;
    const QString b = store.createConversation(u"B"_s)->id;
    QVERIFY(store.enqueueUserMessage(a, u"1"_s, u"one"_s).ok());
    QVERIFY(store.enqueueUserMessage(b, u"2"_s, u"two"_s).ok());
    QVERIFY(store.enqueueUserMessage(a, u"3"_s, u"three"_s).ok());
    QCOMPARE(ids(store.outbox().value()), (QStringList{u"1"_s, u"2"_s, u"3"_s}));
    QCOMPARE(ids(store.outbox(a).value()), (QStringList{u"1"_s, u"3"_s}));
    QCOMPARE(ids(store.outbox(b).value()), QStringList{u"2"_s});
    const OutboxEntry first = store.outbox().value().first();
    QCOMPARE(first.conversationId, a);
    QCOMPARE(first.content, u"one"_s);
    QCOMPARE(first.createdAt, clock.now());
    QCOMPARE(first.attempts, 0);

    QVERIFY(store.markSending(u"1"_s).ok());
    QVERIFY(store.markSending(u"1"_s).ok());
    QCOMPARE(store.outbox().value().first().attempts, 2);
    QCOMPARE(store.message(u"1"_s)->status, MessageStatus::Sending);
    QVERIFY(store.markSent(u"1"_s).ok());
    QCOMPARE(store.message(u"1"_s)->status, MessageStatus::Sent);
    QCOMPARE(store.outbox().value().size(), 3); // kept until answered

    QVERIFY(store.removeFromOutbox(u"2"_s).ok());
    QCOMPARE(store.removeFromOutbox(u"2"_s).error().code, ErrorCode::NotFound);
    QVERIFY(store.enqueueUserMessage(b, u"4"_s, u"four"_s).ok());
    QCOMPARE(ids(store.outbox().value()), (QStringList{u"1"_s, u"3"_s, u"4"_s}));
    QVERIFY(store.setMessageStatus(u"3"_s, MessageStatus::Error).ok());
    QCOMPARE(store.message(u"3"_s)->status, MessageStatus::Error);
    QCOMPARE(store.markSending(u"missing"_s).error().code, ErrorCode::NotFound);
}

void TstHistoryStore::outboxAtomicity() {
    HistoryStore store;
    QVERIFY(store.open(nextPath()).ok());
    const QString c = store.createConversation(u"C"_s)->id;
    QVERIFY(store.enqueueUserMessage(c, u"before"_s, u"kept"_s).ok());

    // Make the outbox insert fail after the message insert succeeded, inside the same transaction.
    QVERIFY(execRaw(store, u"CREATE TEMP TRIGGER fail_outbox BEFORE INSERT ON outbox "
                           u"BEGIN SELECT RAISE(ABORT, 'injected failure'); END"_s));
    auto failed = store.enqueueUserMessage(c, u"lost"_s, u"never half-saved"_s);
    QVERIFY(!failed.ok());
    QCOMPARE(store.message(u"lost"_s).error().code, ErrorCode::NotFound); // rolled back together
    QCOMPARE(ids(store.outbox().value()), QStringList{u"before"_s});
    QVERIFY(execRaw(store, u"DROP TRIGGER temp.fail_outbox"_s));

    // The connection is usable again and synchronous is back to NORMAL.
    QCOMPARE(scalar(store, u"PRAGMA synchronous"_s).toInt(), 1);
    QVERIFY(store.enqueueUserMessage(c, u"lost"_s, u"now saved"_s).ok());
    QCOMPARE(ids(store.outbox().value()), (QStringList{u"before"_s, u"lost"_s}));
}

void TstHistoryStore::duplicateUserMessage() {
    HistoryStore store;
    QVERIFY(store.open(nextPath()).ok());
    const QString c = store.createConversation(u"C"_s)->id;
    auto first = store.enqueueUserMessage(c, u"dup"_s, u"same"_s);
    QVERIFY(first.ok());
    auto again = store.enqueueUserMessage(c, u"dup"_s, u"same"_s);
    QVERIFY(again.ok());
    QCOMPARE(again->seq, first->seq);
    QCOMPARE(store.outbox().value().size(), 1);
    auto clash = store.enqueueUserMessage(c, u"dup"_s, u"different"_s);
    QVERIFY(!clash.ok());
    QCOMPARE(clash.error().code, ErrorCode::InvalidMessage);
    QCOMPARE(store.messageCount(c).value(), 1);
    QCOMPARE(store.enqueueUserMessage(c, QString(), u"x"_s).error().code, ErrorCode::InvalidMessage);
    QCOMPARE(store.enqueueUserMessage(c, QString(MaxMessageIdLength + 1, u'x'), u"x"_s).error().code,
             ErrorCode::InvalidMessage);
}

void TstHistoryStore::drafts() {
    HistoryStore store;
    QVERIFY(store.open(nextPath()).ok());
    const QString a = store.createConversation(u"A"_s)->id;
    const QString b = store.createConversation(u"B"_s)->id;
    QCOMPARE(store.draft(a).value(), QString());
    QVERIFY(store.setDraft(a, u"half a thought"_s).ok());
    QVERIFY(store.setDraft(b, u"other"_s).ok());
    QVERIFY(store.setDraft(a, u"a whole thought"_s).ok());
    QCOMPARE(store.draft(a).value(), u"a whole thought"_s);
    QCOMPARE(store.draft(b).value(), u"other"_s);
    QVERIFY(store.setDraft(a, QString()).ok());
    QCOMPARE(store.draft(a).value(), QString());
    QCOMPARE(scalar(store, u"SELECT count(*) FROM drafts"_s).toInt(), 1);
    QCOMPARE(store.setDraft(u"nope"_s, u"x"_s).error().code, ErrorCode::NotFound);
}

void TstHistoryStore::templateVersions() {
    HistoryStore store;
    QVERIFY(store.open(nextPath()).ok());
    const auto make = [](const QString& id, int version, const QString& title, const QString& category) {
        StoredTemplate tmpl;
        tmpl.id = id;
        tmpl.version = version;
        tmpl.title = title;
        tmpl.category = category;
        tmpl.json = QJsonObject{{u"id"_s, id},
                                {u"version"_s, version},
                                {u"title"_s, title},
                                {u"body"_s, u"Write about {{topic}}"_s}};
        return tmpl;
    };
    QVERIFY(store.saveTemplate(make(u"t-a"_s, 1, u"Alpha"_s, u"writing"_s)).ok());
    QVERIFY(store.saveTemplate(make(u"t-a"_s, 2, u"Alpha v2"_s, u"writing"_s)).ok());
    QVERIFY(store.saveTemplate(make(u"t-b"_s, 1, u"Beta"_s, u"code"_s)).ok());

    auto latest = store.templates();
    QVERIFY(latest.ok());
    QCOMPARE(latest->size(), 2);
    QCOMPARE(latest->at(0).id, u"t-a"_s);
    QCOMPARE(latest->at(0).version, 2);
    QCOMPARE(latest->at(0).title, u"Alpha v2"_s);
    QCOMPARE(latest->at(0).json.value(u"body"_s).toString(), u"Write about {{topic}}"_s);
    QVERIFY(latest->at(0).updatedAt.isValid());
    QCOMPARE(latest->at(1).id, u"t-b"_s);

    auto versions = store.templateVersions(u"t-a"_s);
    QCOMPARE(versions->size(), 2);
    QCOMPARE(versions->at(0).version, 2);
    QCOMPARE(versions->at(1).version, 1);
    QCOMPARE(versions->at(1).title, u"Alpha"_s);

    QCOMPARE(store.templates(u"code"_s)->size(), 1);
    QCOMPARE(store.templates(u"code"_s)->first().id, u"t-b"_s);

    // Saving the same version again replaces it rather than adding one.
    QVERIFY(store.saveTemplate(make(u"t-a"_s, 2, u"Alpha v2 fixed"_s, u"writing"_s)).ok());
    QCOMPARE(store.templateVersions(u"t-a"_s)->size(), 2);
    QCOMPARE(store.templates()->first().title, u"Alpha v2 fixed"_s);

    QVERIFY(store.deleteTemplate(u"t-a"_s).ok());
    QCOMPARE(store.templates()->size(), 1);
    QCOMPARE(store.deleteTemplate(u"t-a"_s).error().code, ErrorCode::NotFound);
    QCOMPARE(store.saveTemplate(make(QString(), 1, u"x"_s, u"y"_s)).error().code, ErrorCode::InvalidMessage);
}

void TstHistoryStore::diskFullKeepsOutbox() {
    HistoryStore store;
    QVERIFY(store.open(nextPath()).ok());
    const QString c = store.createConversation(u"C"_s)->id;
    QVERIFY(store.enqueueUserMessage(c, u"q1"_s, u"first"_s).ok());
    QVERIFY(store.enqueueUserMessage(c, u"q2"_s, u"second"_s).ok());

    // SQLite's own page limit produces exactly the error a full disk does (SQLITE_FULL).
    const int pages = scalar(store, u"PRAGMA page_count"_s).toInt();
    QVERIFY(execRaw(store, u"PRAGMA max_page_count = %1"_s.arg(pages)));
    const QString big(qsizetype(64) * 1024, u'x');
    Result<StoredMessage> full = store.enqueueUserMessage(c, u"q3"_s, big);
    for (int i = 4; full.ok() && i < 50; ++i) // fill whatever free pages were left
        full = store.enqueueUserMessage(c, u"q%1"_s.arg(i), big);
    QVERIFY(!full.ok());
    QVERIFY2(full.error().message.contains(u"disk is full"_s), why(full).constData());
    QVERIFY(!store.appendPartial(c, u"a1"_s, u"q1"_s, big).ok());

    // Nothing already queued is lost, and the file is sound.
    auto outbox = store.outbox();
    QVERIFY(outbox.ok());
    QCOMPARE(outbox->mid(0, 2).size(), 2);
    QCOMPARE(outbox->at(0).messageId, u"q1"_s);
    QCOMPARE(outbox->at(1).messageId, u"q2"_s);
    QCOMPARE(scalar(store, u"PRAGMA integrity_check"_s).toString(), u"ok"_s);

    // Space returns: writing resumes on the same store.
    QVERIFY(execRaw(store, u"PRAGMA max_page_count = 1073741823"_s));
    QVERIFY(store.enqueueUserMessage(c, u"after"_s, big).ok());
    QCOMPARE(store.outbox()->last().messageId, u"after"_s);
}

void TstHistoryStore::readOnlyFileKeepsOutbox() {
    const QString path = nextPath();
    QString c;
    {
        HistoryStore store;
        QVERIFY(store.open(path).ok());
        c = store.createConversation(u"C"_s)->id;
        QVERIFY(store.enqueueUserMessage(c, u"q1"_s, u"first"_s).ok());
        QVERIFY(store.enqueueUserMessage(c, u"q2"_s, u"second"_s).ok());
    }
    QVERIFY(QFile::setPermissions(path,
                                  QFileDevice::ReadOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther));
    const bool root = ::geteuid() == 0;
    if (root) // permissions do not stop root
        QVERIFY2(setImmutable(path, true), "cannot set the immutable flag on the test file");
    const auto restore = qScopeGuard([&] {
        if (root)
            setImmutable(path, false);
        QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    });

    HistoryStore store;
    auto opened = store.open(path);
    QVERIFY2(opened.ok(), why(opened).constData()); // the history can still be read
    auto refused = store.enqueueUserMessage(c, u"q3"_s, u"third"_s);
    QVERIFY(!refused.ok());
    QVERIFY2(refused.error().message.contains(u"read-only"_s), why(refused).constData());
    QVERIFY(!store.createConversation(u"x"_s).ok());
    QVERIFY(!store.markSending(u"q1"_s).ok());
    auto kept = store.outbox();
    QVERIFY2(kept.ok(), why(kept).constData());
    QCOMPARE(ids(kept.value()), (QStringList{u"q1"_s, u"q2"_s}));
    QCOMPARE(store.newestMessages(c, 10)->size(), 2);

    // Writable again: the next write reopens the file and succeeds.
    if (root)
        QVERIFY(setImmutable(path, false));
    QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    auto resumed = store.enqueueUserMessage(c, u"q3"_s, u"third"_s);
    QVERIFY2(resumed.ok(), why(resumed).constData());
    QCOMPARE(ids(store.outbox().value()), (QStringList{u"q1"_s, u"q2"_s, u"q3"_s}));
}

void TstHistoryStore::notOpen() {
    HistoryStore store;
    QVERIFY(!store.isOpen());
    QVERIFY(!store.createConversation(u"x"_s).ok());
    QVERIFY(!store.listConversations().ok());
    QVERIFY(!store.enqueueUserMessage(u"c"_s, u"m"_s, u"x"_s).ok());
    QVERIFY(!store.search(u"x"_s).ok());
}

QTEST_GUILESS_MAIN(TstHistoryStore)
#include "tst_historystore.moc"
