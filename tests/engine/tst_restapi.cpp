// The REST API on the engine's port (engine/http/RestApi): sign-in with refresh and revocation, the
// templates endpoints, every error status, CORS, sign-in throttling, body limits and kept-alive
// connections, and tokens kept out of the logs. A real engine on loopback, raw HTTP.

#include "EngineFixture.h"
#include "HttpProbe.h"
#include "ManualClock.h"
#include "WsProbe.h"
#include "ai/OfflineResponder.h"
#include "auth/JwtSigner.h"
#include "auth/JwtVerifier.h"
#include "auth/UserAccounts.h"
#include "core/Clock.h"
#include "http/RestApi.h"
#include "storage/EngineStore.h"
#include "storage/RefreshTokenStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QMutex>
#include <QTemporaryDir>
#include <QTest>

using namespace pc;
using namespace pc::test;
using namespace Qt::Literals::StringLiterals;

namespace {

const QByteArray kOrigin = "https://app.example.com";
constexpr int FastIterations = 1000;

EngineConfig apiConfig()
{
    EngineConfig config;
    config.allowedOrigins = {QString::fromLatin1(kOrigin)};
    return config;
}

QString addUser(EngineFixture& fixture, const QString& name, const QString& password)
{
    UserAccounts accounts(fixture.engine().sharedStore(), Clock::system());
    const auto user = accounts.add(name, password, FastIterations);
    return user ? user->id : QString();
}

QJsonObject credentials(const QString& user, const QString& password)
{
    return QJsonObject{{u"username"_s, user}, {u"password"_s, password}};
}

struct Tokens {
    QByteArray access;
    QByteArray refresh;
};

Tokens signIn(HttpProbe& http, const QString& user, const QString& password)
{
    const HttpResponse r = http.postJson("/api/auth/token/", credentials(user, password));
    return {r.json().value(u"access").toString().toLatin1(),
            r.json().value(u"refresh").toString().toLatin1()};
}

PromptTemplate makeTemplate(const QString& title, const QString& category)
{
    PromptTemplate t;
    t.title = title;
    t.category = category;
    t.description = u"for tests"_s;
    t.body = u"Write about {{topic}}."_s;
    t.variables.append(TemplateVariable{u"topic"_s, u"Topic"_s, {}, VariableType::Text, true, {}, {}});
    return t;
}

QMutex g_logMutex;
QStringList g_log;
QtMessageHandler g_previousHandler = nullptr;

void captureLog(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    {
        QMutexLocker lock(&g_logMutex);
        g_log.append(QString::fromLatin1(context.category ? context.category : "") + u' ' + message);
    }
    if (g_previousHandler)
        g_previousHandler(type, context, message);
}

} // namespace

class TestRestApi : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void signInReturnsSimplejwtTokens();
    void accessTokenOpensAChatSession();
    void signInFailures_data();
    void signInFailures();
    void badRequests_data();
    void badRequests();
    void trailingSlashIsOptional();
    void oversizedBodyRefusedBeforeItArrives();
    void bodyAtTheLimitIsRead();
    void oversizedBodyOnKeptAliveConnection();
    void oversizedChunkedBody();
    void idleAndUnfinishedConnectionsAreClosed();
    void corsPreflightAllowed();
    void corsPreflightRefused_data();
    void corsPreflightRefused();
    void corsOnActualRequests();
    void corsWithEmptyAllowlist();
    void signInThrottledPerUser();
    void signInThrottledPerAddress();
    void refreshAndRevoke();
    void refreshTokenExpires();
    void tokenKindsAreNotInterchangeable();
    void passwordChangeAndCliRevokeEndRefreshTokens();
    void removedUserCannotRefresh();
    void verifyEndpoint();
    void templatesEndpoints();
    void templatesNeedAValidAccessToken_data();
    void templatesNeedAValidAccessToken();
    void signInWithoutSecretIsUnavailable();
    void tokensAndPasswordsNeverLogged();
};

void TestRestApi::signInReturnsSimplejwtTokens()
{
    EngineFixture fixture(apiConfig());
    QVERIFY(fixture.started());
    const QString aliceId = addUser(fixture, u"alice"_s, u"alice-password"_s);
    QVERIFY(!aliceId.isEmpty());
    HttpProbe http(fixture.engine().port());
    const HttpResponse r = http.postJson("/api/auth/token/", credentials(u"alice"_s, u"alice-password"_s));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("Content-Type"), "application/json");
    QCOMPARE(r.header("Cache-Control"), "no-store");
    const QJsonObject body = r.json();
    QCOMPARE(body.keys(), (QStringList{u"access"_s, u"refresh"_s}));

    const JwtVerifier verifier(EngineFixture::secret());
    const auto access = verifier.verify(body.value(u"access").toString().toLatin1());
    QVERIFY(access.ok());
    QCOMPARE(access->tokenType, u"access"_s);
    QCOMPARE(access->userId, aliceId);
    const qint64 accessTtl = access->exp - *access->iat;
    QCOMPARE(accessTtl, fixture.engine().config().accessTokenTtlSecs);
    const auto refresh =
        verifier.verify(body.value(u"refresh").toString().toLatin1(), JwtVerifier::Kind::Refresh);
    QVERIFY(refresh.ok());
    QCOMPARE(refresh->tokenType, u"refresh"_s);
    QCOMPARE(refresh->userId, aliceId);
    QCOMPARE(refresh->exp - *refresh->iat, fixture.engine().config().refreshTokenTtlSecs);
    QVERIFY(refresh->jti != access->jti);

    // Only the refresh token's id is stored, never the token.
    RefreshTokenStore store(fixture.engine().sharedStore());
    const auto record = store.find(refresh->jti);
    QVERIFY(record.ok() && record->has_value());
    QCOMPARE((*record)->userId, aliceId);
    QVERIFY(!(*record)->revokedAtSecs);
}

