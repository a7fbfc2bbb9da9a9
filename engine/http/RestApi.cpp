#include "RestApi.h"

#include "SignInThrottle.h"
#include "TemplateFormat.h"
#include "auth/JwtSigner.h"
#include "auth/JwtVerifier.h"
#include "auth/PasswordHasher.h"
#include "auth/UserAccounts.h"
#include "core/Clock.h"
#include "core/Logging.h"
#include "core/Redact.h"
#include "server/Engine.h"
#include "storage/EngineStore.h"
#include "storage/RefreshTokenStore.h"

#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QHttpServerResponse>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QPointer>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QThread>
#include <QUrl>
#include <QUrlQuery>

namespace pc {

using namespace Qt::Literals::StringLiterals;

namespace {

using Status = QHttpServerResponder::StatusCode;

constexpr qint64 PurgeIntervalMs = 60 * 60 * 1000;
constexpr qsizetype MaxUsernameChars = 150;

// Costs what checking a real user's password costs, so that a sign-in for a name that does not exist
// answers no sooner than one for a name that does (the salt and hash are arbitrary).
QString dummyHash()
{
    return u"%1$%2$%3$%4"_s.arg(PasswordHasher::Algorithm, QString::number(PasswordHasher::DefaultIterations),
                                u"AAAAAAAAAAAAAAAAAAAAAA"_s,
                                QString::fromLatin1(QByteArray(32, '\0').toBase64()));
}

const QString kNoActiveAccount = u"No active account found with the given credentials"_s;
const QString kTokenNotValid = u"Token is invalid or expired"_s;

QHostAddress normalized(const QHostAddress& address)
{
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    return isV4 ? QHostAddress(v4) : address;
}

bool isJsonContentType(const QByteArray& value)
{
    const QByteArray type = value.split(';').first().trimmed().toLower();
    return type == "application/json" || (type.startsWith("application/") && type.endsWith("+json"));
}

QString methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return u"GET"_s;
    case QHttpServerRequest::Method::Put:
        return u"PUT"_s;
    case QHttpServerRequest::Method::Delete:
        return u"DELETE"_s;
    case QHttpServerRequest::Method::Post:
        return u"POST"_s;
    case QHttpServerRequest::Method::Head:
        return u"HEAD"_s;
    case QHttpServerRequest::Method::Options:
        return u"OPTIONS"_s;
    case QHttpServerRequest::Method::Patch:
        return u"PATCH"_s;
    case QHttpServerRequest::Method::Connect:
        return u"CONNECT"_s;
    case QHttpServerRequest::Method::Trace:
        return u"TRACE"_s;
    default:
        return u"?"_s;
    }
}

// DRF's field validation: each named field must be a non-blank string of at most `maxChars`.
// Problems go into `errors` as {"field": ["message"]}.
QString stringField(const QJsonObject& body, const QString& name, qsizetype maxChars, QJsonObject& errors)
{
    const QJsonValue value = body.value(name);
    QString problem;
    if (value.isUndefined() || value.isNull())
        problem = u"This field is required."_s;
    else if (!value.isString())
        problem = u"Not a valid string."_s;
    else if (value.toString().trimmed().isEmpty())
        problem = u"This field may not be blank."_s;
    else if (value.toString().size() > maxChars)
        problem = u"Ensure this field has no more than %1 characters."_s.arg(maxChars);
    if (problem.isEmpty())
        return value.toString();
    errors.insert(name, QJsonArray{problem});
    return {};
}

} // namespace

RestApi::RestApi(Engine& engine, QObject* parent)
    : QObject(parent)
    , m_engine(engine)
    , m_cors(engine.config().allowedOrigins)
    , m_accounts(std::make_unique<UserAccounts>(engine.sharedStore(), engine.clock()))
    , m_userThrottle(std::make_unique<SignInThrottle>(engine.config().signInFailuresPerUser,
                                                      qint64(engine.config().signInWindowSecs) * 1000,
                                                      engine.clock()))
    , m_addressThrottle(std::make_unique<SignInThrottle>(engine.config().signInFailuresPerAddress,
                                                         qint64(engine.config().signInWindowSecs) * 1000,
                                                         engine.clock()))
{
    // PBKDF2 is all CPU: more threads than cores would only make every sign-in slower.
    m_passwordPool.setMaxThreadCount(std::max(1, std::min(4, QThread::idealThreadCount())));
}

