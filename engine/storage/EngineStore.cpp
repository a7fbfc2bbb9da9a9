#include "EngineStore.h"

#include "MessageCodec.h"
#include "TemplateFormat.h"
#include "core/Clock.h"
#include "core/Logging.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMutexLocker>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QUuid>

#include <array>

namespace pc {

using namespace Qt::Literals::StringLiterals;

namespace {

// Each entry moves the schema from version i to i+1, in one transaction.
const std::array<QStringList, 3> kMigrations{{
    {
        uR"(CREATE TABLE users (
               id TEXT PRIMARY KEY,
               username TEXT UNIQUE,
               password_hash TEXT,
               created_at INTEGER NOT NULL))"_s,
        uR"(CREATE TABLE sessions (
               id TEXT PRIMARY KEY,
               owner_id TEXT REFERENCES users(id) ON DELETE CASCADE,
               created_at INTEGER NOT NULL,
               updated_at INTEGER NOT NULL,
               opportunities_dismissed INTEGER NOT NULL DEFAULT 0,
               suggested TEXT NOT NULL DEFAULT '[]'))"_s,
        uR"(CREATE TABLE messages (
               seq INTEGER PRIMARY KEY AUTOINCREMENT,
               session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
               message_id TEXT NOT NULL,
               role TEXT NOT NULL CHECK (role IN ('user', 'assistant')),
               content TEXT NOT NULL,
               reply_to TEXT,
               status TEXT,
               provider TEXT,
               model TEXT,
               usage TEXT,
               processing_time_ms INTEGER NOT NULL DEFAULT 0,
               created_at INTEGER NOT NULL,
               UNIQUE (session_id, message_id)))"_s,
        u"CREATE INDEX messages_reply ON messages(session_id, reply_to)"_s,
        uR"(CREATE TABLE templates (
               id TEXT NOT NULL,
               version INTEGER NOT NULL,
               owner_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
               title TEXT NOT NULL,
               category TEXT NOT NULL DEFAULT '',
               document TEXT NOT NULL,
               created_at INTEGER NOT NULL,
               PRIMARY KEY (id, version)))"_s,
        u"CREATE INDEX templates_owner ON templates(owner_id, title)"_s,
    },
    {
        // Refresh tokens of the REST API (RefreshTokenStore): only their ids, never the tokens.
        uR"(CREATE TABLE refresh_tokens (
               jti TEXT PRIMARY KEY,
               user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
               issued_at INTEGER NOT NULL,
               expires_at INTEGER NOT NULL,
               revoked_at INTEGER))"_s,
        u"CREATE INDEX refresh_tokens_user ON refresh_tokens(user_id)"_s,
    },
    {
        // The model's reasoning (DeepSeek's reasoning_content) kept with its answer.
        u"ALTER TABLE messages ADD COLUMN reasoning TEXT NOT NULL DEFAULT ''"_s,
    },
}};

Error sqlError(const QString& what, const QSqlError& error)
{
    qCWarning(lcStorage).noquote() << what << error.text();
    return Error{ErrorCode::InternalError, u"storage error while %1: %2"_s.arg(what, error.databaseText())};
}

QString usageToJson(const std::optional<Usage>& usage)
{
    if (!usage)
        return {};
    return QString::fromUtf8(QJsonDocument(QJsonObject{{u"prompt_tokens"_s, usage->promptTokens},
                                                       {u"completion_tokens"_s, usage->completionTokens},
                                                       {u"cached_tokens"_s, usage->cachedTokens}})
                                 .toJson(QJsonDocument::Compact));
}

std::optional<Usage> usageFromJson(const QString& text)
{
    if (text.isEmpty())
        return std::nullopt;
    const QJsonObject o = QJsonDocument::fromJson(text.toUtf8()).object();
    return Usage{o.value(u"prompt_tokens").toInteger(), o.value(u"completion_tokens").toInteger(),
                 o.value(u"cached_tokens").toInteger()};
}