void TestRestApi::accessTokenOpensAChatSession()
{
    EngineFixture fixture(apiConfig());
    const QString aliceId = addUser(fixture, u"alice"_s, u"alice-password"_s);
    HttpProbe http(fixture.engine().port());
    const Tokens tokens = signIn(http, u"alice"_s, u"alice-password"_s);
    QVERIFY(!tokens.access.isEmpty());
    WsProbe probe;
    QVERIFY(probe.open(fixture.sessionUrl(u"rest-session"_s), tokens.access));
    const QJsonObject ack = probe.waitFor(u"connection_ack"_s);
    QCOMPARE(ack.value(u"authenticated").toBool(), true);
    QCOMPARE(ack.value(u"user_id").toString(), aliceId);
}

void TestRestApi::signInFailures_data()
{
    QTest::addColumn<QString>("username");
    QTest::addColumn<QString>("password");
    QTest::newRow("wrong password") << u"alice"_s << u"alice-passwort"_s;
    QTest::newRow("unknown user") << u"mallory"_s << u"alice-password"_s;
    QTest::newRow("user name case") << u"Alice"_s << u"alice-password"_s;
    QTest::newRow("user without password") << u"tokenonly"_s << u""_s;
    QTest::newRow("not a user name") << u"alice; DROP TABLE users"_s << u"x"_s;
}

void TestRestApi::signInFailures()
{
    QFETCH(QString, username);
    QFETCH(QString, password);
    EngineFixture fixture(apiConfig());
    addUser(fixture, u"alice"_s, u"alice-password"_s);
    // A user that exists only because a token named it (`promptcraft-engine token`): no password.
    QVERIFY(fixture.engine().store().createUser(u"tokenonly"_s, {}).ok());
    HttpProbe http(fixture.engine().port());
    const HttpResponse r = http.postJson(
        "/api/auth/token/", credentials(username, password.isEmpty() ? u"anything"_s : password));
    QCOMPARE(r.status, 401);
    QCOMPARE(r.json().value(u"detail").toString(), u"No active account found with the given credentials"_s);
    QCOMPARE(r.json().value(u"code").toString(), u"no_active_account"_s);
    QVERIFY(!r.json().contains(u"access"));
}

void TestRestApi::badRequests_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QByteArray>("allow");

    const QByteArray json = "application/json";
    QTest::newRow("malformed JSON") << "POST"_ba
                                    << "/api/auth/token/"_ba << json << R"({"username": "a",)"_ba << 400
                                    << u"parse_error"_s << QByteArray();
    QTest::newRow("not JSON at all") << "POST"_ba
                                     << "/api/auth/token/"_ba << json << "username=a&password=b"_ba << 400
                                     << u"parse_error"_s << QByteArray();
    QTest::newRow("JSON array") << "POST"_ba
                                << "/api/auth/token/"_ba << json << R"(["a","b"])"_ba << 400 << u"invalid"_s
                                << QByteArray();
    // Qt 6.4 reads only an object or array at the top level.
    QTest::newRow("JSON string") << "POST"_ba
                                 << "/api/auth/token/refresh/"_ba << json << R"("token")"_ba << 400
                                 << u"parse_error"_s << QByteArray();
    QTest::newRow("deeply nested") << "POST"_ba
                                   << "/api/auth/token/"_ba << json
                                   << QByteArray(2000, '[') + QByteArray(2000, ']') << 400 << u"parse_error"_s
                                   << QByteArray();
    QTest::newRow("missing fields") << "POST"_ba
                                    << "/api/auth/token/"_ba << json << "{}"_ba << 400 << u"invalid"_s
                                    << QByteArray();
    QTest::newRow("missing password") << "POST"_ba
                                      << "/api/auth/token/"_ba << json << R"({"username":"alice"})"_ba << 400
                                      << u"invalid"_s << QByteArray();
    QTest::newRow("empty body") << "POST"_ba
                                << "/api/auth/token/"_ba << QByteArray() << QByteArray() << 400
                                << u"invalid"_s << QByteArray();
    QTest::newRow("wrong types") << "POST"_ba
                                 << "/api/auth/token/"_ba << json << R"({"username":1,"password":true})"_ba
                                 << 400 << u"invalid"_s << QByteArray();
    QTest::newRow("blank fields") << "POST"_ba
                                  << "/api/auth/token/"_ba << json << R"({"username":" ","password":""})"_ba
                                  << 400 << u"invalid"_s << QByteArray();
    QTest::newRow("overlong user name")
        << "POST"_ba
        << "/api/auth/token/"_ba << json
        << QByteArray(R"({"username":")" + QByteArray(151, 'u') + R"(","password":"x"})") << 400
        << u"invalid"_s << QByteArray();
    QTest::newRow("missing refresh") << "POST"_ba
                                     << "/api/auth/token/refresh/"_ba << json << "{}"_ba << 400
                                     << u"invalid"_s << QByteArray();
    QTest::newRow("form body") << "POST"_ba
                               << "/api/auth/token/"_ba
                               << "application/x-www-form-urlencoded"_ba
                               << "username=a&password=b"_ba << 415 << u"unsupported_media_type"_s
                               << QByteArray();
    QTest::newRow("text/plain body") << "POST"_ba
                                     << "/api/auth/token/"_ba
                                     << "text/plain"_ba
                                     << R"({"username":"a","password":"b"})"_ba << 415
                                     << u"unsupported_media_type"_s << QByteArray();
    QTest::newRow("GET on token") << "GET"_ba
                                  << "/api/auth/token/"_ba << QByteArray() << QByteArray() << 405
                                  << u"method_not_allowed"_s << "POST, OPTIONS"_ba;
    QTest::newRow("PUT on refresh") << "PUT"_ba
                                    << "/api/auth/token/refresh/"_ba << json << "{}"_ba << 405
                                    << u"method_not_allowed"_s << "POST, OPTIONS"_ba;
    QTest::newRow("DELETE on revoke") << "DELETE"_ba
                                      << "/api/auth/token/revoke/"_ba << QByteArray() << QByteArray() << 405
                                      << u"method_not_allowed"_s << "POST, OPTIONS"_ba;
    QTest::newRow("POST on templates")
        << "POST"_ba
        << "/api/templates/"_ba << json << "{}"_ba << 405 << u"method_not_allowed"_s << "GET, OPTIONS"_ba;
    QTest::newRow("PATCH on a template")
        << "PATCH"_ba
        << "/api/templates/abc/"_ba << json << "{}"_ba << 405 << u"method_not_allowed"_s << "GET, OPTIONS"_ba;
    QTest::newRow("HEAD on templates") << "HEAD"_ba
                                       << "/api/templates/"_ba << QByteArray() << QByteArray() << 405
                                       << u"method_not_allowed"_s << "GET, OPTIONS"_ba;
    QTest::newRow("unknown route") << "GET"_ba
                                   << "/api/nothing/"_ba << QByteArray() << QByteArray() << 404
                                   << u"not_found"_s << QByteArray();
    QTest::newRow("api root") << "GET"_ba
                              << "/api/"_ba << QByteArray() << QByteArray() << 404 << u"not_found"_s
                              << QByteArray();
    QTest::newRow("bad template id") << "GET"_ba
                                     << "/api/templates/..%2F..%2Fetc/"_ba << QByteArray() << QByteArray()
                                     << 404 << u"not_found"_s << QByteArray();
    QTest::newRow("nested unknown") << "POST"_ba
                                    << "/api/auth/token/refresh/extra/"_ba << json << "{}"_ba << 404
                                    << u"not_found"_s << QByteArray();
    QTest::newRow("garbage refresh") << "POST"_ba
                                     << "/api/auth/token/refresh/"_ba << json
                                     << R"({"refresh":"not.a.token"})"_ba << 401 << u"token_not_valid"_s
                                     << QByteArray();
    QTest::newRow("garbage revoke") << "POST"_ba
                                    << "/api/auth/token/revoke/"_ba << json
                                    << R"({"refresh":"eyJhbGciOiJub25lIn0.e30."})"_ba << 401
                                    << u"token_not_valid"_s << QByteArray();
    QTest::newRow("body too large") << "POST"_ba
                                    << "/api/auth/token/"_ba << json
                                    << QByteArray(R"({"username":"a","password":")" +
                                                  QByteArray(70'000, 'p') + R"("})")
                                    << 413 << u"payload_too_large"_s << QByteArray();
}