RestApi::~RestApi()
{
    // Password checks post their result to this object; none may still be running when it is gone.
    m_passwordPool.waitForDone();
}

void RestApi::install(QHttpServer& server)
{
    // One catch-all route: statuses (404 vs 405, preflights, origins) are decided here, uniformly.
    server.route(u"/api/<arg>"_s,
                 [this](const QUrl&, const QHttpServerRequest& request, QHttpServerResponder&& responder) {
                     handle(request, std::move(responder));
                 });
}

std::optional<RestApi::Route> RestApi::match(const QString& path)
{
    static const QRegularExpression templatePath(u"^templates/([A-Za-z0-9_-]{1,128})$"_s);
    if (!path.startsWith(u"/api/"))
        return std::nullopt;
    QString rest = path.mid(5);
    // Django's URLs end with a slash; clients that leave it out are served too.
    if (rest.endsWith(u'/'))
        rest.chop(1);
    if (rest == u"auth/token")
        return Route{Endpoint::TokenObtain, {}};
    if (rest == u"auth/token/refresh")
        return Route{Endpoint::TokenRefresh, {}};
    if (rest == u"auth/token/verify")
        return Route{Endpoint::TokenVerify, {}};
    if (rest == u"auth/token/revoke")
        return Route{Endpoint::TokenRevoke, {}};
    if (rest == u"templates")
        return Route{Endpoint::TemplateList, {}};
    if (const auto m = templatePath.match(rest); m.hasMatch())
        return Route{Endpoint::TemplateDetail, m.captured(1)};
    return std::nullopt;
}

