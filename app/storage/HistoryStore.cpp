#include "HistoryStore.h"

#include "core/Logging.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QUuid>

#include <algorithm>
#include <atomic>
#include <optional>

using namespace Qt::Literals::StringLiterals;

namespace pc {

namespace {

std::atomic<quint64> s_connectionCounter{0};
std::atomic<HistoryStore::MigrationHook> s_migrationHook{nullptr};

// SQLite primary result codes (sqlite3.h), as the Qt driver reports them in nativeErrorCode().
enum SqliteCode : int {
    SqliteBusy = 5,
    SqliteLocked = 6,
    SqliteReadOnly = 8,
    SqliteIoError = 10,
    SqliteCorrupt = 11,
    SqliteFull = 13,
    SqliteCantOpen = 14,
    SqliteNotADatabase = 26,
};

int sqliteCode(const QSqlError& error) {
    bool ok = false;
    const int code = error.nativeErrorCode().toInt(&ok);
    return ok ? (code & 0xff) : -1; // extended codes carry the primary code in the low byte
}

bool isCorruption(const QSqlError& error) {
    const int code = sqliteCode(error);
    return code == SqliteCorrupt || code == SqliteNotADatabase;
}

// The columns are NOT NULL: a null QString would bind as NULL, so bind an empty one instead.
QVariant text(const QString& value) {
    return value.isNull() ? QVariant(QString(u""_s)) : QVariant(value);
}

QDateTime fromMsecs(const QVariant& value) {
    return value.isNull() ? QDateTime() : QDateTime::fromMSecsSinceEpoch(value.toLongLong(), Qt::UTC);
}

QVariant usageJson(const std::optional<Usage>& usage) {
    if (!usage)
        return QVariant(QMetaType::fromType<QString>());
    const QJsonObject object{{u"prompt_tokens"_s, usage->promptTokens},
                             {u"completion_tokens"_s, usage->completionTokens},
                             {u"cached_tokens"_s, usage->cachedTokens}};
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

std::optional<Usage> usageFromJson(const QVariant& value) {
    if (value.isNull())
        return std::nullopt;
    const QJsonObject object = QJsonDocument::fromJson(value.toString().toUtf8()).object();
    Usage usage;
    usage.promptTokens = object.value(u"prompt_tokens"_s).toInteger();
    usage.completionTokens = object.value(u"completion_tokens"_s).toInteger();
    usage.cachedTokens = object.value(u"cached_tokens"_s).toInteger();
    return usage;
}

const QString MessageColumns = u"seq, id, conversation_id, reply_to, role, content, status, provider, model, "
                               u"usage, processing_time_ms, created_at, reasoning"_s;
const QString ConversationColumns =
    u"id, server, session_id, title, created_at, updated_at, pinned, archived"_s;
const QString TemplateColumns = u"id, version, title, category, json, updated_at"_s;

StoredMessage messageFromRow(const QSqlQuery& query) {
    StoredMessage message;
    message.seq = query.value(0).toLongLong();
    message.id = query.value(1).toString();
    message.conversationId = query.value(2).toString();
    message.replyTo = query.value(3).toString();
    message.role = messageRoleFromName(query.value(4).toString()).value_or(MessageRole::User);
    message.content = query.value(5).toString();
    message.status = messageStatusFromName(query.value(6).toString()).value_or(MessageStatus::Error);
    message.provider = query.value(7).toString();
    message.model = query.value(8).toString();
    message.usage = usageFromJson(query.value(9));
    message.processingTimeMs = query.value(10).toLongLong();
    message.createdAt = fromMsecs(query.value(11));
    message.reasoning = query.value(12).toString();
    return message;
}

Conversation conversationFromRow(const QSqlQuery& query) {
    Conversation conversation;
    conversation.id = query.value(0).toString();
    conversation.server = query.value(1).toString();
    conversation.sessionId = query.value(2).toString();
    conversation.title = query.value(3).toString();
    conversation.createdAt = fromMsecs(query.value(4));
    conversation.updatedAt = fromMsecs(query.value(5));
    conversation.pinned = query.value(6).toBool();
    conversation.archived = query.value(7).toBool();
    return conversation;
}

StoredTemplate templateFromRow(const QSqlQuery& query) {
    StoredTemplate tmpl;
    tmpl.id = query.value(0).toString();
    tmpl.version = query.value(1).toInt();
    tmpl.title = query.value(2).toString();
    tmpl.category = query.value(3).toString();
    tmpl.json = QJsonDocument::fromJson(query.value(4).toString().toUtf8()).object();
    tmpl.updatedAt = fromMsecs(query.value(5));
    return tmpl;
}

// Schema migrations, append-only: a shipped version is never edited, a change is a new version.
// Each runs in one transaction together with its `PRAGMA user_version`, so an interrupted migration
// leaves the previous version intact and the next start runs it again.
QStringList migrationStatements(int version) {
    switch (version) {
    case 1:
        return {
            uR"(CREATE TABLE conversations (
                    id TEXT PRIMARY KEY NOT NULL,
                    server TEXT NOT NULL DEFAULT '',
                    session_id TEXT NOT NULL DEFAULT '',
                    title TEXT NOT NULL DEFAULT '',
                    created_at INTEGER NOT NULL,
                    updated_at INTEGER NOT NULL,
                    pinned INTEGER NOT NULL DEFAULT 0,
                    archived INTEGER NOT NULL DEFAULT 0,
                    deleted_at INTEGER))"_s,
            uR"(CREATE INDEX conversations_by_activity ON conversations (pinned DESC, updated_at DESC)
                    WHERE deleted_at IS NULL)"_s,
            // seq is the rowid: AUTOINCREMENT keeps it increasing and never reused, so it can be a
            // paging cursor and the full-text index key.
            uR"(CREATE TABLE messages (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    id TEXT NOT NULL UNIQUE,
                    conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
                    reply_to TEXT NOT NULL DEFAULT '',
                    role TEXT NOT NULL CHECK (role IN ('user', 'assistant', 'system')),
                    content TEXT NOT NULL DEFAULT '',
                    status TEXT NOT NULL CHECK (status IN ('sending', 'queued', 'sent', 'complete',
                                                           'interrupted', 'offline', 'error')),
                    provider TEXT NOT NULL DEFAULT '',
                    model TEXT NOT NULL DEFAULT '',
                    usage TEXT,
                    processing_time_ms INTEGER NOT NULL DEFAULT 0,
                    created_at INTEGER NOT NULL))"_s,
            u"CREATE INDEX messages_by_conversation ON messages (conversation_id, seq)"_s,
            u"CREATE INDEX messages_in_flight ON messages (status) WHERE status = 'sending'"_s,
            uR"(CREATE TRIGGER messages_touch_conversation AFTER INSERT ON messages BEGIN
                    UPDATE conversations SET updated_at = max(updated_at, NEW.created_at)
                        WHERE id = NEW.conversation_id;
                END)"_s,
            uR"(CREATE TABLE drafts (
                    conversation_id TEXT PRIMARY KEY NOT NULL
                        REFERENCES conversations (id) ON DELETE CASCADE,
                    text TEXT NOT NULL,
                    updated_at INTEGER NOT NULL))"_s,
            uR"(CREATE TABLE outbox (
                    message_id TEXT PRIMARY KEY NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
                    conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
                    content TEXT NOT NULL,
                    created_at INTEGER NOT NULL,
                    attempts INTEGER NOT NULL DEFAULT 0,
                    position INTEGER NOT NULL UNIQUE))"_s,
            u"CREATE INDEX outbox_by_conversation ON outbox (conversation_id, position)"_s,
        };
    case 2:
        return {
            uR"(CREATE TABLE templates (
                    id TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    title TEXT NOT NULL DEFAULT '',
                    category TEXT NOT NULL DEFAULT '',
                    json TEXT NOT NULL,
                    updated_at INTEGER NOT NULL,
                    PRIMARY KEY (id, version)) WITHOUT ROWID)"_s,
        };
    case 3:
        // External-content FTS5 index over messages.content, kept in step by triggers.
        return {
            uR"(CREATE VIRTUAL TABLE messages_fts USING fts5 (content, content = 'messages',
                    content_rowid = 'seq', tokenize = 'unicode61 remove_diacritics 2'))"_s,
            uR"(CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
                    INSERT INTO messages_fts (rowid, content) VALUES (NEW.seq, NEW.content);
                END)"_s,
            uR"(CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
                    INSERT INTO messages_fts (messages_fts, rowid, content)
                        VALUES ('delete', OLD.seq, OLD.content);
                END)"_s,
            uR"(CREATE TRIGGER messages_fts_update AFTER UPDATE OF content ON messages BEGIN
                    INSERT INTO messages_fts (messages_fts, rowid, content)
                        VALUES ('delete', OLD.seq, OLD.content);
                    INSERT INTO messages_fts (rowid, content) VALUES (NEW.seq, NEW.content);
                END)"_s,
            u"INSERT INTO messages_fts (messages_fts) VALUES ('rebuild')"_s,
        };
    case 4:
        // The model's reasoning, kept with its answer (not indexed for search: it is not the answer).
        return {
            u"ALTER TABLE messages ADD COLUMN reasoning TEXT NOT NULL DEFAULT ''"_s,
        };
    default:
        return {};
    }
}