void TestRestApi::badRequests()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, code);
    QFETCH(QByteArray, allow);
    EngineFixture fixture(apiConfig());
    HttpProbe http(fixture.engine().port());
    HttpProbe::Headers headers;
    if (!contentType.isEmpty())
        headers.append({"Content-Type", contentType});
    const HttpResponse r = http.request(method, path, body, headers);
    QCOMPARE(r.status, status);
    QCOMPARE(r.header("Content-Type"), "application/json");
    if (method == "HEAD") {
        QVERIFY(r.body.isEmpty()); // a HEAD answer has no body
    } else {
        QCOMPARE(r.json().value(u"code").toString(), code);
        QVERIFY(!r.json().value(u"detail").toString().isEmpty());
    }
    QCOMPARE(r.header("Allow"), allow);
    if (code == u"invalid" && body.startsWith('{')) {
        // DRF's per-field messages, beside `detail`.
        const QJsonObject json = r.json();
        QVERIFY(json.value(u"password").isArray() || json.value(u"username").isArray() ||
                json.value(u"refresh").isArray());
    }
    // The engine is still fine.
    QCOMPARE(http.get("/health").status, 200);
}

void TestRestApi::trailingSlashIsOptional()
{
    EngineFixture fixture(apiConfig());
    addUser(fixture, u"alice"_s, u"alice-password"_s);
    HttpProbe http(fixture.engine().port());
    const HttpResponse r = http.postJson("/api/auth/token", credentials(u"alice"_s, u"alice-password"_s));
    QCOMPARE(r.status, 200);
    const QByteArray access = r.json().value(u"access").toString().toLatin1();
    QCOMPARE(http.get("/api/templates", access).status, 200);
}

void TestRestApi::oversizedBodyRefusedBeforeItArrives()
{
    EngineFixture fixture(apiConfig());
    HttpProbe http(fixture.engine().port());
    QVERIFY(http.open());
    // Only the head is sent: the answer must not wait for ten megabytes.
    http.send("POST /api/auth/token/ HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
              "Content-Length: 10485760\r\n\r\n");
    const auto r = http.readResponse(5000);
    QVERIFY(r.has_value());
    QCOMPARE(r->status, 413);
    QCOMPARE(r->json().value(u"code").toString(), u"payload_too_large"_s);
    QVERIFY(http.waitForClosed(5000));

    // A malformed length is refused too (two different values is a request-smuggling shape).
    HttpProbe second(fixture.engine().port());
    QVERIFY(second.open());
    second.send(
        "POST /api/auth/token/ HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n");
    const auto bad = second.readResponse(5000);
    QVERIFY(bad.has_value());
    QCOMPARE(bad->status, 400);
}

void TestRestApi::bodyAtTheLimitIsRead()
{
    EngineFixture fixture(apiConfig());
    HttpProbe http(fixture.engine().port());
    QByteArray body = R"({"username":"nobody","password":"x","padding":")";
    const QByteArray tail = R"("})";
    body += QByteArray(fixture.engine().config().maxRequestBodyBytes - body.size() - tail.size(), 'p') + tail;
    QCOMPARE(body.size(), fixture.engine().config().maxRequestBodyBytes);
    const HttpResponse r =
        http.request("POST", "/api/auth/token/", body, {{"Content-Type", "application/json"}});
    QCOMPARE(r.status, 401); // read and judged, not refused for its size
}