void RestApi::send(QHttpServerResponder& responder, const Call& call, int status, const QJsonObject& body,
                   const Headers& extra)
{
    const QByteArray json = status == int(Status::NoContent) || call.head
                                ? QByteArray()
                                : QJsonDocument(body).toJson(QJsonDocument::Compact);
    QHttpServerResponse response(QByteArrayLiteral("application/json"), json, Status(status));
    // Token responses must never be cached (RFC 6749 5.1); nothing else here is worth caching either.
    response.addHeader(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store"));
    if (!call.corsOrigin.isEmpty())
        response.addHeaders(CorsPolicy::responseHeaders(call.corsOrigin));
    response.addHeaders(extra);
    response.write(std::move(responder));
}

void RestApi::sendError(QHttpServerResponder& responder, const Call& call, int status, const QString& code,
                        const QString& detail, const Headers& extra)
{
    send(responder, call, status, QJsonObject{{u"detail"_s, detail}, {u"code"_s, code}}, extra);
}

void RestApi::handle(const QHttpServerRequest& request, QHttpServerResponder&& responder)
{
    Call call;
    call.peer = normalized(request.remoteAddress());
    call.head = request.method() == QHttpServerRequest::Method::Head;
    const QByteArray origin = request.value(QByteArrayLiteral("Origin"));
    if (!origin.isEmpty()) {
        if (!m_cors.allows(origin)) {
            qCInfo(lcEngine).noquote()
                << "refused an API request from origin" << redact(QString::fromUtf8(origin.left(200)));
            sendError(responder, call, int(Status::Forbidden), u"origin_not_allowed"_s,
                      u"Requests from this origin are not allowed."_s);
            return;
        }
        call.corsOrigin = origin;
    }

    const auto route = match(request.url().path());
    if (!route) {
        sendError(responder, call, int(Status::NotFound), u"not_found"_s, u"Not found."_s);
        return;
    }
    const bool isRead =
        route->endpoint == Endpoint::TemplateList || route->endpoint == Endpoint::TemplateDetail;
    const QHttpServerRequest::Method expected =
        isRead ? QHttpServerRequest::Method::Get : QHttpServerRequest::Method::Post;
    const QByteArray allow = isRead ? QByteArrayLiteral("GET, OPTIONS") : QByteArrayLiteral("POST, OPTIONS");

    if (request.method() == QHttpServerRequest::Method::Options) {
        const QByteArray wanted = request.value(QByteArrayLiteral("Access-Control-Request-Method")).trimmed();
        if (origin.isEmpty() || wanted.isEmpty()) {
            send(responder, call, int(Status::NoContent), {}, {{QByteArrayLiteral("Allow"), allow}});
            return;
        }
        if (wanted.toUpper() != methodName(expected).toLatin1()) {
            sendError(responder, call, int(Status::MethodNotAllowed), u"method_not_allowed"_s,
                      u"Method \"%1\" not allowed."_s.arg(QString::fromLatin1(wanted.left(20))),
                      {{QByteArrayLiteral("Allow"), allow}});
            return;
        }
        call.corsOrigin.clear(); // the preflight headers carry it
        send(responder, call, int(Status::NoContent), {}, CorsPolicy::preflightHeaders(origin, allow));
        return;
    }
    if (request.method() != expected) {
        sendError(responder, call, int(Status::MethodNotAllowed), u"method_not_allowed"_s,
                  u"Method \"%1\" not allowed."_s.arg(methodName(request.method())),
                  {{QByteArrayLiteral("Allow"), allow}});
        return;
    }
    // EngineListener refuses a body announced as too large before it arrives; this catches the rest.
    if (request.body().size() > m_engine.config().maxRequestBodyBytes) {
        sendError(responder, call, int(Status::PayloadTooLarge), u"payload_too_large"_s,
                  u"The request body is larger than %1 bytes."_s.arg(m_engine.config().maxRequestBodyBytes));
        return;
    }

    switch (route->endpoint) {
    case Endpoint::TemplateList:
        listTemplates(call, request, std::move(responder));
        return;
    case Endpoint::TemplateDetail:
        templateDetail(call, route->templateId, request, std::move(responder));
        return;
    default:
        break;
    }
    const auto body = jsonBody(call, request, responder);
    if (!body)
        return;
    switch (route->endpoint) {
    case Endpoint::TokenObtain:
        obtainToken(call, *body, std::move(responder));
        return;
    case Endpoint::TokenRefresh:
        refreshToken(call, *body, std::move(responder));
        return;
    case Endpoint::TokenVerify:
        verifyToken(call, *body, std::move(responder));
        return;
    case Endpoint::TokenRevoke:
        revokeToken(call, *body, std::move(responder));
        return;
    default:
        return;
    }
}

std::optional<QJsonObject> RestApi::jsonBody(const Call& call, const QHttpServerRequest& request,
                                             QHttpServerResponder& responder)
{
    const QByteArray body = request.body();
    if (body.trimmed().isEmpty())
        return QJsonObject{}; // the fields are then reported missing, as DRF does
    const QByteArray contentType = request.value(QByteArrayLiteral("Content-Type"));
    if (!isJsonContentType(contentType)) {
        sendError(responder, call, int(Status::UnsupportedMediaType), u"unsupported_media_type"_s,
                  u"Unsupported media type \"%1\" in request; send application/json."_s.arg(
                      QString::fromLatin1(contentType.left(100))));
        return std::nullopt;
    }
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError) {
        sendError(responder, call, int(Status::BadRequest), u"parse_error"_s,
                  u"JSON parse error - %1 at offset %2"_s.arg(error.errorString()).arg(error.offset));
        return std::nullopt;
    }
    if (!document.isObject()) {
        sendError(responder, call, int(Status::BadRequest), u"invalid"_s,
                  u"Invalid data. Expected a dictionary, but got %1."_s.arg(
                      document.isArray() ? u"list"_s : u"a value"_s));
        return std::nullopt;
    }
    return document.object();
}

bool RestApi::requireSecret(const Call& call, QHttpServerResponder& responder)
{
    if (!m_engine.config().jwtSecret.isEmpty())
        return true;
    sendError(responder, call, int(Status::ServiceUnavailable), u"unavailable"_s,
              u"Signing in is not available: this engine has no signing secret."_s);
    return false;
}

