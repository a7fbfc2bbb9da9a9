#pragma once

#include "protocol/Result.h"

#include <QString>

#include <memory>
#include <optional>

namespace pc {

class EngineStore;

struct RefreshTokenRecord {
    QString jti;
    QString userId;
    qint64 issuedAtSecs = 0;
    qint64 expiresAtSecs = 0;
    std::optional<qint64> revokedAtSecs;
};

// The ids of the refresh tokens the REST API issued (table refresh_tokens, schema 2). A refresh token is
// honoured only while its id is here, unrevoked and unexpired, so revoking is deleting its power; the
// tokens themselves are never stored. Thread-safe as EngineStore is.
class RefreshTokenStore {
public:
    explicit RefreshTokenStore(std::shared_ptr<EngineStore> store);

    [[nodiscard]] Result<void> add(const RefreshTokenRecord& record);
    [[nodiscard]] Result<std::optional<RefreshTokenRecord>> find(const QString& jti);
    // True when the token was active (known and not revoked before).
    [[nodiscard]] Result<bool> revoke(const QString& jti, qint64 nowSecs);
    // Revokes every active token of a user; returns how many.
    [[nodiscard]] Result<int> revokeAll(const QString& userId, qint64 nowSecs);
    [[nodiscard]] Result<int> activeCount(const QString& userId, qint64 nowSecs);
    // Forgets tokens that expired before `nowSecs` (revoked or not); returns how many.
    [[nodiscard]] Result<int> purgeExpired(qint64 nowSecs);

private:
    std::shared_ptr<EngineStore> m_store;
};

} // namespace pc