// True when the file is absent, empty (SQLite initialises it) or starts with the SQLite header.
bool looksLikeSqlite(const QString& path) {
    QFile file(path);
    if (!file.exists() || file.size() == 0)
        return true;
    if (!file.open(QIODevice::ReadOnly))
        return true; // unreadable is not "corrupt": let SQLite report the real error
    static constexpr char Header[] = "SQLite format 3";
    return file.read(sizeof Header) == QByteArray(Header, sizeof Header);
}

} // namespace

HistoryStore::HistoryStore(const Clock& clock)
    : m_clock(&clock)
    , m_connectionName(u"promptcraft.history.%1"_s.arg(s_connectionCounter.fetch_add(1))) {
    m_db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connectionName);
}

HistoryStore::~HistoryStore() {
    close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

QString HistoryStore::defaultPath() {
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + u"/history.sqlite"_s;
}

void HistoryStore::setMigrationHookForTesting(MigrationHook hook) {
    s_migrationHook.store(hook);
}

bool HistoryStore::isOpen() const {
    return m_db.isOpen();
}

Error HistoryStore::notOpen() const {
    return Error{ErrorCode::InternalError, tr("The history is not open.")};
}

// ---- opening ----

Result<void> HistoryStore::open(const QString& path, Recovery recovery) {
    close();
    m_path = QFileInfo(path).absoluteFilePath();
    m_recoveryNotice.clear();
    m_corruptFilePath.clear();
    m_reopenBeforeWrite = false;

    const QString dir = QFileInfo(m_path).absolutePath();
    if (!QDir().mkpath(dir)) {
        return Error{
            ErrorCode::InternalError,
            tr("Could not create the folder %1 for the history.").arg(QDir::toNativeSeparators(dir))};
    }

    auto opened = openConnection(true);
    if (!opened)
        return opened.error();
    if (!opened.value()) {
        if (auto moved = moveCorruptFileAside(); !moved)
            return moved;
        opened = openConnection(true);
        if (!opened)
            return opened.error();
        if (!opened.value())
            return Error{ErrorCode::InternalError, tr("A new history file could not be created.")};
    }

    if (auto migrated = migrate(); !migrated) {
        closeConnection();
        return migrated;
    }
    if (recovery == Recovery::MarkInterrupted)
        recoverInterruptedWork();
    return {};
}

// Opens the connection and sets it up. `false`: the file is damaged (connection closed again).
Result<bool> HistoryStore::openConnection(bool check) {
    if (check && !looksLikeSqlite(m_path)) {
        qCWarning(lcStorage) << "history file has no SQLite header:" << m_path;
        return false;
    }
    m_db.setDatabaseName(m_path);
    if (!m_db.open()) {
        const QSqlError error = m_db.lastError();
        if (check && isCorruption(error))
            return false;
        return sqlFailure(error, tr("Could not open the history"));
    }

    QSqlQuery query(m_db);
    // busy_timeout first: WAL recovery after a crash and the checks below may need a lock briefly.
    if (!query.exec(u"PRAGMA busy_timeout = %1"_s.arg(BusyTimeoutMs))) {
        const Error error = sqlFailure(query.lastError(), tr("Could not open the history"));
        closeConnection();
        return error;
    }
    // Checked before anything writes to the file (journal_mode does), so a damaged file is left
    // exactly as found. quick_check reads the whole file: about O(size) at each start.
    if (check) {
        if (!query.exec(u"PRAGMA quick_check"_s)) {
            const QSqlError error = query.lastError();
            closeConnection();
            if (isCorruption(error)) {
                qCWarning(lcStorage) << "history file fails quick_check:" << error.text();
                return false;
            }
            return sqlFailure(error, tr("Could not check the history"));
        }
        const QString verdict = query.next() ? query.value(0).toString() : QString();
        query.finish();
        if (verdict != u"ok"_s) {
            qCWarning(lcStorage) << "history file fails quick_check:" << verdict;
            closeConnection();
            return false;
        }
    }

    // synchronous=NORMAL with WAL keeps every commit across an app crash or kill -9; only a power
    // loss can take the last commits. enqueueUserMessage switches to FULL around its commit, so an
    // accepted user message survives a power loss too; streaming answers, which write often, do not
    // pay an fsync per write.
    const QStringList setup{u"PRAGMA foreign_keys = ON"_s, u"PRAGMA journal_mode = WAL"_s,
                            u"PRAGMA synchronous = NORMAL"_s};
    for (const QString& statement : setup) {
        if (!query.exec(statement)) {
            const QSqlError error = query.lastError();
            closeConnection();
            if (check && isCorruption(error))
                return false;
            return sqlFailure(error, tr("Could not open the history"));
        }
        if (statement.contains(u"journal_mode"_s) && query.next() &&
            query.value(0).toString().compare(u"wal"_s, Qt::CaseInsensitive) != 0) {
            qCWarning(lcStorage) << "history is not in WAL mode:" << query.value(0).toString();
        }
        query.finish();
    }
    return true;
}

void HistoryStore::closeConnection() {
    if (m_db.isOpen())
        m_db.close();
}

void HistoryStore::close() {
    closeConnection();
}

Result<void> HistoryStore::moveCorruptFileAside() {
    closeConnection();
    const QString stamp = m_clock->now().toString(u"yyyyMMdd'T'HHmmss'Z'"_s);
    QString target = m_path + u".corrupt-"_s + stamp;
    for (int n = 2; QFileInfo::exists(target); ++n)
        target = m_path + u".corrupt-"_s + stamp + u'-' + QString::number(n);

    if (!QFile::rename(m_path, target)) {
        return Error{ErrorCode::InternalError,
                     tr("The history file %1 is damaged and could not be moved aside.")
                         .arg(QDir::toNativeSeparators(m_path))};
    }
    // The journal files belong to the damaged file: a new database must never replay them.
    for (const QString& suffix : {u"-wal"_s, u"-journal"_s}) {
        if (QFileInfo::exists(m_path + suffix) && !QFile::rename(m_path + suffix, target + suffix))
            QFile::remove(m_path + suffix);
    }
    QFile::remove(m_path + u"-shm"_s);

    m_corruptFilePath = target;
    m_recoveryNotice = tr("The history file was damaged. It has been set aside as %1 and a new, empty "
                          "history was started.")
                           .arg(QDir::toNativeSeparators(target));
    qCWarning(lcStorage) << "damaged history moved to" << target;
    return {};
}

Result<void> HistoryStore::migrate() {
    const QString what = tr("Could not upgrade the history");
    auto version = exec(u"PRAGMA user_version"_s, {}, what);
    if (!version)
        return version.error();
    int current = version.value().next() ? version->value(0).toInt() : 0;
    version.value().finish();
    const auto newer = [&] {
        return Error{ErrorCode::InternalError,
                     tr("The history was written by a newer version of PromptCraft (schema %1); "
                        "this version understands schema %2.")
                         .arg(current)
                         .arg(SchemaVersion)};
    };
    if (current > SchemaVersion)
        return newer();
    const int from = current;
    // Checked outside a write transaction first: an up-to-date read-only file still opens.
    while (current != SchemaVersion) {
        auto step = transaction(Durability::Full, [&]() -> Result<void> {
            // Read again under the write lock: another connection may have migrated meanwhile.
            auto inside = exec(u"PRAGMA user_version"_s, {}, what);
            if (!inside)
                return inside.error();
            current = inside.value().next() ? inside->value(0).toInt() : 0;
            inside.value().finish();
            if (current > SchemaVersion)
                return newer();
            if (current == SchemaVersion)
                return {};
            const int next = current + 1;
            const QStringList statements = migrationStatements(next);
            for (const QString& statement : statements) {
                if (auto done = exec(statement, {}, what); !done)
                    return done.error();
            }
            if (auto done = exec(u"PRAGMA user_version = %1"_s.arg(next), {}, what); !done)
                return done.error();
            if (const MigrationHook hook = s_migrationHook.load())
                hook(next);
            current = next;
            return {};
        });
        if (!step)
            return step;
    }
    if (current != from)
        qCInfo(lcStorage) << "history schema migrated from version" << from << "to" << current;
    return {};
}

// Nothing streams or sends before open() returns, so anything still "sending" was cut off with
// the previous run: answers become Interrupted, user messages go back to Queued (or Sent when they
// already left the outbox).
void HistoryStore::recoverInterruptedWork() {
    auto recovered = exec(uR"(UPDATE messages SET status = CASE
                                  WHEN role = 'assistant' THEN 'interrupted'
                                  WHEN EXISTS (SELECT 1 FROM outbox WHERE message_id = messages.id) THEN 'queued'
                                  ELSE 'sent' END
                              WHERE status = 'sending')"_s,
                          {}, tr("Could not recover interrupted messages"));
    if (!recovered)
        return; // already logged; a read-only file is fixed up at the next writable start
    if (const int rows = recovered->numRowsAffected(); rows > 0)
        qCInfo(lcStorage) << "marked" << rows << "interrupted message(s)";
}