namespace {
// 400 with DRF's per-field messages, plus `detail` and `code` like every other error here.
QJsonObject fieldErrors(const QJsonObject& errors)
{
    QStringList parts;
    for (auto it = errors.begin(); it != errors.end(); ++it)
        parts.append(it.key() + u": "_s + it.value().toArray().first().toString());
    QJsonObject body = errors;
    body.insert(u"detail"_s, QString(u"Invalid request: "_s + parts.join(u' ')));
    body.insert(u"code"_s, u"invalid"_s);
    return body;
}
} // namespace

void RestApi::obtainToken(const Call& call, const QJsonObject& body, QHttpServerResponder&& responder)
{
    QJsonObject errors;
    const QString username = stringField(body, u"username"_s, MaxUsernameChars, errors);
    const QString password = stringField(body, u"password"_s, PasswordHasher::MaxPasswordChars, errors);
    if (!errors.isEmpty()) {
        send(responder, call, int(Status::BadRequest), fieldErrors(errors));
        return;
    }
    if (!requireSecret(call, responder))
        return;

    const QString userKey = u"user:"_s + username;
    const QString addressKey = u"address:"_s + call.peer.toString();
    const int wait =
        std::max(m_userThrottle->retryAfterSecs(userKey), m_addressThrottle->retryAfterSecs(addressKey));
    if (wait > 0) {
        sendError(responder, call, int(Status::TooManyRequests), u"throttled"_s,
                  u"Too many failed sign-ins. Expected available in %1 seconds."_s.arg(wait),
                  {{QByteArrayLiteral("Retry-After"), QByteArray::number(wait)}});
        return;
    }
    if (m_signInsInFlight >= MaxSignInsInFlight) {
        sendError(responder, call, int(Status::ServiceUnavailable), u"busy"_s,
                  u"Too many sign-ins in progress; try again in a moment."_s,
                  {{QByteArrayLiteral("Retry-After"), QByteArrayLiteral("1")}});
        return;
    }
    const auto user = m_accounts->find(username);
    if (!user) {
        sendError(responder, call, int(Status::InternalServerError), u"internal_error"_s,
                  u"The account could not be read."_s);
        return;
    }
    QString userId;
    QString encoded = dummyHash();
    if (user->has_value() && !(*user)->passwordHash.isEmpty()) {
        userId = (*user)->id;
        encoded = (*user)->passwordHash;
    }

    ++m_signInsInFlight;
    auto held = std::make_shared<QHttpServerResponder>(std::move(responder));
    QPointer<QTcpSocket> socket(held->socket());
    m_passwordPool.start([this, call, username, password, userId, encoded, held, socket] {
        const auto checked = PasswordHasher::verify(password, encoded);
        if (!checked)
            qCWarning(lcAuth).noquote()
                << "the stored password hash of a user is unusable:" << checked.error().message;
        const bool matched = checked.ok() && checked.value() && !userId.isEmpty();
        // Back to the engine's thread, which owns the socket and the storage connection.
        QMetaObject::invokeMethod(
            this,
            [this, call, username, userId, matched, held, socket] {
                --m_signInsInFlight;
                const bool connected = socket && socket->state() == QAbstractSocket::ConnectedState;
                finishSignIn(call, username, userId, matched, *held, connected);
            },
            Qt::QueuedConnection);
    });
}

