#pragma once

#include "Conversation.h"
#include "ImportSummary.h"
#include "OutboxEntry.h"
#include "SearchHit.h"
#include "StoredMessage.h"
#include "StoredTemplate.h"
#include "core/Clock.h"
#include "protocol/Messages.h"
#include "protocol/Result.h"

#include <QCoreApplication>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QVariantList>

#include <functional>

class QSqlError;
class QSqlQuery;

namespace pc {

// The desktop client's local history: conversations, messages, the outbox of unsent user messages,
// drafts and local template copies, in one SQLite file (WAL, foreign keys on).
//
// Every call is synchronous and returns a Result; nothing throws and a failed write (disk full,
// read-only file) leaves the file as it was. Reads are paged: no call loads a whole conversation.
// An instance owns one named connection and must be used from the thread that opened it; the
// profile lock (ProfileLock) keeps a second app instance away from the file.
class HistoryStore {
    Q_DECLARE_TR_FUNCTIONS(pc::HistoryStore)

public:
    // The schema version open() migrates to (PRAGMA user_version).
    static constexpr int SchemaVersion = 4;
    static constexpr int BusyTimeoutMs = 5000;
    static constexpr int MaxSearchTerms = 16;

    explicit HistoryStore(const Clock& clock = Clock::system());
    ~HistoryStore();
    Q_DISABLE_COPY_MOVE(HistoryStore)

    // `QStandardPaths::AppDataLocation`/history.sqlite.
    [[nodiscard]] static QString defaultPath();

    // What open() does about work a previous run left half done.
    enum class Recovery {
        // Answers still streaming become Interrupted, user messages still sending go back to Queued:
        // right for the app's one main store, opened at start-up under the ProfileLock.
        MarkInterrupted,
        // Leaves them alone: for a second store on the same file (an export on a worker thread)
        // while the main one may be streaming.
        None,
    };

    // Opens (creating if needed) and migrates the file. A file that is not SQLite or fails
    // `PRAGMA quick_check` is renamed to `<path>.corrupt-<UTC timestamp>` and a fresh history is
    // started; recoveryNotice() then says so. A file written by a newer schema is refused untouched.
    [[nodiscard]] Result<void> open(const QString& path, Recovery recovery = Recovery::MarkInterrupted);
    void close();
    [[nodiscard]] bool isOpen() const;
    [[nodiscard]] QString path() const { return m_path; }
    // The QSqlDatabase connection name (diagnostics and tests).
    [[nodiscard]] QString connectionName() const { return m_connectionName; }
    // A sentence for the user when open() had to set a damaged file aside; empty otherwise.
    [[nodiscard]] QString recoveryNotice() const { return m_recoveryNotice; }
    [[nodiscard]] QString corruptFilePath() const { return m_corruptFilePath; }

    // ---- conversations ----
    [[nodiscard]] Result<Conversation> createConversation(const QString& title, const QString& server = {},
                                                          const QString& sessionId = {});
    // NotFound for unknown and deleted conversations.
    [[nodiscard]] Result<Conversation> conversation(const QString& id) const;
    // Pinned first, then by last activity, newest first. Deleted ones never appear.
    [[nodiscard]] Result<QList<Conversation>> listConversations(bool includeArchived = false) const;
    [[nodiscard]] Result<void> renameConversation(const QString& id, const QString& title);
    [[nodiscard]] Result<void> setSessionId(const QString& id, const QString& sessionId);
    [[nodiscard]] Result<void> setPinned(const QString& id, bool pinned);
    [[nodiscard]] Result<void> setArchived(const QString& id, bool archived);
    // Soft delete, undone by restoreConversation() until purgeDeletedConversations() removes it.
    // While deleted, a conversation is hidden from lists and search and its outbox entries are held.
    [[nodiscard]] Result<void> deleteConversation(const QString& id);
    [[nodiscard]] Result<void> restoreConversation(const QString& id);
    // Removes for good what was deleted before `deletedBefore`, with messages, outbox and draft.
    [[nodiscard]] Result<int> purgeDeletedConversations(const QDateTime& deletedBefore);

    // ---- sending ----
    // Stores a user message as Queued and appends it to the outbox in one transaction committed
    // with synchronous=FULL: once this returns, the message survives a crash or power loss.
    // Calling it again with the same id and content returns the stored message and queues nothing.
    [[nodiscard]] Result<StoredMessage> enqueueUserMessage(const QString& conversationId,
                                                           const QString& messageId, const QString& content);
    // Outbox entries in delivery order, of one conversation or (empty id) of all.
    [[nodiscard]] Result<QList<OutboxEntry>> outbox(const QString& conversationId = {}) const;
    // The message was put on the wire: status Sending, one more attempt.
    [[nodiscard]] Result<void> markSending(const QString& messageId);
    // The message reached the engine: status Sent. It stays in the outbox until it is answered
    // (storeAnswer) or removed, so that a reconnect resends it with the same id.
    [[nodiscard]] Result<void> markSent(const QString& messageId);
    [[nodiscard]] Result<void> setMessageStatus(const QString& messageId, MessageStatus status);
    [[nodiscard]] Result<void> removeFromOutbox(const QString& messageId);