Result<void> HistoryStore::reopenIfReadOnly() {
    if (!m_reopenBeforeWrite)
        return {};
    closeConnection();
    auto opened = openConnection(false);
    if (!opened)
        return opened.error();
    m_reopenBeforeWrite = false;
    return {};
}

// ---- statement helpers ----

Error HistoryStore::sqlFailure(const QSqlError& error, const QString& what) const {
    QString reason;
    switch (sqliteCode(error)) {
    case SqliteFull:
        reason = tr("the disk is full");
        break;
    case SqliteReadOnly:
        reason = tr("the history file is read-only");
        m_reopenBeforeWrite = true;
        break;
    case SqliteBusy:
    case SqliteLocked:
        reason = tr("the history is in use by another program");
        break;
    case SqliteIoError:
        reason = tr("the disk reported an input/output error");
        break;
    case SqliteCantOpen:
        reason = tr("the history file cannot be opened");
        break;
    case SqliteCorrupt:
    case SqliteNotADatabase:
        reason = tr("the history file is damaged");
        break;
    default:
        reason = error.databaseText().isEmpty() ? error.text() : error.databaseText();
        break;
    }
    // SQL error texts carry no message content, only statements and SQLite's reason.
    qCWarning(lcStorage).noquote() << what << "-" << error.text() << "(" << error.nativeErrorCode() << ")";
    return Error{ErrorCode::InternalError, tr("%1: %2.").arg(what, reason)};
}