void RestApi::finishSignIn(const Call& call, const QString& username, const QString& userId,
                           bool passwordMatched, QHttpServerResponder& responder, bool connected)
{
    const QString userKey = u"user:"_s + username;
    const QString addressKey = u"address:"_s + call.peer.toString();
    const QString shownName =
        UserAccounts::validateUsername(username).ok() ? username : u"(not a valid user name)"_s;
    if (!passwordMatched) {
        m_userThrottle->recordFailure(userKey);
        m_addressThrottle->recordFailure(addressKey);
        qCInfo(lcAuth).noquote() << "failed sign-in for" << shownName << "from" << call.peer.toString();
        if (connected)
            sendError(responder, call, int(Status::Unauthorized), u"no_active_account"_s, kNoActiveAccount);
        return;
    }
    m_userThrottle->clear(userKey);
    if (!connected)
        return; // nobody to hand tokens to: none are made

    const EngineConfig& config = m_engine.config();
    const qint64 now = m_engine.clock().nowSecs();
    if (m_engine.clock().nowMs() - m_lastPurgeMs > PurgeIntervalMs) {
        m_lastPurgeMs = m_engine.clock().nowMs();
        (void)m_accounts->refreshTokens().purgeExpired(now);
    }
    RefreshTokenRecord record{JwtSigner::newTokenId(), userId, now, now + config.refreshTokenTtlSecs,
                              std::nullopt};
    if (auto stored = m_accounts->refreshTokens().add(record); !stored) {
        sendError(responder, call, int(Status::InternalServerError), u"internal_error"_s,
                  u"The sign-in could not be recorded."_s);
        return;
    }
    qCInfo(lcAuth).noquote() << "signed in" << shownName << "from" << call.peer.toString();
    const QByteArray refresh =
        JwtSigner::mintRefreshToken(config.jwtSecret, userId, record.jti, now, config.refreshTokenTtlSecs);
    const QByteArray access =
        JwtSigner::mintAccessToken(config.jwtSecret, userId, now, config.accessTokenTtlSecs);
    send(responder, call, int(Status::Ok),
         QJsonObject{{u"refresh"_s, QString::fromLatin1(refresh)},
                     {u"access"_s, QString::fromLatin1(access)}});
}

std::optional<QString> RestApi::tokenField(const Call& call, const QJsonObject& body, const QString& name,
                                           QHttpServerResponder& responder)
{
    QJsonObject errors;
    QString token = stringField(body, name, JwtVerifier::MaxTokenBytes, errors);
    if (!errors.isEmpty()) {
        send(responder, call, int(Status::BadRequest), fieldErrors(errors));
        return std::nullopt;
    }
    if (!requireSecret(call, responder))
        return std::nullopt;
    return token;
}

bool RestApi::isLiveRefresh(const JwtClaims& claims) const
{
    // A refresh token is honoured only while the engine still knows it: stored, not revoked, the same user.
    const auto record = m_accounts->refreshTokens().find(claims.jti);
    return record && record->has_value() && !(*record)->revokedAtSecs && (*record)->userId == claims.userId &&
           (*record)->expiresAtSecs + m_engine.verifier().leewaySecs() > m_engine.clock().nowSecs();
}

void RestApi::refreshToken(const Call& call, const QJsonObject& body, QHttpServerResponder&& responder)
{
    const std::optional<QString> token = tokenField(call, body, u"refresh"_s, responder);
    if (!token)
        return;
    const auto claims = m_engine.verifier().verify(token->toUtf8(), JwtVerifier::Kind::Refresh);
    if (!claims) {
        sendError(responder, call, int(Status::Unauthorized), u"token_not_valid"_s, kTokenNotValid);
        return;
    }
    const qint64 now = m_engine.clock().nowSecs();
    if (!isLiveRefresh(*claims)) {
        qCInfo(lcAuth) << "refused a refresh token that is unknown, revoked or expired";
        sendError(responder, call, int(Status::Unauthorized), u"token_not_valid"_s, kTokenNotValid);
        return;
    }
    const QByteArray access = JwtSigner::mintAccessToken(m_engine.config().jwtSecret, claims->userId, now,
                                                         m_engine.config().accessTokenTtlSecs);
    send(responder, call, int(Status::Ok), QJsonObject{{u"access"_s, QString::fromLatin1(access)}});
}

void RestApi::verifyToken(const Call& call, const QJsonObject& body, QHttpServerResponder&& responder)
{
    const std::optional<QString> token = tokenField(call, body, u"token"_s, responder);
    if (!token)
        return;
    // simplejwt's verify view accepts either kind; a refresh token must also still be honoured.
    bool valid = m_engine.verifier().verify(token->toUtf8(), JwtVerifier::Kind::Access).ok();
    if (!valid) {
        const auto refresh = m_engine.verifier().verify(token->toUtf8(), JwtVerifier::Kind::Refresh);
        valid = refresh && isLiveRefresh(*refresh);
    }
    if (!valid) {
        sendError(responder, call, int(Status::Unauthorized), u"token_not_valid"_s, kTokenNotValid);
        return;
    }
    send(responder, call, int(Status::Ok), QJsonObject{});
}