AnswerStatus statusFromName(const QString& name)
{
    if (name == u"interrupted")
        return AnswerStatus::Interrupted;
    if (name == u"offline")
        return AnswerStatus::Offline;
    return AnswerStatus::Complete;
}

const QString kMessageColumns =
    u"seq, session_id, message_id, role, content, reply_to, status, provider, model, "
    u"usage, processing_time_ms, created_at, reasoning"_s;
// The same columns without the reasoning, which never goes back to a model as context.
const QString kContextColumns =
    u"seq, session_id, message_id, role, content, reply_to, status, provider, model, "
    u"usage, processing_time_ms, created_at, '' AS reasoning"_s;

SessionMessage messageFromQuery(const QSqlQuery& q)
{
    SessionMessage m;
    m.seq = q.value(0).toLongLong();
    m.sessionId = q.value(1).toString();
    m.messageId = q.value(2).toString();
    m.role = q.value(3).toString();
    m.content = q.value(4).toString();
    m.replyTo = q.value(5).toString();
    m.status = statusFromName(q.value(6).toString());
    m.provider = q.value(7).toString();
    m.model = q.value(8).toString();
    m.usage = usageFromJson(q.value(9).toString());
    m.processingTimeMs = q.value(10).toLongLong();
    m.createdAtMs = q.value(11).toLongLong();
    m.reasoning = q.value(12).toString();
    return m;
}

SessionRecord sessionFromQuery(const QSqlQuery& q)
{
    SessionRecord s;
    s.id = q.value(0).toString();
    if (!q.value(1).isNull())
        s.ownerId = q.value(1).toString();
    s.createdAtMs = q.value(2).toLongLong();
    s.opportunitiesDismissed = q.value(3).toBool();
    for (const QJsonValue& v : QJsonDocument::fromJson(q.value(4).toString().toUtf8()).array())
        s.suggestedFingerprints.append(v.toString());
    return s;
}

// A small RAII transaction: rolls back unless committed.
class Transaction {
public:
    explicit Transaction(QSqlDatabase db)
        : m_db(std::move(db))
    {
        m_open = m_db.transaction();
    }
    ~Transaction()
    {
        if (m_open)
            m_db.rollback();
    }
    [[nodiscard]] bool isOpen() const { return m_open; }
    [[nodiscard]] bool commit()
    {
        m_open = false;
        return m_db.commit();
    }

private:
    QSqlDatabase m_db;
    bool m_open = false;
};

} // namespace

EngineStore::EngineStore(QString path, const Clock& clock)
    : m_path(std::move(path))
    , m_connectionPrefix(u"pc_engine_"_s + QUuid::createUuid().toString(QUuid::Id128))
    , m_clock(clock)
{}

EngineStore::~EngineStore()
{
    QMutexLocker lock(&m_connectionsMutex);
    for (const QString& name : std::as_const(m_connectionNames)) {
        {
            QSqlDatabase db = QSqlDatabase::database(name, false);
            if (db.isOpen())
                db.close();
        }
        QSqlDatabase::removeDatabase(name);
    }
}

int EngineStore::schemaVersion()
{
    return int(kMigrations.size());
}

Result<std::shared_ptr<EngineStore>> EngineStore::open(const QString& path, const Clock& clock)
{
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath()))
        return Error{ErrorCode::InternalError,
                     u"cannot create the data folder %1"_s.arg(info.absolutePath())};
    std::shared_ptr<EngineStore> store(new EngineStore(info.absoluteFilePath(), clock));
    QSqlDatabase db = store->database();
    if (!db.isOpen())
        return Error{ErrorCode::InternalError,
                     u"cannot open the database %1: %2"_s.arg(path, db.lastError().text())};
    if (auto migrated = store->migrate(); !migrated)
        return migrated.error();
    return store;
}