Result<QSqlQuery> HistoryStore::exec(const QString& sql, const QVariantList& binds,
                                     const QString& what) const {
    if (!m_db.isOpen())
        return notOpen();
    QSqlQuery query(m_db);
    // Forward-only: Qt would otherwise cache every row it has seen.
    query.setForwardOnly(true);
    if (!query.prepare(sql))
        return sqlFailure(query.lastError(), what);
    for (const QVariant& value : binds)
        query.addBindValue(value);
    if (!query.exec())
        return sqlFailure(query.lastError(), what);
    return query;
}

Result<void> HistoryStore::change(const QString& sql, const QVariantList& binds, const QString& what,
                                  const QString& notFound) {
    if (auto ready = reopenIfReadOnly(); !ready)
        return ready;
    auto query = exec(sql, binds, what);
    if (!query)
        return query.error();
    if (query->numRowsAffected() == 0)
        return Error{ErrorCode::NotFound, notFound};
    return {};
}

Result<void> HistoryStore::transaction(Durability durability, const std::function<Result<void>()>& body) {
    if (!m_db.isOpen())
        return notOpen();
    if (auto ready = reopenIfReadOnly(); !ready)
        return ready;

    const bool full = durability == Durability::Full;
    // Per connection and outside the transaction: the setting applies to the COMMIT below.
    if (full)
        QSqlQuery(m_db).exec(u"PRAGMA synchronous = FULL"_s);

    Result<void> result = [&]() -> Result<void> {
        // IMMEDIATE takes the write lock up front (waiting up to busy_timeout), so a transaction
        // never fails half-way for want of a lock upgrade.
        if (auto begun = exec(u"BEGIN IMMEDIATE"_s, {}, tr("Could not write to the history")); !begun)
            return begun.error();
        Result<void> outcome = body();
        if (outcome) {
            auto committed = exec(u"COMMIT"_s, {}, tr("Could not save to the history"));
            if (committed)
                return {};
            outcome = committed.error();
        }
        // After some failures (disk full, I/O error) SQLite has already rolled back; then this
        // ROLLBACK fails harmlessly.
        QSqlQuery(m_db).exec(u"ROLLBACK"_s);
        return outcome;
    }();

    if (full)
        QSqlQuery(m_db).exec(u"PRAGMA synchronous = NORMAL"_s);
    return result;
}

Result<void> HistoryStore::requireConversation(const QString& id) const {
    auto query = exec(u"SELECT 1 FROM conversations WHERE id = ? AND deleted_at IS NULL"_s, {text(id)},
                      tr("Could not read the history"));
    if (!query)
        return query.error();
    if (!query.value().next())
        return Error{ErrorCode::NotFound, tr("The conversation %1 does not exist.").arg(id)};
    return {};
}

// ---- conversations ----

Result<Conversation> HistoryStore::createConversation(const QString& title, const QString& server,
                                                      const QString& sessionId) {
    if (auto ready = reopenIfReadOnly(); !ready)
        return ready.error();
    Conversation conversation;
    conversation.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    conversation.server = server;
    conversation.sessionId = sessionId;
    conversation.title = title;
    conversation.createdAt = m_clock->now();
    conversation.updatedAt = conversation.createdAt;
    const qint64 now = conversation.createdAt.toMSecsSinceEpoch();
    auto query = exec(u"INSERT INTO conversations (id, server, session_id, title, created_at, updated_at) "
                      u"VALUES (?, ?, ?, ?, ?, ?)"_s,
                      {conversation.id, text(server), text(sessionId), text(title), now, now},
                      tr("Could not create the conversation"));
    if (!query)
        return query.error();
    return conversation;
}

