#include "UserAccounts.h"

#include "core/Clock.h"
#include "storage/EngineStore.h"
#include "storage/RefreshTokenStore.h"

#include <QRegularExpression>

namespace pc {

using namespace Qt::Literals::StringLiterals;

UserAccounts::UserAccounts(std::shared_ptr<EngineStore> store, const Clock& clock)
    : m_store(std::move(store))
    , m_refreshTokens(std::make_unique<RefreshTokenStore>(m_store))
    , m_clock(clock)
{}

UserAccounts::~UserAccounts() = default;

Result<void> UserAccounts::validateUsername(const QString& username)
{
    static const QRegularExpression pattern(u"^[A-Za-z0-9_.@+-]{1,150}$"_s);
    if (!pattern.match(username).hasMatch())
        return Error{ErrorCode::InvalidMessage,
                     u"a user name is 1 to 150 letters, digits or @ . + - _ (no spaces)"_s};
    return {};
}

Result<void> UserAccounts::validatePassword(const QString& password)
{
    if (password.size() < MinPasswordChars)
        return Error{ErrorCode::InvalidMessage,
                     u"a password needs at least %1 characters"_s.arg(MinPasswordChars)};
    if (password.size() > PasswordHasher::MaxPasswordChars)
        return Error{ErrorCode::InvalidMessage,
                     u"a password can have at most %1 characters"_s.arg(PasswordHasher::MaxPasswordChars)};
    return {};
}

Result<UserRecord> UserAccounts::add(const QString& username, const QString& password, int iterations)
{
    if (auto valid = validateUsername(username); !valid)
        return valid.error();
    if (auto valid = validatePassword(password); !valid)
        return valid.error();
    return m_store->createUser(username, PasswordHasher::hash(password, iterations));
}

Result<UserRecord> UserAccounts::existing(const QString& username)
{
    auto user = m_store->userByName(username);
    if (!user)
        return user.error();
    if (!user->has_value())
        return Error{ErrorCode::NotFound, u"there is no user named '%1'"_s.arg(username)};
    return **user;
}

Result<void> UserAccounts::setPassword(const QString& username, const QString& password, int iterations)
{
    if (auto valid = validatePassword(password); !valid)
        return valid.error();
    auto user = existing(username);
    if (!user)
        return user.error();
    if (auto set = m_store->setPasswordHash(user->id, PasswordHasher::hash(password, iterations)); !set)
        return set.error();
    if (auto revoked = m_refreshTokens->revokeAll(user->id, m_clock.nowSecs()); !revoked)
        return revoked.error();
    return {};
}

Result<void> UserAccounts::remove(const QString& username)
{
    auto removed = m_store->removeUser(username);
    if (!removed)
        return removed.error();
    if (!removed.value())
        return Error{ErrorCode::NotFound, u"there is no user named '%1'"_s.arg(username)};
    return {};
}

Result<QList<UserSummary>> UserAccounts::list()
{
    auto users = m_store->users();
    if (!users)
        return users.error();
    QList<UserSummary> out;
    for (const UserRecord& user : users.value()) {
        auto active = m_refreshTokens->activeCount(user.id, m_clock.nowSecs());
        if (!active)
            return active.error();
        out.append(
            UserSummary{user.username, user.createdAtMs, !user.passwordHash.isEmpty(), active.value()});
    }
    return out;
}

Result<int> UserAccounts::revokeTokens(const QString& username)
{
    auto user = existing(username);
    if (!user)
        return user.error();
    return m_refreshTokens->revokeAll(user->id, m_clock.nowSecs());
}

Result<std::optional<UserRecord>> UserAccounts::find(const QString& username)
{
    return m_store->userByName(username);
}

} // namespace pc