void TestRestApi::oversizedBodyOnKeptAliveConnection()
{
    EngineFixture fixture(apiConfig());
    HttpProbe http(fixture.engine().port());
    QVERIFY(http.open());
    // The listener inspects only the first request of a connection; later ones are bounded all the same.
    http.send(HttpProbe::requestBytes("GET", "/health", {}, {}));
    const auto first = http.readResponse();
    QVERIFY(first.has_value());
    QCOMPARE(first->status, 200);
    QVERIFY(http.isConnected());
    http.send("POST /api/auth/token/ HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
              "Content-Length: 4000000\r\n\r\n");
    const QByteArray chunk(64 * 1024, 'a');
    std::optional<HttpResponse> refused;
    for (int i = 0; i < 60 && !refused && http.isConnected(); ++i) {
        http.send(chunk);
        refused = http.readResponse(50);
    }
    if (!refused)
        refused = http.readResponse(2000);
    QVERIFY(refused.has_value());
    QCOMPARE(refused->status, 413);
    QVERIFY(http.waitForClosed(5000));
    QCOMPARE(HttpProbe(fixture.engine().port()).get("/health").status, 200);
}

void TestRestApi::oversizedChunkedBody()
{
    EngineFixture fixture(apiConfig());
    HttpProbe http(fixture.engine().port());
    QVERIFY(http.open());
    http.send("POST /api/auth/token/ HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
              "Transfer-Encoding: chunked\r\n\r\n");
    const QByteArray chunk = QByteArray::number(32 * 1024, 16) + "\r\n" + QByteArray(32 * 1024, 'a') + "\r\n";
    std::optional<HttpResponse> refused;
    for (int i = 0; i < 20 && !refused && http.isConnected(); ++i) {
        http.send(chunk);
        refused = http.readResponse(50);
    }
    if (!refused)
        refused = http.readResponse(2000);
    QVERIFY(refused.has_value());
    QCOMPARE(refused->status, 413);
}

void TestRestApi::idleAndUnfinishedConnectionsAreClosed()
{
    EngineConfig config = apiConfig();
    config.httpIdleTimeoutMs = 400;
    EngineFixture fixture(config);

    HttpProbe idle(fixture.engine().port());
    QVERIFY(idle.open());
    idle.send(HttpProbe::requestBytes("GET", "/health", {}, {}));
    QVERIFY(idle.readResponse().has_value());
    QVERIFY(idle.isConnected());
    QVERIFY(idle.waitForClosed(3000)); // kept alive, then closed when unused

    HttpProbe unfinished(fixture.engine().port());
    QVERIFY(unfinished.open());
    unfinished.send("POST /api/auth/token/ HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    "Content-Length: 100\r\n\r\n{\"username\":");
    QVERIFY(unfinished.waitForClosed(3000));
}

void TestRestApi::corsPreflightAllowed()
{
    EngineFixture fixture(apiConfig());
    HttpProbe http(fixture.engine().port());
    const HttpResponse r = http.request("OPTIONS", "/api/auth/token/", {},
                                        {{"Origin", kOrigin},
                                         {"Access-Control-Request-Method", "POST"},
                                         {"Access-Control-Request-Headers", "content-type"}});
    QCOMPARE(r.status, 204);
    QCOMPARE(r.header("Access-Control-Allow-Origin"), kOrigin);
    QVERIFY(r.header("Access-Control-Allow-Methods").contains("POST"));
    QVERIFY(r.header("Access-Control-Allow-Headers").contains("Authorization"));
    QVERIFY(r.header("Access-Control-Allow-Headers").contains("Content-Type"));
    QVERIFY(r.header("Access-Control-Max-Age").toInt() > 0);
    QCOMPARE(r.header("Vary"), "Origin");
    QVERIFY(r.body.isEmpty());

    // Case-insensitive origin match; GET endpoints preflight GET.
    const HttpResponse templates =
        http.request("OPTIONS", "/api/templates/", {},
                     {{"Origin", "HTTPS://APP.EXAMPLE.COM"}, {"Access-Control-Request-Method", "GET"}});
    QCOMPARE(templates.status, 204);
    QVERIFY(templates.header("Access-Control-Allow-Methods").contains("GET"));

    // OPTIONS without CORS: just the allowed methods.
    const HttpResponse plain = http.request("OPTIONS", "/api/templates/", {}, {});
    QCOMPARE(plain.status, 204);
    QCOMPARE(plain.header("Allow"), "GET, OPTIONS");
    QVERIFY(!plain.hasHeader("Access-Control-Allow-Origin"));
}

void TestRestApi::corsPreflightRefused_data()
{
    QTest::addColumn<QByteArray>("origin");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<int>("status");
    QTest::newRow("other origin") << "https://evil.example.net"_ba
                                  << "POST"_ba
                                  << "/api/auth/token/"_ba << 403;
    QTest::newRow("lookalike origin") << "https://app.example.com.evil.net"_ba
                                      << "POST"_ba
                                      << "/api/auth/token/"_ba << 403;
    QTest::newRow("other scheme") << "http://app.example.com"_ba
                                  << "POST"_ba
                                  << "/api/auth/token/"_ba << 403;
    QTest::newRow("null origin") << "null"_ba
                                 << "POST"_ba
                                 << "/api/auth/token/"_ba << 403;
    QTest::newRow("wrong method") << kOrigin << "DELETE"_ba
                                  << "/api/auth/token/"_ba << 405;
    QTest::newRow("unknown route") << kOrigin << "GET"_ba
                                   << "/api/unknown/"_ba << 404;
}

void TestRestApi::corsPreflightRefused()
{
    QFETCH(QByteArray, origin);
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, path);
    QFETCH(int, status);
    EngineFixture fixture(apiConfig());
    HttpProbe http(fixture.engine().port());
    const HttpResponse r =
        http.request("OPTIONS", path, {}, {{"Origin", origin}, {"Access-Control-Request-Method", method}});
    QCOMPARE(r.status, status);
    QVERIFY(!r.hasHeader("Access-Control-Allow-Methods"));
    if (status == 403)
        QVERIFY(!r.hasHeader("Access-Control-Allow-Origin"));
}

