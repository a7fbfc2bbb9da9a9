#include "RefreshTokenStore.h"

#include "EngineStore.h"
#include "core/Logging.h"

#include <QSqlError>
#include <QSqlQuery>

namespace pc {

using namespace Qt::Literals::StringLiterals;

namespace {

Error sqlError(const QString& what, const QSqlError& error)
{
    qCWarning(lcStorage).noquote() << what << error.text();
    return Error{ErrorCode::InternalError, u"storage error while %1: %2"_s.arg(what, error.databaseText())};
}

} // namespace

RefreshTokenStore::RefreshTokenStore(std::shared_ptr<EngineStore> store)
    : m_store(std::move(store))
{}

Result<void> RefreshTokenStore::add(const RefreshTokenRecord& record)
{
    QSqlQuery q(m_store->database());
    q.prepare(u"INSERT INTO refresh_tokens (jti, user_id, issued_at, expires_at, revoked_at) "
              u"VALUES (?, ?, ?, ?, ?)"_s);
    q.addBindValue(record.jti);
    q.addBindValue(record.userId);
    q.addBindValue(record.issuedAtSecs);
    q.addBindValue(record.expiresAtSecs);
    q.addBindValue(record.revokedAtSecs ? QVariant(*record.revokedAtSecs)
                                        : QVariant(QMetaType(QMetaType::LongLong)));
    if (!q.exec())
        return sqlError(u"storing a refresh token id"_s, q.lastError());
    return {};
}

Result<std::optional<RefreshTokenRecord>> RefreshTokenStore::find(const QString& jti)
{
    QSqlQuery q(m_store->database());
    q.prepare(u"SELECT jti, user_id, issued_at, expires_at, revoked_at FROM refresh_tokens WHERE jti = ?"_s);
    q.addBindValue(jti);
    if (!q.exec())
        return sqlError(u"reading a refresh token id"_s, q.lastError());
    if (!q.next())
        return std::optional<RefreshTokenRecord>();
    RefreshTokenRecord r;
    r.jti = q.value(0).toString();
    r.userId = q.value(1).toString();
    r.issuedAtSecs = q.value(2).toLongLong();
    r.expiresAtSecs = q.value(3).toLongLong();
    if (!q.value(4).isNull())
        r.revokedAtSecs = q.value(4).toLongLong();
    return std::optional<RefreshTokenRecord>(std::move(r));
}

Result<bool> RefreshTokenStore::revoke(const QString& jti, qint64 nowSecs)
{
    QSqlQuery q(m_store->database());
    q.prepare(u"UPDATE refresh_tokens SET revoked_at = ? WHERE jti = ? AND revoked_at IS NULL"_s);
    q.addBindValue(nowSecs);
    q.addBindValue(jti);
    if (!q.exec())
        return sqlError(u"revoking a refresh token"_s, q.lastError());
    return q.numRowsAffected() > 0;
}

Result<int> RefreshTokenStore::revokeAll(const QString& userId, qint64 nowSecs)
{
    QSqlQuery q(m_store->database());
    q.prepare(u"UPDATE refresh_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL "
              u"AND expires_at > ?"_s);
    q.addBindValue(nowSecs);
    q.addBindValue(userId);
    q.addBindValue(nowSecs);
    if (!q.exec())
        return sqlError(u"revoking refresh tokens"_s, q.lastError());
    return q.numRowsAffected();
}

Result<int> RefreshTokenStore::activeCount(const QString& userId, qint64 nowSecs)
{
    QSqlQuery q(m_store->database());
    q.prepare(u"SELECT COUNT(*) FROM refresh_tokens WHERE user_id = ? AND revoked_at IS NULL "
              u"AND expires_at > ?"_s);
    q.addBindValue(userId);
    q.addBindValue(nowSecs);
    if (!q.exec() || !q.next())
        return sqlError(u"counting refresh tokens"_s, q.lastError());
    return q.value(0).toInt();
}

Result<int> RefreshTokenStore::purgeExpired(qint64 nowSecs)
{
    QSqlQuery q(m_store->database());
    q.prepare(u"DELETE FROM refresh_tokens WHERE expires_at <= ?"_s);
    q.addBindValue(nowSecs);
    if (!q.exec())
        return sqlError(u"forgetting expired refresh tokens"_s, q.lastError());
    return q.numRowsAffected();
}

} // namespace pc
