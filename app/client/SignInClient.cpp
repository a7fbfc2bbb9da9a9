#include "client/SignInClient.h"

#include "core/Logging.h"
#include "core/Redact.h"
#include "secrets/SecretKeys.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QSslError>
#include <QTimer>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace pc {

namespace {

constexpr qsizetype MaxServerTextChars = 300;

// The worse of two token store outcomes (Ok only when both are Ok).
TokenStore::Status worse(TokenStore::Status a, TokenStore::Status b)
{
    return a == TokenStore::Status::Ok ? b : a;
}

std::optional<int> parseRetryAfter(const QByteArray& header, const QString& detail)
{
    const QByteArray value = header.trimmed();
    if (!value.isEmpty()) {
        bool ok = false;
        const qlonglong secs = value.toLongLong(&ok);
        if (ok && secs >= 0)
            return int(std::min<qlonglong>(secs, 24 * 3600));
        const QDateTime date = QDateTime::fromString(QString::fromLatin1(value), Qt::RFC2822Date);
        if (date.isValid())
            return int(std::clamp<qint64>(QDateTime::currentDateTimeUtc().secsTo(date), 0, 24 * 3600));
    }
    // simplejwt / DRF throttling: "Request was throttled. Expected available in 5 seconds."
    static const QRegularExpression pattern(u"available in (\\d+) second"_s);
    const QRegularExpressionMatch match = pattern.match(detail);
    if (match.hasMatch())
        return std::min(match.captured(1).toInt(), 24 * 3600);
    return std::nullopt;
}

// What a DRF error body says: {"detail": "..."} or {"field": ["..."]}.
QString serverDetail(const QJsonObject& body)
{
    QString text;
    if (body.value(u"detail"_s).isString()) {
        text = body.value(u"detail"_s).toString();
    } else {
        QStringList parts;
        for (auto it = body.constBegin(); it != body.constEnd(); ++it) {
            const QJsonValue value = it.value();
            if (value.isArray() && !value.toArray().isEmpty() && value.toArray().first().isString())
                parts.append(it.key() + u": "_s + value.toArray().first().toString());
            else if (value.isString())
                parts.append(it.key() + u": "_s + value.toString());
        }
        text = parts.join(u"; "_s);
    }
    return redact(text).left(MaxServerTextChars);
}

bool isNetworkError(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::HostNotFoundError:
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError:
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::BackgroundRequestNotAllowedError:
    case QNetworkReply::UnknownNetworkError:
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::ProxyAuthenticationRequiredError:
    case QNetworkReply::UnknownProxyError:
        return true;
    default:
        return false;
    }
}

} // namespace

SignInClient::SignInClient(TokenStore* tokens, QObject* parent)
    : QObject(parent)
    , m_tokens(tokens)
    , m_network(new QNetworkAccessManager(this))
{
    Q_ASSERT(tokens);
}

SignInClient::~SignInClient() = default;

QUrl SignInClient::httpBaseUrl(const QUrl& serverUrl)
{
    if (!serverUrl.isValid() || serverUrl.host().isEmpty())
        return {};
    const QString scheme = serverUrl.scheme().toLower();
    QUrl base;
    if (scheme == u"ws"_s)
        base.setScheme(u"http"_s);
    else if (scheme == u"wss"_s)
        base.setScheme(u"https"_s);
    else
        return {};
    base.setHost(serverUrl.host());
    base.setPort(serverUrl.port());
    QString path = serverUrl.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    if (path.endsWith(u"/ws/chat"_s))
        path.chop(8);
    else
        path.clear(); // an unusual chat path: the API is at the root
    base.setPath(path + u'/');
    return base;
}

QUrl SignInClient::tokenUrl(const QUrl& serverUrl)
{
    QUrl url = httpBaseUrl(serverUrl);
    if (!url.isEmpty())
        url.setPath(url.path() + u"api/auth/token/"_s);
    return url;
}

QUrl SignInClient::refreshUrl(const QUrl& serverUrl)
{
    QUrl url = httpBaseUrl(serverUrl);
    if (!url.isEmpty())
        url.setPath(url.path() + u"api/auth/token/refresh/"_s);
    return url;
}

QUrl SignInClient::revokeUrl(const QUrl& serverUrl)
{
    QUrl url = httpBaseUrl(serverUrl);
    if (!url.isEmpty())
        url.setPath(url.path() + u"api/auth/token/revoke/"_s);
    return url;
}

void SignInClient::setTimeoutMs(int ms)
{
    m_timeoutMs = ms > 0 ? ms : DefaultTimeoutMs;
}