void TestRestApi::corsOnActualRequests()
{
    EngineFixture fixture(apiConfig());
    addUser(fixture, u"alice"_s, u"alice-password"_s);
    HttpProbe http(fixture.engine().port());
    const HttpResponse allowed = http.postJson(
        "/api/auth/token/", credentials(u"alice"_s, u"alice-password"_s), {{"Origin", kOrigin}});
    QCOMPARE(allowed.status, 200);
    QCOMPARE(allowed.header("Access-Control-Allow-Origin"), kOrigin);
    QCOMPARE(allowed.header("Vary"), "Origin");
    // Errors carry it too, or a browser frontend could not read them.
    const HttpResponse failed = http.postJson(
        "/api/auth/token/", credentials(u"alice"_s, u"wrong-password"_s), {{"Origin", kOrigin}});
    QCOMPARE(failed.status, 401);
    QCOMPARE(failed.header("Access-Control-Allow-Origin"), kOrigin);

    const HttpResponse refused =
        http.postJson("/api/auth/token/", credentials(u"alice"_s, u"alice-password"_s),
                      {{"Origin", "https://evil.example.net"}});
    QCOMPARE(refused.status, 403);
    QCOMPARE(refused.json().value(u"code").toString(), u"origin_not_allowed"_s);
    QVERIFY(!refused.hasHeader("Access-Control-Allow-Origin"));
    QVERIFY(!refused.json().contains(u"access"));

    // Native clients send no Origin: no CORS headers, nothing refused.
    const HttpResponse native =
        http.postJson("/api/auth/token/", credentials(u"alice"_s, u"alice-password"_s));
    QCOMPARE(native.status, 200);
    QVERIFY(!native.hasHeader("Access-Control-Allow-Origin"));
}

void TestRestApi::corsWithEmptyAllowlist()
{
    EngineFixture fixture; // no allowed origins
    addUser(fixture, u"alice"_s, u"alice-password"_s);
    HttpProbe http(fixture.engine().port());
    const HttpResponse preflight = http.request(
        "OPTIONS", "/api/auth/token/", {}, {{"Origin", kOrigin}, {"Access-Control-Request-Method", "POST"}});
    QCOMPARE(preflight.status, 403);
    QVERIFY(!preflight.hasHeader("Access-Control-Allow-Origin"));
    QCOMPARE(http.postJson("/api/auth/token/", credentials(u"alice"_s, u"alice-password"_s)).status, 200);
}

void TestRestApi::signInThrottledPerUser()
{
    ManualClock clock;
    EngineConfig config = apiConfig();
    config.signInFailuresPerUser = 3;
    config.signInWindowSecs = 600;
    EngineFixture fixture(config, {}, &clock);
    addUser(fixture, u"alice"_s, u"alice-password"_s);
    addUser(fixture, u"bob"_s, u"bob-password"_s);
    HttpProbe http(fixture.engine().port());
    for (int i = 0; i < 3; ++i)
        QCOMPARE(http.postJson("/api/auth/token/", credentials(u"alice"_s, u"guess-%1"_s.arg(i))).status,
                 401);
    // Locked now, even with the right password.
    const HttpResponse locked =
        http.postJson("/api/auth/token/", credentials(u"alice"_s, u"alice-password"_s));
    QCOMPARE(locked.status, 429);
    QCOMPARE(locked.json().value(u"code").toString(), u"throttled"_s);
    const int retryAfter = locked.header("Retry-After").toInt();
    QVERIFY2(retryAfter > 0 && retryAfter <= 600, locked.header("Retry-After").constData());
    QVERIFY(!locked.json().contains(u"access"));
    // Another user from the same address is not affected.
    QCOMPARE(http.postJson("/api/auth/token/", credentials(u"bob"_s, u"bob-password"_s)).status, 200);

    clock.advanceSecs(retryAfter);
    QCOMPARE(http.postJson("/api/auth/token/", credentials(u"alice"_s, u"alice-password"_s)).status, 200);
    // A success clears the user's count.
    for (int i = 0; i < 2; ++i)
        QCOMPARE(http.postJson("/api/auth/token/", credentials(u"alice"_s, u"again-%1"_s.arg(i))).status,
                 401);
    QCOMPARE(http.postJson("/api/auth/token/", credentials(u"alice"_s, u"alice-password"_s)).status, 200);
}

void TestRestApi::signInThrottledPerAddress()
{
    ManualClock clock;
    EngineConfig config = apiConfig();
    config.signInFailuresPerUser = 100;
    config.signInFailuresPerAddress = 4;
    EngineFixture fixture(config, {}, &clock);
    addUser(fixture, u"alice"_s, u"alice-password"_s);
    HttpProbe http(fixture.engine().port());
    // Spraying one password over many names is limited by address.
    for (int i = 0; i < 4; ++i)
        QCOMPARE(http.postJson("/api/auth/token/", credentials(u"user%1"_s.arg(i), u"Password1"_s)).status,
                 401);
    const HttpResponse locked =
        http.postJson("/api/auth/token/", credentials(u"alice"_s, u"alice-password"_s));
    QCOMPARE(locked.status, 429);
    QVERIFY(locked.header("Retry-After").toInt() > 0);
    clock.advanceSecs(config.signInWindowSecs);
    QCOMPARE(http.postJson("/api/auth/token/", credentials(u"alice"_s, u"alice-password"_s)).status, 200);
}