Result<Conversation> HistoryStore::conversation(const QString& id) const {
    auto query = exec(u"SELECT "_s + ConversationColumns +
                          u" FROM conversations WHERE id = ? AND deleted_at IS NULL"_s,
                      {text(id)}, tr("Could not read the conversation"));
    if (!query)
        return query.error();
    if (!query.value().next())
        return Error{ErrorCode::NotFound, tr("The conversation %1 does not exist.").arg(id)};
    return conversationFromRow(query.value());
}

Result<QList<Conversation>> HistoryStore::listConversations(bool includeArchived) const {
    auto query = exec(u"SELECT "_s + ConversationColumns + u" FROM conversations WHERE deleted_at IS NULL"_s +
                          (includeArchived ? QString() : u" AND archived = 0"_s) +
                          u" ORDER BY pinned DESC, updated_at DESC, rowid DESC"_s,
                      {}, tr("Could not list the conversations"));
    if (!query)
        return query.error();
    QList<Conversation> conversations;
    while (query.value().next())
        conversations.append(conversationFromRow(query.value()));
    return conversations;
}

Result<void> HistoryStore::renameConversation(const QString& id, const QString& title) {
    return change(u"UPDATE conversations SET title = ? WHERE id = ? AND deleted_at IS NULL"_s,
                  {text(title), text(id)}, tr("Could not rename the conversation"),
                  tr("The conversation %1 does not exist.").arg(id));
}

Result<void> HistoryStore::setSessionId(const QString& id, const QString& sessionId) {
    return change(u"UPDATE conversations SET session_id = ? WHERE id = ? AND deleted_at IS NULL"_s,
                  {text(sessionId), text(id)}, tr("Could not update the conversation"),
                  tr("The conversation %1 does not exist.").arg(id));
}

Result<void> HistoryStore::setPinned(const QString& id, bool pinned) {
    return change(u"UPDATE conversations SET pinned = ? WHERE id = ? AND deleted_at IS NULL"_s,
                  {pinned ? 1 : 0, text(id)}, tr("Could not pin the conversation"),
                  tr("The conversation %1 does not exist.").arg(id));
}

Result<void> HistoryStore::setArchived(const QString& id, bool archived) {
    return change(u"UPDATE conversations SET archived = ? WHERE id = ? AND deleted_at IS NULL"_s,
                  {archived ? 1 : 0, text(id)}, tr("Could not archive the conversation"),
                  tr("The conversation %1 does not exist.").arg(id));
}

Result<void> HistoryStore::deleteConversation(const QString& id) {
    return change(u"UPDATE conversations SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL"_s,
                  {m_clock->nowMs(), text(id)}, tr("Could not delete the conversation"),
                  tr("The conversation %1 does not exist.").arg(id));
}

Result<void> HistoryStore::restoreConversation(const QString& id) {
    return change(u"UPDATE conversations SET deleted_at = NULL WHERE id = ? AND deleted_at IS NOT NULL"_s,
                  {text(id)}, tr("Could not restore the conversation"),
                  tr("There is no deleted conversation %1.").arg(id));
}

Result<int> HistoryStore::purgeDeletedConversations(const QDateTime& deletedBefore) {
    int purged = 0;
    auto done = transaction(Durability::Normal, [&]() -> Result<void> {
        auto query = exec(u"DELETE FROM conversations WHERE deleted_at IS NOT NULL AND deleted_at < ?"_s,
                          {deletedBefore.toMSecsSinceEpoch()}, tr("Could not remove deleted conversations"));
        if (!query)
            return query.error();
        purged = query->numRowsAffected();
        return {};
    });
    if (!done)
        return done.error();
    return purged;
}

// ---- sending ----

Result<StoredMessage> HistoryStore::enqueueUserMessage(const QString& conversationId,
                                                       const QString& messageId, const QString& content) {
    if (messageId.isEmpty() || messageId.size() > MaxMessageIdLength) {
        return Error{ErrorCode::InvalidMessage,
                     tr("A message id must have 1 to %1 characters.").arg(MaxMessageIdLength)};
    }
    const QString what = tr("Could not save the message");
    std::optional<StoredMessage> stored;
    auto done = transaction(Durability::Full, [&]() -> Result<void> {
        if (auto known = requireConversation(conversationId); !known)
            return known;
        const qint64 now = m_clock->nowMs();
        auto inserted = exec(u"INSERT INTO messages (id, conversation_id, role, content, status, created_at) "
                             u"VALUES (?, ?, 'user', ?, 'queued', ?) ON CONFLICT (id) DO NOTHING"_s,
                             {messageId, conversationId, text(content), now}, what);
        if (!inserted)
            return inserted.error();
        const bool isNew = inserted->numRowsAffected() > 0;
        if (isNew) {
            auto queued =
                exec(u"INSERT INTO outbox (message_id, conversation_id, content, created_at, position) "
                     u"VALUES (?, ?, ?, ?, (SELECT COALESCE(MAX(position), 0) + 1 FROM outbox))"_s,
                     {messageId, conversationId, text(content), now}, what);
            if (!queued)
                return queued.error();
        }
        auto row = message(messageId);
        if (!row)
            return row.error();
        if (!isNew && (row->conversationId != conversationId || row->role != MessageRole::User ||
                       row->content != content)) {
            return Error{ErrorCode::InvalidMessage,
                         tr("The message id %1 is already used by another message.").arg(messageId)};
        }
        stored = row.value();
        return {};
    });
    if (!done)
        return done.error();
    return *stored;
}

