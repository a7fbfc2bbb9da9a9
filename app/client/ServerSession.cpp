#include "client/ServerSession.h"

#include "client/SignInClient.h"
#include "core/Logging.h"
#include "core/Redact.h"
#include "secrets/SecretKeys.h"
#include "secrets/TokenStore.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace pc {

namespace {

// QTimer takes an int; a token valid for longer is looked at again after this long.
constexpr qint64 MaxTimerMs = 24LL * 3600 * 1000;
// However short a token's life, renewals are at least this far apart.
constexpr qint64 MinRefreshDelayMs = 1'000;

} // namespace

ServerSession::ServerSession(TokenStore* tokens, QObject* parent)
    : QObject(parent)
    , m_signIn(new SignInClient(tokens, this))
    , m_tokens(tokens)
    , m_nowSecs([] { return QDateTime::currentSecsSinceEpoch(); })
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &ServerSession::refresh);
    connect(m_signIn, &SignInClient::refreshFinished, this, &ServerSession::onRefreshed);
    connect(
        m_tokens, &TokenStore::readFinished, this,
        [this](quint64 id, const QString&, TokenStore::Status status, const QString& value, const QString&) {
            if (id != m_readId || m_readId == 0)
                return;
            m_readId = 0;
            const QString token = status == TokenStore::Status::Ok ? value : QString();
            const std::optional<qint64> exp = expiresAt(token);
            if (!token.isEmpty() && exp && *exp - RefreshMarginSecs <= m_nowSecs()) {
                // Stale already: connect with a fresh one rather than be refused first.
                m_token = token;
                refresh();
                return;
            }
            useToken(token, false);
        });
}

ServerSession::~ServerSession() = default;

std::optional<qint64> ServerSession::expiresAt(const QString& token)
{
    return numericClaim(token, u"exp"_s);
}

std::optional<qint64> ServerSession::issuedAt(const QString& token)
{
    return numericClaim(token, u"iat"_s);
}

std::optional<qint64> ServerSession::numericClaim(const QString& token, const QString& name)
{
    const QStringList parts = token.split(u'.');
    if (parts.size() != 3)
        return std::nullopt;
    const auto payload = QByteArray::fromBase64Encoding(
        parts.at(1).toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals |
                                    QByteArray::AbortOnBase64DecodingErrors);
    if (!payload)
        return std::nullopt;
    const QJsonValue value = QJsonDocument::fromJson(*payload).object().value(name);
    if (!value.isDouble())
        return std::nullopt;
    return qint64(value.toDouble());
}

void ServerSession::open(const QUrl& server)
{
    close();
    m_server = server;
    const QString key = secretkeys::serverAccessToken(server);
    if (key.isEmpty()) {
        useToken({}, false);
        return;
    }
    m_readId = m_tokens->read(key);
}

void ServerSession::close()
{
    m_timer.stop();
    m_server.clear();
    m_token.clear();
    m_readId = 0;
    m_refreshing = false;
    m_announced = false;
    m_refusalsSinceConnected = 0;
    m_retryMs = FirstRetryMs;
}

void ServerSession::tokenRefused()
{
    if (m_server.isEmpty())
        return;
    if (++m_refusalsSinceConnected > 1) {
        // A fresh token was refused too: refreshing again would only loop.
        m_timer.stop();
        Q_EMIT signInRequired(m_server, tr("The server refused the renewed sign-in."));
        return;
    }
    refresh();
}

void ServerSession::connected()
{
    m_refusalsSinceConnected = 0;
}

void ServerSession::refresh()
{
    if (m_server.isEmpty() || m_refreshing)
        return;
    m_timer.stop();
    m_refreshing = true;
    qCInfo(lcClient).noquote() << "renewing the sign-in to" << redactUrl(m_server);
    m_signIn->refresh(m_server);
}

void ServerSession::onRefreshed(const SignInResult& result)
{
    if (!m_refreshing || result.serverUrl != m_server)
        return;
    m_refreshing = false;
    using Outcome = SignInResult::Outcome;
    if (result.ok()) {
        m_retryMs = FirstRetryMs;
        useToken(result.accessToken, true);
        return;
    }
    const bool final = result.outcome == Outcome::BadCredentials || result.outcome == Outcome::NotSignedIn ||
                       result.outcome == Outcome::InvalidServerUrl;
    qCInfo(lcClient).noquote() << "renewing the sign-in to" << redactUrl(m_server)
                               << "failed:" << QVariant::fromValue(result.outcome).toString();
    if (!m_announced) {
        // The window waits for a token to connect with: the stale one, and the server decides.
        m_announced = true;
        Q_EMIT accessTokenChanged(m_server, m_token);
    }
    if (final) {
        Q_EMIT signInRequired(m_server, result.message);
        return;
    }
    // Network, server or keychain trouble: keep the token and try again later.
    m_timer.start(m_retryMs);
    m_retryMs = std::min(m_retryMs * 2, MaxRetryMs);
}

void ServerSession::useToken(const QString& token, bool fresh)
{
    m_token = token;
    m_announced = true;
    scheduleRefresh(fresh);
    Q_EMIT accessTokenChanged(m_server, token);
}

void ServerSession::scheduleRefresh(bool fresh)
{
    m_timer.stop();
    const std::optional<qint64> exp = expiresAt(m_token);
    if (!exp)
        return; // no token, or one without an expiry: nothing to renew ahead of time
    // A token just issued is timed by its own lifetime (exp - iat), which no clock skew between here
    // and the server distorts; a stored one by the local clock.
    const std::optional<qint64> iat = fresh ? issuedAt(m_token) : std::nullopt;
    const qint64 remaining = iat ? *exp - *iat : *exp - m_nowSecs();
    // Short-lived tokens are renewed half-way through their life.
    const qint64 dueSecs = remaining > 2 * RefreshMarginSecs ? remaining - RefreshMarginSecs : remaining / 2;
    m_timer.start(int(std::clamp<qint64>(dueSecs * 1000, MinRefreshDelayMs, MaxTimerMs)));
}

} // namespace pc