void TestRestApi::refreshAndRevoke()
{
    EngineFixture fixture(apiConfig());
    const QString aliceId = addUser(fixture, u"alice"_s, u"alice-password"_s);
    HttpProbe http(fixture.engine().port());
    const Tokens tokens = signIn(http, u"alice"_s, u"alice-password"_s);

    const HttpResponse refreshed = http.postJson(
        "/api/auth/token/refresh/", QJsonObject{{u"refresh"_s, QString::fromLatin1(tokens.refresh)}});
    QCOMPARE(refreshed.status, 200);
    QCOMPARE(refreshed.json().keys(), QStringList{u"access"_s});
    const QByteArray access = refreshed.json().value(u"access").toString().toLatin1();
    const auto claims = JwtVerifier(EngineFixture::secret()).verify(access);
    QVERIFY(claims.ok());
    QCOMPARE(claims->userId, aliceId);
    QCOMPARE(http.get("/api/templates/", access).status, 200);

    const QJsonObject refreshBody{{u"refresh"_s, QString::fromLatin1(tokens.refresh)}};
    const HttpResponse revoked = http.postJson("/api/auth/token/revoke/", refreshBody);
    QCOMPARE(revoked.status, 200);
    QCOMPARE(revoked.json(), QJsonObject{});
    const HttpResponse afterRevoke = http.postJson("/api/auth/token/refresh/", refreshBody);
    QCOMPARE(afterRevoke.status, 401);
    QCOMPARE(afterRevoke.json().value(u"code").toString(), u"token_not_valid"_s);
    QCOMPARE(http.postJson("/api/auth/token/revoke/", refreshBody).status, 401); // already revoked

    // Another sign-in is unaffected by the revocation of the first.
    const Tokens second = signIn(http, u"alice"_s, u"alice-password"_s);
    QCOMPARE(http.postJson("/api/auth/token/refresh/",
                           QJsonObject{{u"refresh"_s, QString::fromLatin1(second.refresh)}})
                 .status,
             200);
}

void TestRestApi::refreshTokenExpires()
{
    ManualClock clock;
    EngineConfig config = apiConfig();
    config.refreshTokenTtlSecs = 3600;
    EngineFixture fixture(config, {}, &clock);
    addUser(fixture, u"alice"_s, u"alice-password"_s);
    HttpProbe http(fixture.engine().port());
    const Tokens tokens = signIn(http, u"alice"_s, u"alice-password"_s);
    const QJsonObject body{{u"refresh"_s, QString::fromLatin1(tokens.refresh)}};
    clock.advanceSecs(3500);
    QCOMPARE(http.postJson("/api/auth/token/refresh/", body).status, 200);
    clock.advanceSecs(200); // past the lifetime and the 30 s leeway
    QCOMPARE(http.postJson("/api/auth/token/refresh/", body).status, 401);
    // Expired access tokens are refused by the templates API as well.
    QCOMPARE(http.get("/api/templates/", tokens.access).status, 401);
}

void TestRestApi::tokenKindsAreNotInterchangeable()
{
    EngineFixture fixture(apiConfig());
    const QString aliceId = addUser(fixture, u"alice"_s, u"alice-password"_s);
    HttpProbe http(fixture.engine().port());
    const Tokens tokens = signIn(http, u"alice"_s, u"alice-password"_s);

    // A refresh token is no access token: not for the API...
    QCOMPARE(http.get("/api/templates/", tokens.refresh).status, 401);
    // ...and not for a chat session.
    WsProbe probe;
    QVERIFY(probe.open(fixture.sessionUrl(u"kinds"_s), tokens.refresh));
    QCOMPARE(probe.waitFor(u"error"_s).value(u"error").toString(), u"authentication_failed"_s);
    QVERIFY(probe.waitForClosed());
    QCOMPARE(probe.closeCode(), 4001);
    // An access token cannot be refreshed or revoked.
    const QJsonObject accessAsRefresh{{u"refresh"_s, QString::fromLatin1(tokens.access)}};
    QCOMPARE(http.postJson("/api/auth/token/refresh/", accessAsRefresh).status, 401);
    QCOMPARE(http.postJson("/api/auth/token/revoke/", accessAsRefresh).status, 401);
    // A refresh token signed with our secret but never issued (no stored id) is refused.
    const QByteArray forged = JwtSigner::mintRefreshToken(
        EngineFixture::secret(), aliceId, JwtSigner::newTokenId(), Clock::system().nowSecs(), 3600);
    QCOMPARE(
        http.postJson("/api/auth/token/refresh/", QJsonObject{{u"refresh"_s, QString::fromLatin1(forged)}})
            .status,
        401);
    // A refresh token without token_type or jti is refused by the verifier.
    const JwtVerifier verifier(EngineFixture::secret());
    const qint64 now = Clock::system().nowSecs();
    const QJsonObject header{{u"alg"_s, u"HS256"_s}, {u"typ"_s, u"JWT"_s}};
    QVERIFY(!verifier
                 .verify(JwtSigner::sign(
                             EngineFixture::secret(), header,
                             QJsonObject{{u"exp"_s, now + 60}, {u"jti"_s, u"x"_s}, {u"user_id"_s, 1}}),
                         JwtVerifier::Kind::Refresh)
                 .ok());
    QVERIFY(!verifier
                 .verify(JwtSigner::sign(EngineFixture::secret(), header,
                                         QJsonObject{{u"exp"_s, now + 60},
                                                     {u"token_type"_s, u"refresh"_s},
                                                     {u"user_id"_s, 1}}),
                         JwtVerifier::Kind::Refresh)
                 .ok());
}