QSqlDatabase EngineStore::database()
{
    const QString name =
        m_connectionPrefix + u'_' + QString::number(reinterpret_cast<quintptr>(QThread::currentThread()), 16);
    QSqlDatabase db = QSqlDatabase::database(name, false);
    if (db.isValid() && db.isOpen())
        return db;
    {
        QMutexLocker lock(&m_connectionsMutex);
        if (!m_connectionNames.contains(name))
            m_connectionNames.append(name);
    }
    db = QSqlDatabase::contains(name) ? QSqlDatabase::database(name, false)
                                      : QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
    db.setDatabaseName(m_path);
    db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=10000"_s);
    if (!db.open()) {
        qCWarning(lcStorage) << "cannot open" << m_path << db.lastError().text();
        return db;
    }
    QSqlQuery q(db);
    q.exec(u"PRAGMA journal_mode=WAL"_s);
    q.exec(u"PRAGMA synchronous=NORMAL"_s);
    q.exec(u"PRAGMA foreign_keys=ON"_s);
    return db;
}

Result<void> EngineStore::migrate()
{
    QSqlDatabase db = database();
    QSqlQuery q(db);
    if (!q.exec(u"PRAGMA user_version"_s) || !q.next())
        return sqlError(u"reading the schema version"_s, q.lastError());
    int version = q.value(0).toInt();
    if (version > schemaVersion())
        return Error{ErrorCode::InternalError,
                     u"the database %1 was written by a newer PromptCraft (schema %2, this build knows %3)"_s
                         .arg(m_path)
                         .arg(version)
                         .arg(schemaVersion())};
    while (version < schemaVersion()) {
        Transaction tx(db);
        if (!tx.isOpen())
            return sqlError(u"starting a migration"_s, db.lastError());
        for (const QString& statement : kMigrations.at(std::size_t(version))) {
            if (!q.exec(statement))
                return sqlError(u"migrating to schema %1"_s.arg(version + 1), q.lastError());
        }
        if (!q.exec(u"PRAGMA user_version = %1"_s.arg(version + 1)))
            return sqlError(u"recording the schema version"_s, q.lastError());
        if (!tx.commit())
            return sqlError(u"committing a migration"_s, db.lastError());
        ++version;
        qCInfo(lcStorage) << "engine database migrated to schema" << version;
    }
    return {};
}

Result<SessionRecord> EngineStore::session(const QString& sessionId)
{
    QSqlQuery q(database());
    q.prepare(
        u"SELECT id, owner_id, created_at, opportunities_dismissed, suggested FROM sessions WHERE id = ?"_s);
    q.addBindValue(sessionId);
    if (!q.exec())
        return sqlError(u"reading a session"_s, q.lastError());
    if (!q.next())
        return Error{ErrorCode::NotFound, u"no such session"_s};
    return sessionFromQuery(q);
}

Result<SessionRecord> EngineStore::openSession(const QString& sessionId,
                                               const std::optional<QString>& ownerId)
{
    QSqlDatabase db = database();
    Transaction tx(db);
    if (ownerId) {
        if (auto user = ensureUser(*ownerId); !user)
            return user.error();
    }
    QSqlQuery q(db);
    q.prepare(u"INSERT OR IGNORE INTO sessions (id, owner_id, created_at, updated_at) VALUES (?, ?, ?, ?)"_s);
    const qint64 now = m_clock.nowMs();
    q.addBindValue(sessionId);
    q.addBindValue(ownerId ? QVariant(*ownerId) : QVariant(QMetaType(QMetaType::QString)));
    q.addBindValue(now);
    q.addBindValue(now);
    if (!q.exec())
        return sqlError(u"creating a session"_s, q.lastError());
    if (!tx.commit())
        return sqlError(u"creating a session"_s, db.lastError());
    auto record = session(sessionId);
    if (!record)
        return record.error();
    if (record->ownerId != ownerId)
        return Error{ErrorCode::NotFound, u"this session belongs to another user"_s};
    return record;
}