    // ---- answers ----
    // Upserts an answer by its message id, so a duplicate (resend, sync replay) never adds a row; a
    // Complete answer is never downgraded by a later Interrupted copy. Answering removes the
    // replied-to message from the outbox and marks it Sent, in the same transaction.
    [[nodiscard]] Result<StoredMessage> storeAnswer(const QString& conversationId,
                                                    const AssistantMessage& answer);
    // Appends streamed text to an answer that is still Sending, creating it on the first delta; once
    // the answer is final (storeAnswer), late deltas are ignored. Each call re-indexes the answer for
    // search: batch deltas (e.g. every 250 ms), not per token.
    [[nodiscard]] Result<void> appendPartial(const QString& conversationId, const QString& messageId,
                                             const QString& replyTo, const QString& delta);

    // ---- reading (pages are in chronological order) ----
    [[nodiscard]] Result<StoredMessage> message(const QString& messageId) const;
    [[nodiscard]] Result<QList<StoredMessage>> newestMessages(const QString& conversationId, int limit) const;
    [[nodiscard]] Result<QList<StoredMessage>> messagesBefore(const QString& conversationId, qint64 seq,
                                                              int limit) const;
    [[nodiscard]] Result<QList<StoredMessage>> messagesAfter(const QString& conversationId, qint64 seq,
                                                             int limit) const;
    [[nodiscard]] Result<qint64> messageCount(const QString& conversationId) const;

    // ---- drafts ----
    [[nodiscard]] Result<QString> draft(const QString& conversationId) const;
    // An empty text removes the draft.
    [[nodiscard]] Result<void> setDraft(const QString& conversationId, const QString& text);

    // ---- templates (every version is kept) ----
    // Saving an existing (id, version) replaces that version.
    [[nodiscard]] Result<void> saveTemplate(const StoredTemplate& tmpl);
    // The newest version of each template, by title; optionally of one category.
    [[nodiscard]] Result<QList<StoredTemplate>> templates(const QString& category = {}) const;
    // Every version of one template, newest first.
    [[nodiscard]] Result<QList<StoredTemplate>> templateVersions(const QString& id) const;
    [[nodiscard]] Result<void> deleteTemplate(const QString& id);

    // ---- search ----
    // Full-text search over every message of the conversations not deleted, newest first. Any user
    // text is safe: each word is matched literally (FTS syntax such as `"`, `*`, NEAR, OR, `-` has no
    // effect) and the last word also as a prefix.
    [[nodiscard]] Result<QList<SearchHit>> search(const QString& query, int limit = 50) const;
    // The FTS5 query search() runs for `userInput`; empty when there is nothing to look for.
    [[nodiscard]] static QString toFtsQuery(const QString& userInput);

    // ---- import ----
    // Adds a conversation and those of its messages whose ids are not stored yet, in one transaction,
    // keeping their order. An existing conversation keeps its title and flags. Imported user messages
    // never enter the outbox.
    [[nodiscard]] Result<ImportSummary> importConversation(const Conversation& conversation,
                                                           const QList<StoredMessage>& messages);

    // Test seam: called inside each migration's transaction just before its COMMIT.
    using MigrationHook = void (*)(int version);
    static void setMigrationHookForTesting(MigrationHook hook);

private:
    enum class Durability { Normal, Full };

    [[nodiscard]] Result<bool> openConnection(bool check);
    void closeConnection();
    [[nodiscard]] Result<void> moveCorruptFileAside();
    [[nodiscard]] Result<void> migrate();
    void recoverInterruptedWork();
    [[nodiscard]] Result<void> reopenIfReadOnly();

    [[nodiscard]] Result<QSqlQuery> exec(const QString& sql, const QVariantList& binds,
                                         const QString& what) const;
    // Runs an UPDATE/DELETE and turns "no row changed" into NotFound.
    [[nodiscard]] Result<void> change(const QString& sql, const QVariantList& binds, const QString& what,
                                      const QString& notFound);
    [[nodiscard]] Result<void> transaction(Durability durability, const std::function<Result<void>()>& body);
    [[nodiscard]] Result<void> requireConversation(const QString& id) const;
    [[nodiscard]] Result<QList<StoredMessage>> messagePage(const QString& sql, const QVariantList& binds,
                                                           bool reverse) const;
    [[nodiscard]] Error sqlFailure(const QSqlError& error, const QString& what) const;
    [[nodiscard]] Error notOpen() const;

    const Clock* m_clock;
    QString m_connectionName;
    QSqlDatabase m_db;
    QString m_path;
    QString m_recoveryNotice;
    QString m_corruptFilePath;
    // Set when a write met a read-only file: the connection is reopened before the next write, so
    // that writing resumes by itself once the file is writable again.
    mutable bool m_reopenBeforeWrite = false;
};

} // namespace pc