void RestApi::revokeToken(const Call& call, const QJsonObject& body, QHttpServerResponder&& responder)
{
    const std::optional<QString> token = tokenField(call, body, u"refresh"_s, responder);
    if (!token)
        return;
    // Holding the refresh token is the credential (simplejwt's blacklist view works the same way).
    const auto claims = m_engine.verifier().verify(token->toUtf8(), JwtVerifier::Kind::Refresh);
    if (!claims) {
        sendError(responder, call, int(Status::Unauthorized), u"token_not_valid"_s, kTokenNotValid);
        return;
    }
    const auto revoked = m_accounts->refreshTokens().revoke(claims->jti, m_engine.clock().nowSecs());
    if (!revoked) {
        sendError(responder, call, int(Status::InternalServerError), u"internal_error"_s,
                  u"The token could not be revoked."_s);
        return;
    }
    if (!revoked.value()) {
        sendError(responder, call, int(Status::Unauthorized), u"token_not_valid"_s,
                  u"Token is already revoked or unknown"_s);
        return;
    }
    qCInfo(lcAuth) << "revoked a refresh token on request";
    send(responder, call, int(Status::Ok), QJsonObject{});
}

std::optional<QString> RestApi::bearerUser(const Call& call, const QHttpServerRequest& request,
                                           QHttpServerResponder& responder)
{
    const QByteArray authorization = request.value(QByteArrayLiteral("Authorization")).trimmed();
    const Headers challenge{
        {QByteArrayLiteral("WWW-Authenticate"), QByteArrayLiteral("Bearer realm=\"api\"")}};
    if (authorization.isEmpty()) {
        sendError(responder, call, int(Status::Unauthorized), u"not_authenticated"_s,
                  u"Authentication credentials were not provided."_s, challenge);
        return std::nullopt;
    }
    if (!authorization.startsWith("Bearer ") && !authorization.startsWith("bearer ")) {
        sendError(responder, call, int(Status::Unauthorized), u"authentication_failed"_s,
                  u"Authorization header must contain two space-delimited values: Bearer <token>"_s,
                  challenge);
        return std::nullopt;
    }
    const auto claims = m_engine.verifier().verify(authorization.mid(7).trimmed(), JwtVerifier::Kind::Access);
    if (!claims) {
        sendError(responder, call, int(Status::Unauthorized), u"token_not_valid"_s,
                  u"Given token not valid for any token type"_s, challenge);
        return std::nullopt;
    }
    return claims->userId;
}

void RestApi::listTemplates(const Call& call, const QHttpServerRequest& request,
                            QHttpServerResponder&& responder)
{
    const auto userId = bearerUser(call, request, responder);
    if (!userId)
        return;
    const QUrlQuery query = request.query();
    QString text = query.queryItemValue(u"q"_s, QUrl::FullyDecoded);
    if (text.isEmpty())
        text = query.queryItemValue(u"search"_s, QUrl::FullyDecoded);
    const auto templates = m_engine.store().templates(
        *userId, query.queryItemValue(u"category"_s, QUrl::FullyDecoded).left(200), text.left(200));
    if (!templates) {
        sendError(responder, call, int(Status::InternalServerError), u"internal_error"_s,
                  u"The templates could not be read."_s);
        return;
    }
    QJsonArray results;
    for (const PromptTemplate& t : templates.value())
        results.append(TemplateFormat::toJson(t));
    send(responder, call, int(Status::Ok),
         QJsonObject{{u"count"_s, results.size()}, {u"results"_s, results}});
}

void RestApi::templateDetail(const Call& call, const QString& id, const QHttpServerRequest& request,
                             QHttpServerResponder&& responder)
{
    const auto userId = bearerUser(call, request, responder);
    if (!userId)
        return;
    const auto found = m_engine.store().templateById(*userId, id);
    if (!found) {
        sendError(responder, call, int(Status::InternalServerError), u"internal_error"_s,
                  u"The template could not be read."_s);
        return;
    }
    // Another user's template is as absent as one that never existed.
    if (!found->has_value()) {
        sendError(responder, call, int(Status::NotFound), u"not_found"_s, u"Not found."_s);
        return;
    }
    send(responder, call, int(Status::Ok), TemplateFormat::toJson(**found));
}

} // namespace pc
