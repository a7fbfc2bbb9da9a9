#pragma once

#include "auth/PasswordHasher.h"
#include "protocol/Result.h"
#include "storage/EngineStore.h"

#include <QList>
#include <QString>

#include <memory>
#include <optional>

namespace pc {

class Clock;
class RefreshTokenStore;

struct UserSummary {
    QString username;
    qint64 createdAtMs = 0;
    bool hasPassword = false;
    int activeRefreshTokens = 0;
};

// Named accounts that can sign in through the REST API (`promptcraft-engine user ...`). Passwords are kept
// only as PasswordHasher hashes. Users that only ever appeared in tokens (no name) are not listed here.
class UserAccounts {
public:
    static constexpr qsizetype MaxUsernameChars = 150; // Django's limit
    static constexpr qsizetype MinPasswordChars = 8;

    UserAccounts(std::shared_ptr<EngineStore> store, const Clock& clock);
    ~UserAccounts();

    // Django's username rule: letters, digits and @ . + - _, at most 150.
    [[nodiscard]] static Result<void> validateUsername(const QString& username);
    [[nodiscard]] static Result<void> validatePassword(const QString& password);

    [[nodiscard]] Result<UserRecord> add(const QString& username, const QString& password,
                                         int iterations = PasswordHasher::DefaultIterations);
    // Sets a new password and revokes the user's refresh tokens (signed-in devices must sign in again).
    [[nodiscard]] Result<void> setPassword(const QString& username, const QString& password,
                                           int iterations = PasswordHasher::DefaultIterations);
    // Removes the user with everything they own (sessions, messages, templates, refresh tokens).
    // ErrorCode::NotFound when there is no such user.
    [[nodiscard]] Result<void> remove(const QString& username);
    [[nodiscard]] Result<QList<UserSummary>> list();
    // Revokes every refresh token of the user; returns how many were active.
    [[nodiscard]] Result<int> revokeTokens(const QString& username);

    [[nodiscard]] Result<std::optional<UserRecord>> find(const QString& username);
    [[nodiscard]] RefreshTokenStore& refreshTokens() { return *m_refreshTokens; }

private:
    [[nodiscard]] Result<UserRecord> existing(const QString& username);

    std::shared_ptr<EngineStore> m_store;
    std::unique_ptr<RefreshTokenStore> m_refreshTokens;
    const Clock& m_clock;
};

} // namespace pc