Result<QList<OutboxEntry>> HistoryStore::outbox(const QString& conversationId) const {
    QVariantList binds;
    QString sql = u"SELECT o.message_id, o.conversation_id, o.content, o.created_at, o.attempts, o.position "
                  u"FROM outbox o JOIN conversations c ON c.id = o.conversation_id "
                  u"WHERE c.deleted_at IS NULL"_s;
    if (!conversationId.isEmpty()) {
        sql += u" AND o.conversation_id = ?"_s;
        binds.append(conversationId);
    }
    sql += u" ORDER BY o.position"_s;
    auto query = exec(sql, binds, tr("Could not read the outbox"));
    if (!query)
        return query.error();
    QList<OutboxEntry> entries;
    while (query.value().next()) {
        OutboxEntry entry;
        entry.messageId = query->value(0).toString();
        entry.conversationId = query->value(1).toString();
        entry.content = query->value(2).toString();
        entry.createdAt = fromMsecs(query->value(3));
        entry.attempts = query->value(4).toInt();
        entry.position = query->value(5).toLongLong();
        entries.append(entry);
    }
    return entries;
}

Result<void> HistoryStore::markSending(const QString& messageId) {
    const QString what = tr("Could not update the message");
    return transaction(Durability::Normal, [&]() -> Result<void> {
        auto updated = exec(u"UPDATE messages SET status = 'sending' WHERE id = ? AND role = 'user'"_s,
                            {text(messageId)}, what);
        if (!updated)
            return updated.error();
        if (updated->numRowsAffected() == 0)
            return Error{ErrorCode::NotFound, tr("There is no user message %1.").arg(messageId)};
        auto counted = exec(u"UPDATE outbox SET attempts = attempts + 1 WHERE message_id = ?"_s,
                            {text(messageId)}, what);
        if (!counted)
            return counted.error();
        return {};
    });
}

Result<void> HistoryStore::markSent(const QString& messageId) {
    return change(u"UPDATE messages SET status = 'sent' WHERE id = ? AND role = 'user'"_s, {text(messageId)},
                  tr("Could not update the message"), tr("There is no user message %1.").arg(messageId));
}

Result<void> HistoryStore::setMessageStatus(const QString& messageId, MessageStatus status) {
    return change(u"UPDATE messages SET status = ? WHERE id = ?"_s,
                  {messageStatusName(status), text(messageId)}, tr("Could not update the message"),
                  tr("There is no message %1.").arg(messageId));
}

Result<void> HistoryStore::removeFromOutbox(const QString& messageId) {
    return change(u"DELETE FROM outbox WHERE message_id = ?"_s, {text(messageId)},
                  tr("Could not update the outbox"),
                  tr("The message %1 is not in the outbox.").arg(messageId));
}

// ---- answers ----

Result<StoredMessage> HistoryStore::storeAnswer(const QString& conversationId,
                                                const AssistantMessage& answer) {
    if (answer.messageId.isEmpty())
        return Error{ErrorCode::InvalidMessage, tr("The answer has no message id.")};
    const QString what = tr("Could not save the answer");
    std::optional<StoredMessage> stored;
    auto done = transaction(Durability::Normal, [&]() -> Result<void> {
        if (auto known = requireConversation(conversationId); !known)
            return known;
        const qint64 created =
            answer.timestamp.isValid() ? answer.timestamp.toMSecsSinceEpoch() : m_clock->nowMs();
        // The WHERE keeps a Complete answer from being overwritten by a late Interrupted copy and
        // never lets an answer id overwrite a user message or move between conversations.
        auto upserted = exec(
            uR"(INSERT INTO messages (id, conversation_id, reply_to, role, content, status, provider, model,
                                      usage, processing_time_ms, created_at, reasoning)
                VALUES (?, ?, ?, 'assistant', ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET
                    reply_to = excluded.reply_to, content = excluded.content, status = excluded.status,
                    provider = excluded.provider, model = excluded.model, usage = excluded.usage,
                    processing_time_ms = excluded.processing_time_ms, reasoning = excluded.reasoning
                WHERE messages.role = 'assistant' AND messages.conversation_id = excluded.conversation_id
                  AND (messages.status <> 'complete' OR excluded.status = 'complete'))"_s,
            {answer.messageId, conversationId, text(answer.replyTo), text(answer.content),
             messageStatusName(messageStatusFromAnswer(answer.status)), text(answer.provider),
             text(answer.model), usageJson(answer.usage), answer.processingTimeMs, created,
             text(answer.reasoning)},
            what);
        if (!upserted)
            return upserted.error();
        if (!answer.replyTo.isEmpty()) {
            auto delivered = exec(u"DELETE FROM outbox WHERE message_id = ?"_s, {answer.replyTo}, what);
            if (!delivered)
                return delivered.error();
            auto sent = exec(u"UPDATE messages SET status = 'sent' WHERE id = ? AND role = 'user' "
                             u"AND status IN ('queued', 'sending')"_s,
                             {answer.replyTo}, what);
            if (!sent)
                return sent.error();
        }
        auto row = message(answer.messageId);
        if (!row)
            return row.error();
        if (row->role != MessageRole::Assistant || row->conversationId != conversationId) {
            return Error{ErrorCode::InvalidMessage,
                         tr("The message id %1 is already used by another message.").arg(answer.messageId)};
        }
        stored = row.value();
        return {};
    });
    if (!done)
        return done.error();
    return *stored;
}

Result<void> HistoryStore::appendPartial(const QString& conversationId, const QString& messageId,
                                         const QString& replyTo, const QString& delta) {
    if (messageId.isEmpty())
        return Error{ErrorCode::InvalidMessage, tr("The answer has no message id.")};
    const QString what = tr("Could not save the answer");
    return transaction(Durability::Normal, [&]() -> Result<void> {
        if (auto known = requireConversation(conversationId); !known)
            return known;
        auto appended =
            exec(uR"(INSERT INTO messages (id, conversation_id, reply_to, role, content, status, created_at)
                VALUES (?, ?, ?, 'assistant', ?, 'sending', ?)
                ON CONFLICT (id) DO UPDATE SET content = messages.content || excluded.content
                WHERE messages.status = 'sending' AND messages.role = 'assistant'
                  AND messages.conversation_id = excluded.conversation_id)"_s,
                 {messageId, conversationId, text(replyTo), text(delta), m_clock->nowMs()}, what);
        if (!appended)
            return appended.error();
        return {};
    });
}