Result<void> EngineStore::setOpportunitiesDismissed(const QString& sessionId, bool dismissed)
{
    QSqlQuery q(database());
    q.prepare(u"UPDATE sessions SET opportunities_dismissed = ? WHERE id = ?"_s);
    q.addBindValue(dismissed ? 1 : 0);
    q.addBindValue(sessionId);
    if (!q.exec())
        return sqlError(u"updating a session"_s, q.lastError());
    return {};
}

Result<void> EngineStore::addSuggestedFingerprint(const QString& sessionId, const QString& fingerprint)
{
    QSqlDatabase db = database();
    Transaction tx(db);
    auto record = session(sessionId);
    if (!record)
        return record.error();
    QStringList list = record->suggestedFingerprints;
    if (list.contains(fingerprint))
        return {};
    list.append(fingerprint);
    QSqlQuery q(db);
    q.prepare(u"UPDATE sessions SET suggested = ? WHERE id = ?"_s);
    q.addBindValue(
        QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(list)).toJson(QJsonDocument::Compact)));
    q.addBindValue(sessionId);
    if (!q.exec() || !tx.commit())
        return sqlError(u"updating a session"_s, q.lastError());
    return {};
}

Result<bool> EngineStore::insertUserMessage(const QString& sessionId, const QString& messageId,
                                            const QString& content)
{
    QSqlDatabase db = database();
    QSqlQuery q(db);
    q.prepare(u"INSERT OR IGNORE INTO messages (session_id, message_id, role, content, created_at) "
              u"VALUES (?, ?, 'user', ?, ?)"_s);
    q.addBindValue(sessionId);
    q.addBindValue(messageId);
    q.addBindValue(content);
    q.addBindValue(m_clock.nowMs());
    if (!q.exec())
        return sqlError(u"storing a message"_s, q.lastError());
    const bool inserted = q.numRowsAffected() > 0;
    if (inserted) {
        QSqlQuery touch(db);
        touch.prepare(u"UPDATE sessions SET updated_at = ? WHERE id = ?"_s);
        touch.addBindValue(m_clock.nowMs());
        touch.addBindValue(sessionId);
        touch.exec();
    }
    return inserted;
}