void TestRestApi::passwordChangeAndCliRevokeEndRefreshTokens()
{
    EngineFixture fixture(apiConfig());
    addUser(fixture, u"alice"_s, u"alice-password"_s);
    HttpProbe http(fixture.engine().port());
    UserAccounts accounts(fixture.engine().sharedStore(), Clock::system());

    const Tokens first = signIn(http, u"alice"_s, u"alice-password"_s);
    const Tokens second = signIn(http, u"alice"_s, u"alice-password"_s);
    const auto list = accounts.list();
    QVERIFY(list.ok());
    QCOMPARE(list->size(), 1);
    QCOMPARE(list->first().activeRefreshTokens, 2);
    const auto revoked = accounts.revokeTokens(u"alice"_s); // `promptcraft-engine user revoke alice`
    QVERIFY(revoked.ok());
    QCOMPARE(revoked.value(), 2);
    for (const Tokens& t : {first, second})
        QCOMPARE(http.postJson("/api/auth/token/refresh/",
                               QJsonObject{{u"refresh"_s, QString::fromLatin1(t.refresh)}})
                     .status,
                 401);

    const Tokens third = signIn(http, u"alice"_s, u"alice-password"_s);
    QVERIFY(accounts.setPassword(u"alice"_s, u"new-password-1"_s, FastIterations).ok());
    QCOMPARE(http.postJson("/api/auth/token/refresh/",
                           QJsonObject{{u"refresh"_s, QString::fromLatin1(third.refresh)}})
                 .status,
             401);
    QCOMPARE(http.postJson("/api/auth/token/", credentials(u"alice"_s, u"alice-password"_s)).status, 401);
    QCOMPARE(http.postJson("/api/auth/token/", credentials(u"alice"_s, u"new-password-1"_s)).status, 200);
}

void TestRestApi::removedUserCannotRefresh()
{
    EngineFixture fixture(apiConfig());
    addUser(fixture, u"alice"_s, u"alice-password"_s);
    HttpProbe http(fixture.engine().port());
    const Tokens tokens = signIn(http, u"alice"_s, u"alice-password"_s);
    UserAccounts accounts(fixture.engine().sharedStore(), Clock::system());
    QVERIFY(accounts.remove(u"alice"_s).ok());
    QCOMPARE(accounts.remove(u"alice"_s).error().code, ErrorCode::NotFound);
    QCOMPARE(http.postJson("/api/auth/token/refresh/",
                           QJsonObject{{u"refresh"_s, QString::fromLatin1(tokens.refresh)}})
                 .status,
             401);
    QCOMPARE(http.postJson("/api/auth/token/", credentials(u"alice"_s, u"alice-password"_s)).status, 401);
}

void TestRestApi::verifyEndpoint()
{
    EngineFixture fixture(apiConfig());
    addUser(fixture, u"alice"_s, u"alice-password"_s);
    HttpProbe http(fixture.engine().port());
    const Tokens tokens = signIn(http, u"alice"_s, u"alice-password"_s);
    const auto verify = [&](const QByteArray& token) {
        return http.postJson("/api/auth/token/verify/",
                             QJsonObject{{u"token"_s, QString::fromLatin1(token)}});
    };
    QCOMPARE(verify(tokens.access).status, 200);
    QCOMPARE(verify(tokens.refresh).status, 200);
    QCOMPARE(verify(EngineFixture::token(u"someone"_s)).status, 200);
    QCOMPARE(verify("garbage").status, 401);
    QCOMPARE(verify(JwtSigner::mintAccessToken("another-secret-of-more-than-32-bytes!!", u"x"_s,
                                               Clock::system().nowSecs(), 60))
                 .status,
             401);
    QCOMPARE(http.postJson("/api/auth/token/revoke/",
                           QJsonObject{{u"refresh"_s, QString::fromLatin1(tokens.refresh)}})
                 .status,
             200);
    QCOMPARE(verify(tokens.refresh).status, 401);
}

void TestRestApi::templatesEndpoints()
{
    EngineFixture fixture(apiConfig());
    const QString aliceId = addUser(fixture, u"alice"_s, u"alice-password"_s);
    const QString bobId = addUser(fixture, u"bob"_s, u"bob-password"_s);
    EngineStore& store = fixture.engine().store();
    const auto email = store.saveTemplate(aliceId, makeTemplate(u"Status email"_s, u"Business"_s));
    const auto poem = store.saveTemplate(aliceId, makeTemplate(u"Haiku"_s, u"Writing"_s));
    const auto secret = store.saveTemplate(bobId, makeTemplate(u"Bob's plan"_s, u"Business"_s));
    QVERIFY(email.ok() && poem.ok() && secret.ok());
    // A second version of the same title is one template.
    PromptTemplate v2 = makeTemplate(u"Status email"_s, u"Business"_s);
    v2.description = u"version two"_s;
    QVERIFY(store.saveTemplate(aliceId, v2).ok());

    HttpProbe http(fixture.engine().port());
    const Tokens alice = signIn(http, u"alice"_s, u"alice-password"_s);
    const Tokens bob = signIn(http, u"bob"_s, u"bob-password"_s);

    const HttpResponse list = http.get("/api/templates/", alice.access);
    QCOMPARE(list.status, 200);
    QCOMPARE(list.json().value(u"count").toInt(), 2);
    const QJsonArray results = list.json().value(u"results").toArray();
    QCOMPARE(results.size(), 2);
    QStringList titles;
    for (const QJsonValue& v : results) {
        QCOMPARE(v.toObject().value(u"schema").toString(), u"promptcraft.template/1"_s);
        titles.append(v.toObject().value(u"title").toString());
    }
    titles.sort();
    QCOMPARE(titles, (QStringList{u"Haiku"_s, u"Status email"_s}));

    const HttpResponse filtered = http.get("/api/templates/?category=business", alice.access);
    QCOMPARE(filtered.json().value(u"count").toInt(), 1);
    QCOMPARE(filtered.json().value(u"results").toArray().first().toObject().value(u"version").toInt(), 2);
    QCOMPARE(http.get("/api/templates/?q=haik", alice.access).json().value(u"count").toInt(), 1);
    QCOMPARE(http.get("/api/templates/?q=nothing-like-it", alice.access).json().value(u"count").toInt(), 0);

    const HttpResponse detail = http.get("/api/templates/" + email->id.toLatin1() + "/", alice.access);
    QCOMPARE(detail.status, 200);
    QCOMPARE(detail.json().value(u"id").toString(), email->id);
    QCOMPARE(detail.json().value(u"description").toString(), u"version two"_s);
    QCOMPARE(detail.json().value(u"body").toString(), u"Write about {{topic}}."_s);

    // Another user's template does not exist for alice, and the other way round.
    const HttpResponse foreign = http.get("/api/templates/" + secret->id.toLatin1() + "/", alice.access);
    QCOMPARE(foreign.status, 404);
    QCOMPARE(foreign.json().value(u"code").toString(), u"not_found"_s);
    QVERIFY(!foreign.body.contains("Bob"));
    QCOMPARE(http.get("/api/templates/" + email->id.toLatin1() + "/", bob.access).status, 404);
    const HttpResponse bobs = http.get("/api/templates/", bob.access);
    QCOMPARE(bobs.json().value(u"count").toInt(), 1);
    QCOMPARE(bobs.json().value(u"results").toArray().first().toObject().value(u"title").toString(),
             u"Bob's plan"_s);
    QCOMPARE(http.get("/api/templates/00000000-0000-0000-0000-000000000000/", alice.access).status, 404);
}