// ---- reading ----

Result<StoredMessage> HistoryStore::message(const QString& messageId) const {
    auto query = exec(u"SELECT "_s + MessageColumns + u" FROM messages WHERE id = ?"_s, {text(messageId)},
                      tr("Could not read the message"));
    if (!query)
        return query.error();
    if (!query.value().next())
        return Error{ErrorCode::NotFound, tr("There is no message %1.").arg(messageId)};
    return messageFromRow(query.value());
}

Result<QList<StoredMessage>> HistoryStore::messagePage(const QString& sql, const QVariantList& binds,
                                                       bool reverse) const {
    auto query = exec(sql, binds, tr("Could not read the messages"));
    if (!query)
        return query.error();
    QList<StoredMessage> page;
    while (query.value().next())
        page.append(messageFromRow(query.value()));
    if (reverse)
        std::reverse(page.begin(), page.end());
    return page;
}

// The paging queries walk the (conversation_id, seq) index from the cursor and stop after `limit`
// rows, so a page costs the same at the start and at the end of a long conversation.
Result<QList<StoredMessage>> HistoryStore::newestMessages(const QString& conversationId, int limit) const {
    if (limit <= 0)
        return QList<StoredMessage>();
    return messagePage(u"SELECT "_s + MessageColumns +
                           u" FROM messages WHERE conversation_id = ? ORDER BY seq DESC LIMIT ?"_s,
                       {text(conversationId), limit}, true);
}

Result<QList<StoredMessage>> HistoryStore::messagesBefore(const QString& conversationId, qint64 seq,
                                                          int limit) const {
    if (limit <= 0)
        return QList<StoredMessage>();
    return messagePage(
        u"SELECT "_s + MessageColumns +
            u" FROM messages WHERE conversation_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?"_s,
        {text(conversationId), seq, limit}, true);
}

Result<QList<StoredMessage>> HistoryStore::messagesAfter(const QString& conversationId, qint64 seq,
                                                         int limit) const {
    if (limit <= 0)
        return QList<StoredMessage>();
    return messagePage(u"SELECT "_s + MessageColumns +
                           u" FROM messages WHERE conversation_id = ? AND seq > ? ORDER BY seq ASC LIMIT ?"_s,
                       {text(conversationId), seq, limit}, false);
}

Result<qint64> HistoryStore::messageCount(const QString& conversationId) const {
    auto query = exec(u"SELECT COUNT(*) FROM messages WHERE conversation_id = ?"_s, {text(conversationId)},
                      tr("Could not count the messages"));
    if (!query)
        return query.error();
    return query.value().next() ? query->value(0).toLongLong() : qint64(0);
}

// ---- drafts ----

Result<QString> HistoryStore::draft(const QString& conversationId) const {
    auto query = exec(u"SELECT text FROM drafts WHERE conversation_id = ?"_s, {text(conversationId)},
                      tr("Could not read the draft"));
    if (!query)
        return query.error();
    return query.value().next() ? query->value(0).toString() : QString();
}

Result<void> HistoryStore::setDraft(const QString& conversationId, const QString& draftText) {
    const QString what = tr("Could not save the draft");
    return transaction(Durability::Normal, [&]() -> Result<void> {
        if (draftText.isEmpty()) {
            auto removed =
                exec(u"DELETE FROM drafts WHERE conversation_id = ?"_s, {text(conversationId)}, what);
            if (!removed)
                return removed.error();
            return {};
        }
        if (auto known = requireConversation(conversationId); !known)
            return known;
        auto saved = exec(u"INSERT INTO drafts (conversation_id, text, updated_at) VALUES (?, ?, ?) "
                          u"ON CONFLICT (conversation_id) DO UPDATE SET text = excluded.text, "
                          u"updated_at = excluded.updated_at"_s,
                          {conversationId, draftText, m_clock->nowMs()}, what);
        if (!saved)
            return saved.error();
        return {};
    });
}

// ---- templates ----

Result<void> HistoryStore::saveTemplate(const StoredTemplate& tmpl) {
    if (tmpl.id.isEmpty() || tmpl.version < 1)
        return Error{ErrorCode::InvalidMessage, tr("A template needs an id and a version of at least 1.")};
    if (auto ready = reopenIfReadOnly(); !ready)
        return ready;
    const QDateTime updated = tmpl.updatedAt.isValid() ? tmpl.updatedAt : m_clock->now();
    auto query =
        exec(u"INSERT OR REPLACE INTO templates ("_s + TemplateColumns + u") VALUES (?, ?, ?, ?, ?, ?)"_s,
             {tmpl.id, tmpl.version, text(tmpl.title), text(tmpl.category),
              QString::fromUtf8(QJsonDocument(tmpl.json).toJson(QJsonDocument::Compact)),
              updated.toMSecsSinceEpoch()},
             tr("Could not save the template"));
    if (!query)
        return query.error();
    return {};
}

Result<QList<StoredTemplate>> HistoryStore::templates(const QString& category) const {
    QVariantList binds;
    QString sql = u"SELECT "_s + TemplateColumns +
                  u" FROM templates t WHERE version = (SELECT MAX(version) FROM templates WHERE id = t.id)"_s;
    if (!category.isEmpty()) {
        sql += u" AND category = ?"_s;
        binds.append(category);
    }
    sql += u" ORDER BY title COLLATE NOCASE, id"_s;
    auto query = exec(sql, binds, tr("Could not list the templates"));
    if (!query)
        return query.error();
    QList<StoredTemplate> list;
    while (query.value().next())
        list.append(templateFromRow(query.value()));
    return list;
}

Result<QList<StoredTemplate>> HistoryStore::templateVersions(const QString& id) const {
    auto query =
        exec(u"SELECT "_s + TemplateColumns + u" FROM templates WHERE id = ? ORDER BY version DESC"_s,
             {text(id)}, tr("Could not read the template"));
    if (!query)
        return query.error();
    QList<StoredTemplate> list;
    while (query.value().next())
        list.append(templateFromRow(query.value()));
    return list;
}