void SignInClient::setSslConfiguration(const QSslConfiguration& configuration)
{
    m_ssl = std::make_unique<QSslConfiguration>(configuration);
    // Connections (and TLS sessions) cached under the old configuration would keep using it.
    m_network->clearConnectionCache();
}

void SignInClient::finishLater(const std::function<void()>& emitter)
{
    QTimer::singleShot(0, this, emitter);
}

void SignInClient::signIn(const QUrl& serverUrl, const QString& username, const QString& password)
{
    const QUrl endpoint = tokenUrl(serverUrl);
    if (endpoint.isEmpty() || secretkeys::serverAccessToken(serverUrl).isEmpty()) {
        SignInResult result;
        result.outcome = SignInResult::Outcome::InvalidServerUrl;
        result.serverUrl = serverUrl;
        result.message = tr("The server address must be a ws:// or wss:// URL.");
        finishLater([this, result] { Q_EMIT signInFinished(result); });
        return;
    }
    const QByteArray body = QJsonDocument(QJsonObject{{u"username"_s, username}, {u"password"_s, password}})
                                .toJson(QJsonDocument::Compact);
    post(serverUrl, endpoint, body, true, [this](SignInResult result) {
        if (!result.ok()) {
            Q_EMIT signInFinished(result);
            return;
        }
        storeTokens(std::move(result), [this](const SignInResult& stored) { Q_EMIT signInFinished(stored); });
    });
}

void SignInClient::refresh(const QUrl& serverUrl)
{
    const QUrl endpoint = refreshUrl(serverUrl);
    const QString key = secretkeys::serverRefreshToken(serverUrl);
    SignInResult failure;
    failure.serverUrl = serverUrl;
    if (endpoint.isEmpty() || key.isEmpty()) {
        failure.outcome = SignInResult::Outcome::InvalidServerUrl;
        failure.message = tr("The server address must be a ws:// or wss:// URL.");
        finishLater([this, failure] { Q_EMIT refreshFinished(failure); });
        return;
    }
    if (!m_tokens) {
        failure.outcome = SignInResult::Outcome::SecretStoreError;
        failure.message = tr("The secret store is gone.");
        finishLater([this, failure] { Q_EMIT refreshFinished(failure); });
        return;
    }
    auto* context = new QObject(this);
    const quint64 id = m_tokens->read(key);
    connect(m_tokens, &TokenStore::readFinished, context,
            [this, context, id, serverUrl, endpoint, failure](quint64 requestId, const QString&,
                                                              TokenStore::Status status, const QString& value,
                                                              const QString& message) mutable {
                if (requestId != id)
                    return;
                context->deleteLater();
                if (status == TokenStore::Status::NotFound ||
                    (status == TokenStore::Status::Ok && value.isEmpty())) {
                    failure.outcome = SignInResult::Outcome::NotSignedIn;
                    failure.message = tr("You are not signed in to this server.");
                    Q_EMIT refreshFinished(failure);
                    return;
                }
                if (status != TokenStore::Status::Ok) {
                    failure.outcome = SignInResult::Outcome::SecretStoreError;
                    failure.message = message;
                    failure.storage = status;
                    failure.storageMessage = message;
                    Q_EMIT refreshFinished(failure);
                    return;
                }
                const QByteArray body =
                    QJsonDocument(QJsonObject{{u"refresh"_s, value}}).toJson(QJsonDocument::Compact);
                post(serverUrl, endpoint, body, false, [this](SignInResult result) {
                    if (!result.ok()) {
                        Q_EMIT refreshFinished(result);
                        return;
                    }
                    storeTokens(std::move(result),
                                [this](const SignInResult& stored) { Q_EMIT refreshFinished(stored); });
                });
            });
}

void SignInClient::signOut(const QUrl& serverUrl)
{
    const QString accessKey = secretkeys::serverAccessToken(serverUrl);
    const QString refreshKey = secretkeys::serverRefreshToken(serverUrl);
    if (accessKey.isEmpty() || !m_tokens) {
        const QString message = m_tokens ? tr("The server address must be a ws:// or wss:// URL.")
                                         : tr("The secret store is gone.");
        finishLater([this, serverUrl, message] {
            Q_EMIT signedOut(serverUrl, TokenStore::Status::OtherError, message);
        });
        return;
    }
    // The refresh token first, so that the server can forget it; the local copies go in any case.
    auto* context = new QObject(this);
    const quint64 id = m_tokens->read(refreshKey);
    connect(m_tokens, &TokenStore::readFinished, context,
            [this, context, id, serverUrl](quint64 requestId, const QString&, TokenStore::Status status,
                                           const QString& value, const QString&) {
                if (requestId != id)
                    return;
                context->deleteLater();
                if (status != TokenStore::Status::Ok || value.isEmpty()) {
                    removeTokens(serverUrl);
                    return;
                }
                revoke(serverUrl, value, [this, serverUrl] { removeTokens(serverUrl); });
            });
}