Result<void> EngineStore::insertAnswer(const SessionMessage& answer)
{
    QSqlQuery q(database());
    q.prepare(
        u"INSERT OR IGNORE INTO messages (session_id, message_id, role, content, reply_to, status, provider, "
        u"model, usage, processing_time_ms, created_at, reasoning) "
        u"VALUES (?, ?, 'assistant', ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s);
    q.addBindValue(answer.sessionId);
    q.addBindValue(answer.messageId);
    q.addBindValue(answer.content);
    q.addBindValue(answer.replyTo);
    q.addBindValue(MessageCodec::answerStatusName(answer.status));
    q.addBindValue(answer.provider);
    q.addBindValue(answer.model);
    q.addBindValue(usageToJson(answer.usage));
    q.addBindValue(answer.processingTimeMs);
    q.addBindValue(answer.createdAtMs > 0 ? answer.createdAtMs : m_clock.nowMs());
    // Never NULL: the column is NOT NULL, and OR IGNORE would drop the whole answer silently.
    q.addBindValue(answer.reasoning.isNull() ? u""_s : answer.reasoning);
    if (!q.exec())
        return sqlError(u"storing an answer"_s, q.lastError());
    return {};
}

Result<std::optional<SessionMessage>> EngineStore::message(const QString& sessionId, const QString& messageId)
{
    QSqlQuery q(database());
    q.prepare(u"SELECT "_s + kMessageColumns + u" FROM messages WHERE session_id = ? AND message_id = ?"_s);
    q.addBindValue(sessionId);
    q.addBindValue(messageId);
    if (!q.exec())
        return sqlError(u"reading a message"_s, q.lastError());
    if (!q.next())
        return std::optional<SessionMessage>();
    return std::optional<SessionMessage>(messageFromQuery(q));
}

Result<std::optional<SessionMessage>> EngineStore::answerFor(const QString& sessionId,
                                                             const QString& userMessageId)
{
    QSqlQuery q(database());
    q.prepare(
        u"SELECT "_s + kMessageColumns +
        u" FROM messages WHERE session_id = ? AND reply_to = ? AND role = 'assistant' ORDER BY seq LIMIT 1"_s);
    q.addBindValue(sessionId);
    q.addBindValue(userMessageId);
    if (!q.exec())
        return sqlError(u"reading an answer"_s, q.lastError());
    if (!q.next())
        return std::optional<SessionMessage>();
    return std::optional<SessionMessage>(messageFromQuery(q));
}

Result<QList<SessionMessage>> EngineStore::answersAfter(const QString& sessionId, const QString& afterId,
                                                        int limit)
{
    qint64 afterSeq = 0;
    if (!afterId.isEmpty()) {
        auto anchor = message(sessionId, afterId);
        if (!anchor)
            return anchor.error();
        if (!anchor->has_value())
            return Error{ErrorCode::NotFound, u"no message with that id in this session"_s};
        afterSeq = (*anchor)->seq;
    }
    QSqlQuery q(database());
    q.prepare(
        u"SELECT "_s + kMessageColumns +
        u" FROM messages WHERE session_id = ? AND seq > ? AND role = 'assistant' ORDER BY seq LIMIT ?"_s);
    q.addBindValue(sessionId);
    q.addBindValue(afterSeq);
    q.addBindValue(limit);
    if (!q.exec())
        return sqlError(u"reading messages"_s, q.lastError());
    QList<SessionMessage> out;
    while (q.next())
        out.append(messageFromQuery(q));
    return out;
}

Result<QList<SessionMessage>> EngineStore::recentMessages(const QString& sessionId, qsizetype charBudget,
                                                          int maxMessages)
{
    QSqlQuery q(database());
    q.setForwardOnly(true);
    q.prepare(u"SELECT "_s + kContextColumns +
              u" FROM messages WHERE session_id = ? ORDER BY seq DESC LIMIT ?"_s);
    q.addBindValue(sessionId);
    q.addBindValue(maxMessages);
    if (!q.exec())
        return sqlError(u"reading history"_s, q.lastError());
    QList<SessionMessage> newestFirst;
    qsizetype used = 0;
    while (q.next()) {
        SessionMessage m = messageFromQuery(q);
        used += m.content.size();
        if (used > charBudget && !newestFirst.isEmpty())
            break;
        newestFirst.append(std::move(m));
    }
    return QList<SessionMessage>(newestFirst.crbegin(), newestFirst.crend());
}

Result<QList<SessionMessage>> EngineStore::unansweredUserMessages()
{
    QSqlQuery q(database());
    q.prepare(u"SELECT "_s + kMessageColumns +
              u" FROM messages u WHERE role = 'user' AND NOT EXISTS (SELECT 1 FROM messages a WHERE "
              u"a.session_id = u.session_id AND a.reply_to = u.message_id) ORDER BY seq"_s);
    if (!q.exec())
        return sqlError(u"reading messages"_s, q.lastError());
    QList<SessionMessage> out;
    while (q.next())
        out.append(messageFromQuery(q));
    return out;
}

namespace {
UserRecord userFromQuery(const QSqlQuery& q)
{
    return UserRecord{q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                      q.value(3).toLongLong()};
}
} // namespace

Result<UserRecord> EngineStore::ensureUser(const QString& userId)
{
    QSqlDatabase db = database();
    QSqlQuery q(db);
    q.prepare(u"INSERT OR IGNORE INTO users (id, created_at) VALUES (?, ?)"_s);
    q.addBindValue(userId);
    q.addBindValue(m_clock.nowMs());
    if (!q.exec())
        return sqlError(u"creating a user"_s, q.lastError());
    q.prepare(u"SELECT id, username, password_hash, created_at FROM users WHERE id = ?"_s);
    q.addBindValue(userId);
    if (!q.exec() || !q.next())
        return sqlError(u"reading a user"_s, q.lastError());
    return userFromQuery(q);
}

Result<std::optional<UserRecord>> EngineStore::userByName(const QString& username)
{
    QSqlQuery q(database());
    q.prepare(u"SELECT id, username, password_hash, created_at FROM users WHERE username = ?"_s);
    q.addBindValue(username);
    if (!q.exec())
        return sqlError(u"reading a user"_s, q.lastError());
    if (!q.next())
        return std::optional<UserRecord>();
    return std::optional<UserRecord>(userFromQuery(q));
}

Result<UserRecord> EngineStore::createUser(const QString& username, const QString& passwordHash)
{
    UserRecord user{QUuid::createUuid().toString(QUuid::WithoutBraces), username, passwordHash,
                    m_clock.nowMs()};
    QSqlQuery q(database());
    q.prepare(u"INSERT INTO users (id, username, password_hash, created_at) VALUES (?, ?, ?, ?)"_s);
    q.addBindValue(user.id);
    q.addBindValue(user.username);
    q.addBindValue(user.passwordHash.isEmpty() ? QVariant(QMetaType(QMetaType::QString))
                                               : QVariant(passwordHash));
    q.addBindValue(user.createdAtMs);
    if (!q.exec()) {
        if (q.lastError().nativeErrorCode() == u"2067" || q.lastError().databaseText().contains(u"UNIQUE"))
            return Error{ErrorCode::InvalidMessage, u"a user named '%1' already exists"_s.arg(username)};
        return sqlError(u"creating a user"_s, q.lastError());
    }
    return user;
}

Result<void> EngineStore::setPasswordHash(const QString& userId, const QString& passwordHash)
{
    QSqlQuery q(database());
    q.prepare(u"UPDATE users SET password_hash = ? WHERE id = ?"_s);
    q.addBindValue(passwordHash);
    q.addBindValue(userId);
    if (!q.exec())
        return sqlError(u"updating a user"_s, q.lastError());
    if (q.numRowsAffected() == 0)
        return Error{ErrorCode::NotFound, u"no such user"_s};
    return {};
}

Result<bool> EngineStore::removeUser(const QString& username)
{
    QSqlQuery q(database());
    q.prepare(u"DELETE FROM users WHERE username = ?"_s);
    q.addBindValue(username);
    if (!q.exec())
        return sqlError(u"removing a user"_s, q.lastError());
    return q.numRowsAffected() > 0;
}

Result<QList<UserRecord>> EngineStore::users()
{
    QSqlQuery q(database());
    if (!q.exec(u"SELECT id, username, password_hash, created_at FROM users WHERE username IS NOT NULL "
                u"ORDER BY username"_s))
        return sqlError(u"listing users"_s, q.lastError());
    QList<UserRecord> out;
    while (q.next())
        out.append(userFromQuery(q));
    return out;
}

Result<PromptTemplate> EngineStore::saveTemplate(const QString& ownerId, PromptTemplate tmpl)
{
    if (auto valid = TemplateFormat::validate(tmpl); !valid)
        return Error{ErrorCode::TemplateCreationFailed, valid.error().message};
    QSqlDatabase db = database();
    Transaction tx(db);
    if (!tx.isOpen())
        return sqlError(u"saving a template"_s, db.lastError());
    if (auto user = ensureUser(ownerId); !user)
        return user.error();
    QSqlQuery q(db);
    q.prepare(u"SELECT id, MAX(version), MIN(created_at) FROM templates WHERE owner_id = ? AND title = ? "
              u"GROUP BY id ORDER BY 2 DESC LIMIT 1"_s);
    q.addBindValue(ownerId);
    q.addBindValue(tmpl.title);
    if (!q.exec())
        return sqlError(u"saving a template"_s, q.lastError());
    const QDateTime now = m_clock.now();
    if (q.next()) {
        tmpl.id = q.value(0).toString();
        tmpl.version = q.value(1).toInt() + 1;
        tmpl.createdAt = QDateTime::fromMSecsSinceEpoch(q.value(2).toLongLong(), Qt::UTC);
    } else {
        if (tmpl.id.isEmpty())
            tmpl.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        tmpl.version = 1;
        tmpl.createdAt = now;
    }
    tmpl.updatedAt = now;
    q.prepare(u"INSERT INTO templates (id, version, owner_id, title, category, document, created_at) "
              u"VALUES (?, ?, ?, ?, COALESCE(?, ''), ?, ?)"_s); // a null QString binds as NULL
    q.addBindValue(tmpl.id);
    q.addBindValue(tmpl.version);
    q.addBindValue(ownerId);
    q.addBindValue(tmpl.title);
    q.addBindValue(tmpl.category);
    q.addBindValue(
        QString::fromUtf8(QJsonDocument(TemplateFormat::toJson(tmpl)).toJson(QJsonDocument::Compact)));
    q.addBindValue(now.toMSecsSinceEpoch());
    if (!q.exec())
        return sqlError(u"saving a template"_s, q.lastError());
    if (!tx.commit())
        return sqlError(u"saving a template"_s, db.lastError());
    return tmpl;
}

namespace {
Result<QList<PromptTemplate>> templatesFromQuery(QSqlQuery& q)
{
    QList<PromptTemplate> out;
    while (q.next()) {
        auto parsed = TemplateFormat::fromJson(q.value(0).toString().toUtf8());
        if (parsed)
            out.append(std::move(parsed).value());
        else
            qCWarning(lcStorage) << "skipping an unreadable stored template:" << parsed.error().message;
    }
    return out;
}
} // namespace

Result<QList<PromptTemplate>> EngineStore::templates(const QString& ownerId, const QString& category,
                                                     const QString& query)
{
    QSqlQuery q(database());
    QString sql = u"SELECT t.document FROM templates t WHERE t.owner_id = ? AND t.version = "
                  u"(SELECT MAX(version) FROM templates x WHERE x.id = t.id)"_s;
    if (!category.isEmpty())
        sql += u" AND t.category = ? COLLATE NOCASE"_s;
    if (!query.isEmpty())
        sql += u" AND (t.title LIKE ? ESCAPE '\\' OR t.document LIKE ? ESCAPE '\\')"_s;
    sql += u" ORDER BY t.created_at DESC"_s;
    q.prepare(sql);
    q.addBindValue(ownerId);
    if (!category.isEmpty())
        q.addBindValue(category);
    if (!query.isEmpty()) {
        QString escaped = query;
        escaped.replace(u'\\', u"\\\\"_s).replace(u'%', u"\\%"_s).replace(u'_', u"\\_"_s);
        const QString pattern = u'%' + escaped + u'%';
        q.addBindValue(pattern);
        q.addBindValue(pattern);
    }
    if (!q.exec())
        return sqlError(u"listing templates"_s, q.lastError());
    return templatesFromQuery(q);
}

Result<std::optional<PromptTemplate>> EngineStore::templateById(const QString& ownerId, const QString& id)
{
    QSqlQuery q(database());
    q.prepare(
        u"SELECT document FROM templates WHERE owner_id = ? AND id = ? ORDER BY version DESC LIMIT 1"_s);
    q.addBindValue(ownerId);
    q.addBindValue(id);
    if (!q.exec())
        return sqlError(u"reading a template"_s, q.lastError());
    auto list = templatesFromQuery(q);
    if (!list)
        return list.error();
    if (list->isEmpty())
        return std::optional<PromptTemplate>();
    return std::optional<PromptTemplate>(list->first());
}

Result<QList<PromptTemplate>> EngineStore::templateVersions(const QString& ownerId, const QString& id)
{
    QSqlQuery q(database());
    q.prepare(u"SELECT document FROM templates WHERE owner_id = ? AND id = ? ORDER BY version"_s);
    q.addBindValue(ownerId);
    q.addBindValue(id);
    if (!q.exec())
        return sqlError(u"reading template versions"_s, q.lastError());
    return templatesFromQuery(q);
}

} // namespace pc
