#pragma once

#include "PromptTemplate.h"
#include "Result.h"
#include "SessionMessage.h"
#include "SessionRecord.h"

#include <QList>
#include <QMutex>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace pc {

class Clock;

struct UserRecord {
    QString id;
    QString username;
    QString passwordHash;
    qint64 createdAtMs = 0;
};

// The engine's SQLite database (WAL, versioned schema via PRAGMA user_version): users, sessions
// owned by a user, messages, templates. Safe to use from several threads: each thread gets its own
// connection to the same file; SQLite serialises the writers.
class EngineStore {
public:
    ~EngineStore();
    EngineStore(const EngineStore&) = delete;
    EngineStore& operator=(const EngineStore&) = delete;

    [[nodiscard]] static Result<std::shared_ptr<EngineStore>> open(const QString& path, const Clock& clock);
    [[nodiscard]] static int schemaVersion();
    [[nodiscard]] QString path() const { return m_path; }

    // Sessions. Creates the session for `ownerId` (nullopt: anonymous) or checks that it is theirs:
    // ErrorCode::NotFound when the id belongs to somebody else (nothing is revealed about it).
    [[nodiscard]] Result<SessionRecord> openSession(const QString& sessionId,
                                                    const std::optional<QString>& ownerId);
    [[nodiscard]] Result<SessionRecord> session(const QString& sessionId);
    [[nodiscard]] Result<void> setOpportunitiesDismissed(const QString& sessionId, bool dismissed);
    [[nodiscard]] Result<void> addSuggestedFingerprint(const QString& sessionId, const QString& fingerprint);

    // Messages. insertUserMessage returns false when the id was already stored (idempotent resend).
    [[nodiscard]] Result<bool> insertUserMessage(const QString& sessionId, const QString& messageId,
                                                 const QString& content);
    [[nodiscard]] Result<void> insertAnswer(const SessionMessage& answer);
    [[nodiscard]] Result<std::optional<SessionMessage>> message(const QString& sessionId,
                                                                const QString& messageId);
    [[nodiscard]] Result<std::optional<SessionMessage>> answerFor(const QString& sessionId,
                                                                  const QString& userMessageId);
    // Assistant messages stored after the message `afterId` (any role; empty: from the start), in order.
    [[nodiscard]] Result<QList<SessionMessage>> answersAfter(const QString& sessionId, const QString& afterId,
                                                             int limit);
    // The newest messages of a session whose contents add up to at most `charBudget`, oldest first;
    // without their reasoning (context for a model, which never gets reasoning back).
    [[nodiscard]] Result<QList<SessionMessage>> recentMessages(const QString& sessionId, qsizetype charBudget,
                                                               int maxMessages);
    // User messages stored without any answer (the engine stopped before answering).
    [[nodiscard]] Result<QList<SessionMessage>> unansweredUserMessages();

    // Users.
    [[nodiscard]] Result<UserRecord> ensureUser(const QString& userId);
    [[nodiscard]] Result<std::optional<UserRecord>> userByName(const QString& username);
    [[nodiscard]] Result<UserRecord> createUser(const QString& username, const QString& passwordHash);
    [[nodiscard]] Result<void> setPasswordHash(const QString& userId, const QString& passwordHash);
    [[nodiscard]] Result<bool> removeUser(const QString& username);
    [[nodiscard]] Result<QList<UserRecord>> users();

    // Templates, versioned: saving again under the same title (per owner) adds a version.
    [[nodiscard]] Result<PromptTemplate> saveTemplate(const QString& ownerId, PromptTemplate tmpl);
    [[nodiscard]] Result<QList<PromptTemplate>> templates(const QString& ownerId, const QString& category,
                                                          const QString& query);
    [[nodiscard]] Result<std::optional<PromptTemplate>> templateById(const QString& ownerId,
                                                                     const QString& id);
    [[nodiscard]] Result<QList<PromptTemplate>> templateVersions(const QString& ownerId, const QString& id);

    // Generic helpers for features that add their own tables through migrations.
    [[nodiscard]] QSqlDatabase database();

private:
    EngineStore(QString path, const Clock& clock);
    [[nodiscard]] Result<void> migrate();

    QString m_path;
    QString m_connectionPrefix;
    const Clock& m_clock;
    QMutex m_connectionsMutex;
    QStringList m_connectionNames;
};

} // namespace pc