void SignInClient::revoke(const QUrl& serverUrl, const QString& refreshToken,
                          const std::function<void()>& done)
{
    QNetworkRequest request = jsonRequest(revokeUrl(serverUrl));
    request.setTransferTimeout(std::min(m_timeoutMs, RevokeTimeoutMs));
    const QByteArray body =
        QJsonDocument(QJsonObject{{u"refresh"_s, refreshToken}}).toJson(QJsonDocument::Compact);
    QNetworkReply* reply = m_network->post(request, body);
    connect(reply, &QNetworkReply::finished, this, [reply, done] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status == 200)
            qCInfo(lcClient).noquote() << "the server revoked the refresh token";
        else if (status == 0)
            qCInfo(lcClient).noquote()
                << "could not ask the server to revoke the refresh token:" << reply->errorString();
        else // 401: already dead; 404: a server without revocation (the token then simply expires)
            qCInfo(lcClient).noquote() << "the server did not revoke the refresh token: HTTP" << status;
        done();
    });
}

void SignInClient::removeTokens(const QUrl& serverUrl)
{
    struct State {
        QList<quint64> ids;
        TokenStore::Status status = TokenStore::Status::Ok;
        QString message;
    };
    if (!m_tokens) {
        Q_EMIT signedOut(serverUrl, TokenStore::Status::OtherError, tr("The secret store is gone."));
        return;
    }
    auto state = std::make_shared<State>();
    auto* context = new QObject(this);
    connect(m_tokens, &TokenStore::removeFinished, context,
            [this, context, state, serverUrl](quint64 requestId, const QString&, TokenStore::Status status,
                                              const QString& message) {
                if (!state->ids.removeOne(requestId))
                    return;
                if (status != TokenStore::Status::Ok && state->status == TokenStore::Status::Ok) {
                    state->status = status;
                    state->message = message;
                }
                if (!state->ids.isEmpty())
                    return;
                context->deleteLater();
                qCInfo(lcClient).noquote() << "signed out of" << redactUrl(serverUrl);
                Q_EMIT signedOut(serverUrl, state->status, state->message);
            });
    state->ids = {m_tokens->remove(secretkeys::serverAccessToken(serverUrl)),
                  m_tokens->remove(secretkeys::serverRefreshToken(serverUrl))};
}

QNetworkRequest SignInClient::jsonRequest(const QUrl& endpoint) const
{
    QNetworkRequest request(endpoint);
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    request.setRawHeader("Accept", "application/json");
    // A password or token is never posted to wherever a redirect points.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(m_timeoutMs);
    if (m_ssl)
        request.setSslConfiguration(*m_ssl);
    return request;
}

void SignInClient::post(const QUrl& serverUrl, const QUrl& endpoint, const QByteArray& body,
                        bool expectRefresh, Completion done)
{
    QNetworkReply* reply = m_network->post(jsonRequest(endpoint), body);
    struct State {
        QStringList tlsErrors;
        bool tooLarge = false;
    };
    auto state = std::make_shared<State>();
    // Reported, never ignored: the handshake then fails and finished() follows.
    connect(reply, &QNetworkReply::sslErrors, this, [state](const QList<QSslError>& errors) {
        for (const QSslError& error : errors)
            state->tlsErrors.append(error.errorString());
    });
    connect(reply, &QNetworkReply::downloadProgress, this, [reply, state](qint64 received, qint64) {
        if (received > MaxResponseBytes && !state->tooLarge) {
            state->tooLarge = true;
            reply->abort();
        }
    });
    connect(reply, &QNetworkReply::finished, this,
            [this, reply, state, serverUrl, expectRefresh, done = std::move(done)] {
                reply->deleteLater();
                SignInResult result =
                    interpret(reply, serverUrl, state->tooLarge, state->tlsErrors, expectRefresh);
                if (!result.ok())
                    qCInfo(lcClient).noquote()
                        << "sign-in request to" << redactUrl(reply->url())
                        << "failed:" << QVariant::fromValue(result.outcome).toString() << result.httpStatus;
                done(std::move(result));
            });
}

