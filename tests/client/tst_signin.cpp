// SignInClient against a loopback stub of the server's sign-in endpoints (simplejwt shapes): tokens
// stored in the real keychain, wrong credentials, 429, unreachable and silent servers, a self-signed
// certificate (refused, nothing sent), refresh, and sign-out removing the entries.

#include "AuthStubServer.h"
#include "auth/JwtVerifier.h"
#include "client/SignInClient.h"
#include "core/Clock.h"
#include "secrets/KeychainTokenStore.h"
#include "secrets/MemoryTokenStore.h"
#include "secrets/SecretKeys.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace pc;
using namespace pc::test;
using namespace Qt::Literals::StringLiterals;

namespace {

constexpr char RealKeyringRecipe[] =
    "No D-Bus session bus: the real-keyring cases need a Secret Service. Run them with "
    "`scripts/promptcraft.sh test`, or with the recipe in ARCHITECTURE.md: throwaway HOME, XDG_RUNTIME_DIR, "
    "XDG_DATA_HOME and XDG_CONFIG_HOME, then dbus-run-session -- sh -c 'printf %s pw | gnome-keyring-daemon "
    "--unlock --components=secrets >/dev/null; ./build/bin/tst_signin'";

bool hasSessionBus()
{
    return !qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS");
}

std::optional<SignInResult> waitResult(QSignalSpy& spy, int timeoutMs = 10'000)
{
    if (!QTest::qWaitFor([&] { return !spy.isEmpty(); }, timeoutMs))
        return std::nullopt;
    return spy.at(0).at(0).value<SignInResult>();
}

std::optional<SignInResult> signIn(SignInClient& client, const QUrl& server, const QString& user,
                                   const QString& password)
{
    QSignalSpy spy(&client, &SignInClient::signInFinished);
    client.signIn(server, user, password);
    if (!spy.isEmpty())
        return std::nullopt; // never from inside the call
    return waitResult(spy);
}

std::optional<SignInResult> refresh(SignInClient& client, const QUrl& server)
{
    QSignalSpy spy(&client, &SignInClient::refreshFinished);
    client.refresh(server);
    return waitResult(spy);
}

struct Read {
    TokenStore::Status status = TokenStore::Status::OtherError;
    QString value;
};

Read readSecret(TokenStore& store, const QString& key)
{
    QSignalSpy spy(&store, &TokenStore::readFinished);
    const quint64 id = store.read(key);
    Read read;
    std::ignore = QTest::qWaitFor(
        [&] {
            for (const auto& args : std::as_const(spy))
                if (args.at(0).toULongLong() == id) {
                    read = Read{args.at(2).value<TokenStore::Status>(), args.at(3).toString()};
                    return true;
                }
            return false;
        },
        15'000);
    return read;
}

bool writeSecret(TokenStore& store, const QString& key, const QString& value)
{
    QSignalSpy spy(&store, &TokenStore::writeFinished);
    store.write(key, value);
    return QTest::qWaitFor([&] { return !spy.isEmpty(); }, 15'000) &&
           spy.at(0).at(2).value<TokenStore::Status>() == TokenStore::Status::Ok;
}

// The sign-in flow that must work with any token store (the keychain, or memory for the session).
void checkSignInStoresTokens(TokenStore& store)
{
    AuthStubServer stub;
    QVERIFY(stub.listen());
    stub.addUser(u"alice"_s, u"correct horse"_s, u"42"_s);
    SignInClient client(&store);
    const QUrl server = stub.serverUrl();

    const auto result = signIn(client, server, u"alice"_s, u"correct horse"_s);
    QVERIFY(result);
    QVERIFY2(result->ok(), qPrintable(result->message));
    QCOMPARE(result->httpStatus, 200);
    QCOMPARE(result->serverUrl, server);
    QCOMPARE(result->storage, TokenStore::Status::Ok);
    // The access token is the server's, for that user.
    const JwtVerifier verifier(AuthStubServer::secret(), Clock::system());
    const auto claims = verifier.verify(result->accessToken.toLatin1());
    QVERIFY2(claims.ok(), claims.ok() ? "" : qPrintable(claims.error().message));
    QCOMPARE(claims->userId, u"42"_s);
    QVERIFY(stub.isIssuedRefreshToken(result->refreshToken));

    // What was posted: JSON credentials to the derived http endpoint.
    QCOMPARE(stub.requests().size(), 1);
    const auto& request = stub.requests().at(0);
    QCOMPARE(request.method, "POST");
    QCOMPARE(request.path, "/api/auth/token/");
    QVERIFY(request.headers.value("content-type").startsWith("application/json"));
    const QJsonObject body = QJsonDocument::fromJson(request.body).object();
    QCOMPARE(body.value(u"username"_s).toString(), u"alice"_s);
    QCOMPARE(body.value(u"password"_s).toString(), u"correct horse"_s);

    // Both tokens are in the store under the server's names.
    const Read access = readSecret(store, secretkeys::serverAccessToken(server));
    QCOMPARE(access.status, TokenStore::Status::Ok);
    QCOMPARE(access.value, result->accessToken);
    const Read refreshToken = readSecret(store, secretkeys::serverRefreshToken(server));
    QCOMPARE(refreshToken.status, TokenStore::Status::Ok);
    QCOMPARE(refreshToken.value, result->refreshToken);

    // Refresh: a new access token (and, when the server rotates, a new refresh token), stored.
    stub.setRotateRefreshTokens(true);
    const auto refreshed = refresh(client, server);
    QVERIFY(refreshed);
    QVERIFY2(refreshed->ok(), qPrintable(refreshed->message));
    QCOMPARE(stub.requests().last().path, "/api/auth/token/refresh/");
    QCOMPARE(QJsonDocument::fromJson(stub.requests().last().body).object().value(u"refresh"_s).toString(),
             result->refreshToken);
    QVERIFY(!refreshed->refreshToken.isEmpty());
    QVERIFY(refreshed->refreshToken != result->refreshToken);
    QCOMPARE(readSecret(store, secretkeys::serverAccessToken(server)).value, refreshed->accessToken);
    QCOMPARE(readSecret(store, secretkeys::serverRefreshToken(server)).value, refreshed->refreshToken);

    // Sign-out asks the server to revoke the refresh token (this stub cannot: 404, which is no error),
    // then deletes both entries.
    QSignalSpy signedOut(&client, &SignInClient::signedOut);
    client.signOut(server);
    QTRY_COMPARE(signedOut.size(), 1);
    QCOMPARE(stub.requests().last().path, "/api/auth/token/revoke/");
    QCOMPARE(QJsonDocument::fromJson(stub.requests().last().body).object().value(u"refresh"_s).toString(),
             refreshed->refreshToken);
    QCOMPARE(signedOut.at(0).at(0).toUrl(), server);
    QCOMPARE(signedOut.at(0).at(1).value<TokenStore::Status>(), TokenStore::Status::Ok);
    QCOMPARE(readSecret(store, secretkeys::serverAccessToken(server)).status, TokenStore::Status::NotFound);
    QCOMPARE(readSecret(store, secretkeys::serverRefreshToken(server)).status, TokenStore::Status::NotFound);

    // Signed out: nothing to refresh with.
    const auto after = refresh(client, server);
    QVERIFY(after);
    QCOMPARE(after->outcome, SignInResult::Outcome::NotSignedIn);
}

} // namespace

class TestSignIn : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void endpoints_data();
    void endpoints();
    void signInWithMemoryStore();
    void signInWithKeychain();
    void badCredentials_data();
    void badCredentials();
    void rateLimited_data();
    void rateLimited();
    void serverError();
    void networkError();
    void silentServerTimesOut();
    void selfSignedCertificateRefused();
    void refreshRefused();
    void invalidServerUrl();

private:
    QTemporaryDir m_tls;
    QSslCertificate m_certificate;
    QSslKey m_key;
};

void TestSignIn::initTestCase()
{
    qRegisterMetaType<pc::SignInResult>();
    // A self-signed certificate for 127.0.0.1, made at test time.
    const QString openssl = QStandardPaths::findExecutable(u"openssl"_s);
    if (openssl.isEmpty() || !QSslSocket::supportsSsl())
        return;
    QProcess make;
    make.setProcessChannelMode(QProcess::MergedChannels);
    make.start(openssl,
               {u"req"_s, u"-x509"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s, u"-days"_s, u"2"_s,
                u"-subj"_s, u"/CN=127.0.0.1"_s, u"-addext"_s, u"subjectAltName=IP:127.0.0.1"_s, u"-keyout"_s,
                m_tls.filePath(u"key.pem"_s), u"-out"_s, m_tls.filePath(u"cert.pem"_s)});
    QVERIFY(make.waitForFinished(30'000));
    QVERIFY2(make.exitCode() == 0, make.readAll().constData());
    QFile certFile(m_tls.filePath(u"cert.pem"_s));
    QFile keyFile(m_tls.filePath(u"key.pem"_s));
    QVERIFY(certFile.open(QIODevice::ReadOnly) && keyFile.open(QIODevice::ReadOnly));
    m_certificate = QSslCertificate(certFile.readAll(), QSsl::Pem);
    m_key = QSslKey(keyFile.readAll(), QSsl::Rsa, QSsl::Pem);
    QVERIFY(!m_certificate.isNull() && !m_key.isNull());
}

void TestSignIn::endpoints_data()
{
    QTest::addColumn<QUrl>("server");
    QTest::addColumn<QUrl>("token");
    QTest::addColumn<QUrl>("refresh");
    QTest::newRow("default") << QUrl(u"ws://127.0.0.1:8000/ws/chat/"_s)
                             << QUrl(u"http://127.0.0.1:8000/api/auth/token/"_s)
                             << QUrl(u"http://127.0.0.1:8000/api/auth/token/refresh/"_s);
    QTest::newRow("wss, prefix, no slash") << QUrl(u"wss://chat.example.com/pc/ws/chat"_s)
                                           << QUrl(u"https://chat.example.com/pc/api/auth/token/"_s)
                                           << QUrl(u"https://chat.example.com/pc/api/auth/token/refresh/"_s);
    QTest::newRow("other path: root")
        << QUrl(u"wss://example.com:9443/socket/"_s) << QUrl(u"https://example.com:9443/api/auth/token/"_s)
        << QUrl(u"https://example.com:9443/api/auth/token/refresh/"_s);
    QTest::newRow("query and user info dropped")
        << QUrl(u"ws://bob:pw@h/ws/chat/?token=abc"_s) << QUrl(u"http://h/api/auth/token/"_s)
        << QUrl(u"http://h/api/auth/token/refresh/"_s);
    QTest::newRow("http is no server url") << QUrl(u"http://example.com/ws/chat/"_s) << QUrl() << QUrl();
    QTest::newRow("empty") << QUrl() << QUrl() << QUrl();
}

void TestSignIn::endpoints()
{
    QFETCH(QUrl, server);
    QFETCH(QUrl, token);
    QFETCH(QUrl, refresh);
    QCOMPARE(SignInClient::tokenUrl(server), token);
    QCOMPARE(SignInClient::refreshUrl(server), refresh);
}

void TestSignIn::signInWithMemoryStore()
{
    MemoryTokenStore store;
    checkSignInStoresTokens(store);
}

void TestSignIn::signInWithKeychain()
{
    if (!hasSessionBus())
        QSKIP(RealKeyringRecipe);
    KeychainTokenStore store;
    checkSignInStoresTokens(store);
}

void TestSignIn::badCredentials_data()
{
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("password");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("detail");
    QTest::newRow("wrong password") << u"alice"_s << u"wrong"_s << 401 << u"No active account"_s;
    QTest::newRow("unknown user") << u"mallory"_s << u"correct horse"_s << 401 << u"No active account"_s;
    QTest::newRow("empty password") << u"alice"_s << QString() << 400
                                    << u"password: This field is required."_s;
}

void TestSignIn::badCredentials()
{
    QFETCH(QString, user);
    QFETCH(QString, password);
    QFETCH(int, status);
    QFETCH(QString, detail);
    AuthStubServer stub;
    QVERIFY(stub.listen());
    stub.addUser(u"alice"_s, u"correct horse"_s, u"42"_s);
    MemoryTokenStore store;
    SignInClient client(&store);
    const auto result = signIn(client, stub.serverUrl(), user, password);
    QVERIFY(result);
    QCOMPARE(result->outcome, SignInResult::Outcome::BadCredentials);
    QCOMPARE(result->httpStatus, status);
    QVERIFY2(result->message.contains(detail), qPrintable(result->message));
    QVERIFY(result->accessToken.isEmpty());
    QCOMPARE(readSecret(store, secretkeys::serverAccessToken(stub.serverUrl())).status,
             TokenStore::Status::NotFound);
}

void TestSignIn::rateLimited_data()
{
    QTest::addColumn<QByteArray>("retryAfter");
    QTest::addColumn<std::optional<int>>("expected");
    QTest::newRow("seconds") << QByteArray("7") << std::optional<int>(7);
    QTest::newRow("http date")
        << QDateTime::currentDateTimeUtc().addSecs(120).toString(Qt::RFC2822Date).toLatin1()
        << std::optional<int>(120);
    QTest::newRow("none") << QByteArray() << std::optional<int>();
}

void TestSignIn::rateLimited()
{
    QFETCH(QByteArray, retryAfter);
    QFETCH(std::optional<int>, expected);
    AuthStubServer stub;
    QVERIFY(stub.listen());
    stub.setMode(AuthStubServer::Mode::RateLimited, retryAfter);
    MemoryTokenStore store;
    SignInClient client(&store);
    const auto result = signIn(client, stub.serverUrl(), u"alice"_s, u"pw"_s);
    QVERIFY(result);
    QCOMPARE(result->outcome, SignInResult::Outcome::RateLimited);
    QCOMPARE(result->httpStatus, 429);
    QCOMPARE(result->retryAfterSecs.has_value(), expected.has_value());
    if (expected) // an HTTP date loses up to a second to the clock
        QVERIFY2(qAbs(*result->retryAfterSecs - *expected) <= 2,
                 qPrintable(QString::number(*result->retryAfterSecs)));
    QVERIFY(!result->message.isEmpty());
}

void TestSignIn::serverError()
{
    AuthStubServer stub;
    QVERIFY(stub.listen());
    stub.setMode(AuthStubServer::Mode::ServerError);
    MemoryTokenStore store;
    SignInClient client(&store);
    const auto result = signIn(client, stub.serverUrl(), u"alice"_s, u"pw"_s);
    QVERIFY(result);
    QCOMPARE(result->outcome, SignInResult::Outcome::ServerError);
    QCOMPARE(result->httpStatus, 500);
    QVERIFY(result->message.contains(u"500"_s));
}

void TestSignIn::networkError()
{
    quint16 port = 0;
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
        port = closed.serverPort();
    } // nothing listens there now
    MemoryTokenStore store;
    SignInClient client(&store);
    const auto result = signIn(client, QUrl(u"ws://127.0.0.1:%1/ws/chat/"_s.arg(port)), u"alice"_s, u"pw"_s);
    QVERIFY(result);
    QCOMPARE(result->outcome, SignInResult::Outcome::Network);
    QCOMPARE(result->httpStatus, 0);
    QVERIFY(!result->message.isEmpty());
}

void TestSignIn::silentServerTimesOut()
{
    QTcpServer silent; // accepts, never answers
    QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
    MemoryTokenStore store;
    SignInClient client(&store);
    client.setTimeoutMs(300);
    QElapsedTimer timer;
    timer.start();
    const auto result =
        signIn(client, QUrl(u"ws://127.0.0.1:%1/ws/chat/"_s.arg(silent.serverPort())), u"alice"_s, u"pw"_s);
    QVERIFY(result);
    QCOMPARE(result->outcome, SignInResult::Outcome::Network);
    QVERIFY(timer.elapsed() < 5'000);
}

void TestSignIn::selfSignedCertificateRefused()
{
    if (m_certificate.isNull())
        QSKIP("openssl or TLS support is missing: no certificate for the https stub.");
    AuthStubServer stub;
    QVERIFY(stub.listenTls(m_certificate, m_key));
    stub.addUser(u"alice"_s, u"correct horse"_s, u"42"_s);
    QCOMPARE(stub.serverUrl().scheme(), u"wss"_s);
    MemoryTokenStore store;
    SignInClient client(&store);

    const auto refused = signIn(client, stub.serverUrl(), u"alice"_s, u"correct horse"_s);
    QVERIFY(refused);
    QCOMPARE(refused->outcome, SignInResult::Outcome::Tls);
    QVERIFY(!refused->tlsErrors.isEmpty());
    QVERIFY2(refused->message.contains(u"self-signed"_s, Qt::CaseInsensitive), qPrintable(refused->message));
    qInfo("%s", qPrintable(refused->message));
    QVERIFY(stub.requests().isEmpty()); // the password never left
    QCOMPARE(readSecret(store, secretkeys::serverAccessToken(stub.serverUrl())).status,
             TokenStore::Status::NotFound);

    // Trusting that certificate explicitly (a private CA) makes the same server work.
    QSslConfiguration trusting = QSslConfiguration::defaultConfiguration();
    trusting.setCaCertificates({m_certificate});
    client.setSslConfiguration(trusting);
    const auto trusted = signIn(client, stub.serverUrl(), u"alice"_s, u"correct horse"_s);
    QVERIFY(trusted);
    QVERIFY2(trusted->ok(), qPrintable(trusted->message));
    QCOMPARE(stub.requests().size(), 1);
}

void TestSignIn::refreshRefused()
{
    AuthStubServer stub;
    QVERIFY(stub.listen());
    MemoryTokenStore store;
    QVERIFY(writeSecret(store, secretkeys::serverRefreshToken(stub.serverUrl()), u"not-a-token-we-issued"_s));
    SignInClient client(&store);
    const auto result = refresh(client, stub.serverUrl());
    QVERIFY(result);
    QCOMPARE(result->outcome, SignInResult::Outcome::BadCredentials);
    QCOMPARE(result->httpStatus, 401);
    QVERIFY(result->message.contains(u"invalid or expired"_s));
}

void TestSignIn::invalidServerUrl()
{
    MemoryTokenStore store;
    SignInClient client(&store);
    const auto result = signIn(client, QUrl(u"https://example.com/"_s), u"a"_s, u"b"_s);
    QVERIFY(result);
    QCOMPARE(result->outcome, SignInResult::Outcome::InvalidServerUrl);
    const auto refreshed = refresh(client, QUrl(u"ftp://example.com/"_s));
    QVERIFY(refreshed);
    QCOMPARE(refreshed->outcome, SignInResult::Outcome::InvalidServerUrl);
}

QTEST_GUILESS_MAIN(TestSignIn)
#include "tst_signin.moc"