void TestRestApi::templatesNeedAValidAccessToken_data()
{
    QTest::addColumn<QByteArray>("authorization");
    QTest::addColumn<QString>("code");
    QTest::newRow("none") << QByteArray() << u"not_authenticated"_s;
    QTest::newRow("not bearer") << "Basic YWxpY2U6cGFzc3dvcmQ="_ba << u"authentication_failed"_s;
    QTest::newRow("bearer without token") << "Bearer"_ba << u"authentication_failed"_s;
    QTest::newRow("garbage") << "Bearer abc.def.ghi"_ba << u"token_not_valid"_s;
    QTest::newRow("expired") << "Bearer " + EngineFixture::token(u"alice"_s, -3600) << u"token_not_valid"_s;
    QTest::newRow("other secret") << "Bearer " + JwtSigner::mintAccessToken(
                                                     "some-other-secret-0123456789-abcdefgh", u"alice"_s,
                                                     Clock::system().nowSecs(), 600)
                                  << u"token_not_valid"_s;
    QTest::newRow("alg none") << "Bearer eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJ1c2VyX2lkIjoiYWxpY2UifQ."_ba
                              << u"token_not_valid"_s;
}

void TestRestApi::templatesNeedAValidAccessToken()
{
    QFETCH(QByteArray, authorization);
    QFETCH(QString, code);
    EngineFixture fixture(apiConfig());
    HttpProbe http(fixture.engine().port());
    HttpProbe::Headers headers;
    if (!authorization.isEmpty())
        headers.append({"Authorization", authorization});
    for (const QByteArray& path : {"/api/templates/"_ba, "/api/templates/abc/"_ba}) {
        const HttpResponse r = http.request("GET", path, {}, headers);
        QCOMPARE(r.status, 401);
        QCOMPARE(r.json().value(u"code").toString(), code);
        QCOMPARE(r.header("WWW-Authenticate"), "Bearer realm=\"api\"");
    }
}

void TestRestApi::signInWithoutSecretIsUnavailable()
{
    QTemporaryDir dir;
    EngineConfig config;
    config.port = 0;
    config.dataDir = dir.path();
    config.allowAnonymous = true; // no signing secret
    Engine engine(config, std::make_shared<OfflineResponder>(), Clock::system());
    QVERIFY(engine.start().ok());
    HttpProbe http(engine.port());
    const HttpResponse r = http.postJson("/api/auth/token/", credentials(u"alice"_s, u"alice-password"_s));
    QCOMPARE(r.status, 503);
    QCOMPARE(r.json().value(u"code").toString(), u"unavailable"_s);
    QCOMPARE(http.get("/api/templates/", EngineFixture::token(u"alice"_s)).status, 401);
    engine.shutdown();
}

void TestRestApi::tokensAndPasswordsNeverLogged()
{
    QLoggingCategory::setFilterRules(u"promptcraft.*=true\nqt.httpserver*=true"_s);
    g_previousHandler = qInstallMessageHandler(captureLog);
    QByteArray secrets;
    {
        EngineFixture fixture(apiConfig());
        addUser(fixture, u"alice"_s, u"canary-password-7731"_s);
        HttpProbe http(fixture.engine().port());
        const Tokens tokens = signIn(http, u"alice"_s, u"canary-password-7731"_s);
        QVERIFY(!tokens.access.isEmpty());
        http.postJson("/api/auth/token/", credentials(u"alice"_s, u"wrong-canary-5519"_s));
        http.postJson("/api/auth/token/refresh/",
                      QJsonObject{{u"refresh"_s, QString::fromLatin1(tokens.refresh)}});
        http.get("/api/templates/", tokens.access);
        http.get("/api/templates/", tokens.refresh); // refused: logged, but not quoted
        http.postJson("/api/auth/token/revoke/",
                      QJsonObject{{u"refresh"_s, QString::fromLatin1(tokens.refresh)}});
        http.postJson("/api/auth/token/refresh/",
                      QJsonObject{{u"refresh"_s, QString::fromLatin1(tokens.refresh)}});
        secrets = tokens.access + ' ' + tokens.refresh;
    }
    qInstallMessageHandler(g_previousHandler);
    QLoggingCategory::setFilterRules({});
    QMutexLocker lock(&g_logMutex);
    QVERIFY(g_log.join(u'\n').contains(u"signed in alice"_s)); // the log did capture the session
    for (const QString& line : std::as_const(g_log)) {
        QVERIFY2(!line.contains(u"canary-password-7731"_s), qPrintable(line));
        QVERIFY2(!line.contains(u"wrong-canary-5519"_s), qPrintable(line));
        for (const QByteArray& token : secrets.split(' ')) {
            const QByteArray signature = token.mid(token.lastIndexOf('.') + 1);
            QVERIFY2(!line.contains(QString::fromLatin1(signature)), qPrintable(line));
            QVERIFY2(!line.contains(QString::fromLatin1(token.split('.').value(1))), qPrintable(line));
        }
    }
}

QTEST_GUILESS_MAIN(TestRestApi)
#include "tst_restapi.moc"