SignInResult SignInClient::interpret(QNetworkReply* reply, const QUrl& serverUrl, bool tooLarge,
                                     const QStringList& tlsErrors, bool expectRefresh) const
{
    using Outcome = SignInResult::Outcome;
    SignInResult result;
    result.serverUrl = serverUrl;
    result.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QNetworkReply::NetworkError error = reply->error();

    if (tooLarge) {
        result.outcome = Outcome::ServerError;
        result.message = tr("The server sent an unexpectedly large answer.");
        return result;
    }
    if (!tlsErrors.isEmpty() || error == QNetworkReply::SslHandshakeFailedError) {
        result.outcome = Outcome::Tls;
        result.tlsErrors = tlsErrors;
        const QString details = tlsErrors.isEmpty() ? reply->errorString() : tlsErrors.join(u"; "_s);
        result.message =
            tr("The server's identity could not be verified, so nothing was sent: %1").arg(details);
        return result;
    }
    if (result.httpStatus == 0) {
        result.outcome = isNetworkError(error) ? Outcome::Network : Outcome::ServerError;
        if (error == QNetworkReply::OperationCanceledError || error == QNetworkReply::TimeoutError)
            result.message = tr("The server did not answer in time.");
        else
            result.message = tr("Could not reach the server: %1").arg(reply->errorString());
        return result;
    }

    const QByteArray bytes = reply->readAll();
    const QJsonObject body = QJsonDocument::fromJson(bytes).object();
    const QString detail = serverDetail(body);
    const int status = result.httpStatus;
    if (status == 200) {
        const QJsonValue access = body.value(u"access"_s);
        const QJsonValue refresh = body.value(u"refresh"_s);
        if (!access.isString() || access.toString().isEmpty() ||
            (expectRefresh && (!refresh.isString() || refresh.toString().isEmpty()))) {
            result.outcome = Outcome::ServerError;
            result.message = tr("The server's answer has no token; is this a PromptCraft server?");
            return result;
        }
        result.outcome = Outcome::Ok;
        result.accessToken = access.toString();
        result.refreshToken = refresh.toString();
        return result;
    }
    if (status == 400 || status == 401 || status == 403) {
        result.outcome = Outcome::BadCredentials;
        result.message = detail.isEmpty() ? tr("The user name or password is wrong.")
                                          : tr("The server refused the sign-in: %1").arg(detail);
        return result;
    }
    if (status == 429) {
        result.outcome = Outcome::RateLimited;
        result.retryAfterSecs = parseRetryAfter(reply->rawHeader("Retry-After"), detail);
        result.message = result.retryAfterSecs ? tr("Too many sign-in attempts; try again in %n second(s).",
                                                    nullptr, *result.retryAfterSecs)
                                               : tr("Too many sign-in attempts; try again later.");
        return result;
    }
    result.outcome = Outcome::ServerError;
    if (status >= 300 && status < 400)
        result.message =
            tr("The server redirected the sign-in (HTTP %1); check the server address.").arg(status);
    else
        result.message = detail.isEmpty() ? tr("The server failed (HTTP %1).").arg(status)
                                          : tr("The server failed (HTTP %1): %2").arg(status).arg(detail);
    return result;
}

void SignInClient::storeTokens(SignInResult result, Completion done)
{
    if (!m_tokens) {
        result.storage = TokenStore::Status::OtherError;
        result.storageMessage = tr("The secret store is gone.");
        done(std::move(result));
        return;
    }
    struct State {
        SignInResult result;
        Completion done;
        QList<quint64> ids;
    };
    auto state = std::make_shared<State>(State{std::move(result), std::move(done), {}});
    auto* context = new QObject(this);
    connect(m_tokens, &TokenStore::writeFinished, context,
            [context, state](quint64 requestId, const QString&, TokenStore::Status status,
                             const QString& message) {
                if (!state->ids.removeOne(requestId))
                    return;
                if (status != TokenStore::Status::Ok && state->result.storage == TokenStore::Status::Ok) {
                    state->result.storage = worse(state->result.storage, status);
                    state->result.storageMessage = message;
                }
                if (!state->ids.isEmpty())
                    return;
                context->deleteLater();
                state->done(state->result);
            });
    const QUrl& server = state->result.serverUrl;
    state->ids.append(m_tokens->write(secretkeys::serverAccessToken(server), state->result.accessToken));
    if (!state->result.refreshToken.isEmpty())
        state->ids.append(
            m_tokens->write(secretkeys::serverRefreshToken(server), state->result.refreshToken));
}

} // namespace pc