Result<void> HistoryStore::deleteTemplate(const QString& id) {
    return change(u"DELETE FROM templates WHERE id = ?"_s, {text(id)}, tr("Could not delete the template"),
                  tr("There is no template %1.").arg(id));
}

// ---- search ----

QString HistoryStore::toFtsQuery(const QString& userInput) {
    static const QRegularExpression whitespace(u"\\s+"_s);
    const QStringList words = userInput.split(whitespace, Qt::SkipEmptyParts);
    QStringList terms;
    bool lastWordKept = false;
    for (const QString& word : words) {
        // A word without letters or digits holds no token for the unicode61 tokenizer.
        const QList<uint> codePoints = word.toUcs4();
        lastWordKept = std::any_of(codePoints.begin(), codePoints.end(),
                                   [](uint c) { return QChar::isLetterOrNumber(char32_t(c)); });
        if (!lastWordKept)
            continue;
        if (terms.size() == MaxSearchTerms)
            break;
        // Inside an FTS5 string only `"` is special, written twice.
        QString quoted = word;
        quoted.replace(u'"', u"\"\""_s);
        terms.append(u'"' + quoted + u'"');
    }
    if (terms.isEmpty())
        return {};
    if (lastWordKept && !userInput.back().isSpace())
        terms.last() += u'*';
    return terms.join(u' ');
}

Result<QList<SearchHit>> HistoryStore::search(const QString& query, int limit) const {
    QList<SearchHit> hits;
    const QString match = toFtsQuery(query);
    if (match.isEmpty() || limit <= 0)
        return hits;
    // ORDER BY the FTS rowid (= seq) lets FTS5 walk its matches newest first and stop at LIMIT
    // instead of sorting every match.
    auto rows =
        exec(uR"(SELECT m.conversation_id, c.title, m.id, m.seq, m.role, m.created_at,
                                snippet(messages_fts, 0, ?, ?, ?, 16)
                         FROM messages_fts
                         JOIN messages m ON m.seq = messages_fts.rowid
                         JOIN conversations c ON c.id = m.conversation_id
                         WHERE messages_fts MATCH ? AND c.deleted_at IS NULL
                         ORDER BY messages_fts.rowid DESC LIMIT ?)"_s,
             {QString(SearchHit::HighlightBegin), QString(SearchHit::HighlightEnd), u"…"_s, match, limit},
             tr("Could not search the history"));
    if (!rows)
        return rows.error();
    while (rows.value().next()) {
        SearchHit hit;
        hit.conversationId = rows->value(0).toString();
        hit.conversationTitle = rows->value(1).toString();
        hit.messageId = rows->value(2).toString();
        hit.seq = rows->value(3).toLongLong();
        hit.role = messageRoleFromName(rows->value(4).toString()).value_or(MessageRole::User);
        hit.createdAt = fromMsecs(rows->value(5));
        hit.snippet = rows->value(6).toString();
        hits.append(hit);
    }
    return hits;
}

// ---- import ----

Result<ImportSummary> HistoryStore::importConversation(const Conversation& conversation,
                                                       const QList<StoredMessage>& messages) {
    if (conversation.id.isEmpty())
        return Error{ErrorCode::InvalidMessage, tr("The conversation has no id.")};
    const QString what = tr("Could not import the conversation");
    ImportSummary summary;
    auto done = transaction(Durability::Normal, [&]() -> Result<void> {
        const qint64 now = m_clock->nowMs();
        const qint64 created =
            conversation.createdAt.isValid() ? conversation.createdAt.toMSecsSinceEpoch() : now;
        const qint64 updated =
            conversation.updatedAt.isValid() ? conversation.updatedAt.toMSecsSinceEpoch() : created;
        auto added =
            exec(u"INSERT INTO conversations (id, server, session_id, title, created_at, updated_at, "
                 u"pinned, archived) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING"_s,
                 {conversation.id, text(conversation.server), text(conversation.sessionId),
                  text(conversation.title), created, updated, conversation.pinned ? 1 : 0,
                  conversation.archived ? 1 : 0},
                 what);
        if (!added)
            return added.error();
        if (added->numRowsAffected() > 0)
            summary.conversationsAdded = 1;
        else
            summary.conversationsExisting = 1;

        QSqlQuery insert(m_db);
        if (!insert.prepare(
                u"INSERT INTO messages (id, conversation_id, reply_to, role, content, status, provider, "
                u"model, usage, processing_time_ms, created_at, reasoning) "
                u"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING"_s)) {
            return sqlFailure(insert.lastError(), what);
        }
        for (const StoredMessage& message : messages) {
            // A message that was never delivered from here is not resent by an import.
            MessageStatus status = message.status;
            if (message.role == MessageRole::User &&
                (status == MessageStatus::Queued || status == MessageStatus::Sending)) {
                status = MessageStatus::Error;
            } else if (status == MessageStatus::Sending) {
                status = MessageStatus::Interrupted;
            }
            const QVariantList values{message.id,
                                      conversation.id,
                                      text(message.replyTo),
                                      messageRoleName(message.role),
                                      text(message.content),
                                      messageStatusName(status),
                                      text(message.provider),
                                      text(message.model),
                                      usageJson(message.usage),
                                      message.processingTimeMs,
                                      message.createdAt.isValid() ? message.createdAt.toMSecsSinceEpoch()
                                                                  : now,
                                      text(message.reasoning)};
            for (int i = 0; i < values.size(); ++i)
                insert.bindValue(i, values.at(i));
            if (!insert.exec())
                return sqlFailure(insert.lastError(), what);
            if (insert.numRowsAffected() > 0)
                ++summary.messagesAdded;
            else
                ++summary.messagesSkipped;
        }
        return {};
    });
    if (!done)
        return done.error();
    return summary;
}

} // namespace pc
