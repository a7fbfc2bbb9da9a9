// ServerSession against a real engine on loopback (REST sign-in, refresh and revoke): the stored token
// handed out, renewed ahead of its expiry (timed by its own lifetime) and when the server refuses it,
// a stale stored token renewed before connecting, a revoked refresh token asking for a real sign-in, a
// server that keeps refusing fresh tokens not looping, and an unreachable server retried later.
#include "EngineFixture.h"
#include "auth/JwtVerifier.h"
#include "auth/UserAccounts.h"
#include "client/ServerSession.h"
#include "client/SignInClient.h"
#include "core/Clock.h"
#include "secrets/MemoryTokenStore.h"
#include "secrets/SecretKeys.h"

#include <QDateTime>
#include <QSignalSpy>
#include <QTest>

using namespace pc;
using namespace pc::test;
using namespace Qt::Literals::StringLiterals;

namespace {

constexpr int FastIterations = 1000;

EngineConfig config(qint64 accessTtlSecs = 15 * 60)
{
    EngineConfig c;
    c.accessTokenTtlSecs = accessTtlSecs;
    return c;
}

QString addUser(EngineFixture& fixture, const QString& name, const QString& password)
{
    UserAccounts accounts(fixture.engine().sharedStore(), Clock::system());
    const auto user = accounts.add(name, password, FastIterations);
    return user ? user->id : QString();
}

QString readSecret(TokenStore& store, const QString& key)
{
    QSignalSpy spy(&store, &TokenStore::readFinished);
    store.read(key);
    if (!spy.wait(5000))
        return {};
    return spy.at(0).at(2).value<TokenStore::Status>() == TokenStore::Status::Ok ? spy.at(0).at(3).toString()
                                                                                 : QString();
}

// Signs alice in through the REST API; the tokens land in `store`.
bool signIn(TokenStore& store, const QUrl& server)
{
    SignInClient client(&store);
    QSignalSpy spy(&client, &SignInClient::signInFinished);
    client.signIn(server, u"alice"_s, u"alice-password"_s);
    return spy.wait(10'000) && spy.at(0).at(0).value<SignInResult>().ok();
}

// A real engine with alice's account, and alice signed in through its REST API: her tokens are in
// `store`.
struct SignedInEngine {
    explicit SignedInEngine(qint64 accessTtlSecs = 15 * 60)
        : fixture(config(accessTtlSecs))
    {
        ready = fixture.started() && !addUser(fixture, u"alice"_s, u"alice-password"_s).isEmpty() &&
                signIn(store, fixture.engine().url());
    }
    EngineFixture fixture;
    MemoryTokenStore store;
    bool ready = false;
};

// The token of the next accessTokenChanged().
QString nextToken(QSignalSpy& spy, int timeoutMs = 10'000)
{
    const qsizetype before = spy.size();
    if (!QTest::qWaitFor([&] { return spy.size() > before; }, timeoutMs))
        return u"(none)"_s;
    return spy.last().at(1).toString();
}

// A JWT-shaped text with the given payload (no valid signature: the session never verifies).
QString fakeJwt(const QByteArray& payload)
{
    const auto part = [](const QByteArray& bytes) {
        return QString::fromLatin1(
            bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    };
    return part(R"({"alg":"HS256","typ":"JWT"})") + u'.' + part(payload) + u".c2ln"_s;
}

} // namespace

class TestServerSession : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void claimsReadWithoutVerifying();
    void storedTokenHandedOutAndRenewedAheadOfExpiry();
    void staleStoredTokenRenewedBeforeConnecting();
    void shortLivedTokensRenewedHalfWay();
    void refusedTokenRenewedOnceThenSignInRequired();
    void revokedRefreshTokenAsksForSignIn();
    void unreachableServerRetriedLater();
    void nothingStoredConnectsAnonymously();
};

void TestServerSession::claimsReadWithoutVerifying()
{
    QCOMPARE(ServerSession::expiresAt(fakeJwt(R"({"exp":1700000900,"iat":1700000000})")), 1'700'000'900);
    QCOMPARE(ServerSession::issuedAt(fakeJwt(R"({"exp":1700000900,"iat":1700000000})")), 1'700'000'000);
    QCOMPARE(ServerSession::expiresAt(fakeJwt(R"({"iat":1700000000})")), std::nullopt);
    QCOMPARE(ServerSession::expiresAt(fakeJwt(R"({"exp":"soon"})")), std::nullopt);
    QCOMPARE(ServerSession::expiresAt(fakeJwt("not json")), std::nullopt);
    QCOMPARE(ServerSession::expiresAt(u"opaque-token"_s), std::nullopt);
    QCOMPARE(ServerSession::expiresAt(u"a.b*c!.d"_s), std::nullopt);
    QCOMPARE(ServerSession::expiresAt(QString()), std::nullopt);
}

void TestServerSession::storedTokenHandedOutAndRenewedAheadOfExpiry()
{
    SignedInEngine engine;
    QVERIFY(engine.ready);
    EngineFixture& fixture = engine.fixture;
    MemoryTokenStore& store = engine.store;
    const QUrl server = fixture.engine().url();
    const QString stored = readSecret(store, secretkeys::serverAccessToken(server));
    QVERIFY(!stored.isEmpty());

    ServerSession session(&store);
    QSignalSpy tokens(&session, &ServerSession::accessTokenChanged);
    session.open(server);
    QVERIFY(tokens.isEmpty()); // the keychain answers later
    QCOMPARE(nextToken(tokens), stored);
    QCOMPARE(tokens.last().at(0).toUrl(), server);
    // Due a minute before the 15-minute token expires.
    const qint64 dueSecs = *ServerSession::expiresAt(stored) - ServerSession::RefreshMarginSecs -
                           QDateTime::currentSecsSinceEpoch();
    QVERIFY2(qAbs(session.refreshDelayMs() / 1000 - dueSecs) <= 2,
             qPrintable(QString::number(session.refreshDelayMs())));

    QCOMPARE(session.accessToken(), stored);
}

void TestServerSession::staleStoredTokenRenewedBeforeConnecting()
{
    SignedInEngine engine;
    QVERIFY(engine.ready);
    EngineFixture& fixture = engine.fixture;
    MemoryTokenStore& store = engine.store;
    const QUrl server = fixture.engine().url();
    const QString stored = readSecret(store, secretkeys::serverAccessToken(server));

    // The app was closed for an hour: the stored access token has expired, the refresh token has not.
    ServerSession session(&store);
    session.setClock([] { return QDateTime::currentSecsSinceEpoch() + 3600; });
    QSignalSpy tokens(&session, &ServerSession::accessTokenChanged);
    QSignalSpy signIn(&session, &ServerSession::signInRequired);
    session.open(server);
    const QString first = nextToken(tokens);
    QVERIFY(first != stored); // never handed out the stale one
    QVERIFY(JwtVerifier(EngineFixture::secret()).verify(first.toLatin1()).ok());
    QCOMPARE(tokens.size(), 1);
    QVERIFY(signIn.isEmpty());
}

void TestServerSession::shortLivedTokensRenewedHalfWay()
{
    // Tokens that live 4 s are renewed after about 2 s, for real, again and again; timed by their own
    // lifetime, so a local clock an hour ahead of the server's changes nothing.
    SignedInEngine engine(4);
    QVERIFY(engine.ready);
    EngineFixture& fixture = engine.fixture;
    MemoryTokenStore& store = engine.store;
    const QUrl server = fixture.engine().url();

    ServerSession session(&store);
    session.setClock([] { return QDateTime::currentSecsSinceEpoch() + 3600; });
    QSignalSpy tokens(&session, &ServerSession::accessTokenChanged);
    session.open(server);
    const QString first = nextToken(tokens);
    QVERIFY(first != u"(none)"_s);
    QVERIFY2(session.refreshDelayMs() > 1'000 && session.refreshDelayMs() <= 2'000,
             qPrintable(QString::number(session.refreshDelayMs())));
    const QString second = nextToken(tokens, 6'000);
    QVERIFY(second != first && second != u"(none)"_s);
    // Half of the token's own lifetime (exp - iat = 4 s).
    QVERIFY2(session.refreshDelayMs() > 1'000 && session.refreshDelayMs() <= 2'000,
             qPrintable(QString::number(session.refreshDelayMs())));
    const QString third = nextToken(tokens, 6'000);
    QVERIFY(third != second && third != u"(none)"_s);
}

void TestServerSession::refusedTokenRenewedOnceThenSignInRequired()
{
    SignedInEngine engine;
    QVERIFY(engine.ready);
    EngineFixture& fixture = engine.fixture;
    MemoryTokenStore& store = engine.store;
    const QUrl server = fixture.engine().url();

    ServerSession session(&store);
    QSignalSpy tokens(&session, &ServerSession::accessTokenChanged);
    QSignalSpy signInRequired(&session, &ServerSession::signInRequired);
    session.open(server);
    const QString first = nextToken(tokens);

    session.tokenRefused();
    const QString renewed = nextToken(tokens);
    QVERIFY(renewed != first && renewed != u"(none)"_s);
    // A new access token, signed by the engine's key, stored in the keychain.
    QVERIFY(JwtVerifier(EngineFixture::secret()).verify(renewed.toLatin1()).ok());
    QCOMPARE(readSecret(store, secretkeys::serverAccessToken(server)), renewed);
    QCOMPARE(session.accessToken(), renewed);
    QVERIFY(session.isRefreshScheduled());
    // Refused again before any connection succeeded: another refresh would only loop.
    session.tokenRefused();
    QCOMPARE(signInRequired.size(), 1);
    QCOMPARE(signInRequired.at(0).at(0).toUrl(), server);
    QVERIFY(!signInRequired.at(0).at(1).toString().isEmpty());

    // After a connection succeeds, a later refusal is renewed again.
    session.connected();
    session.tokenRefused();
    QVERIFY(nextToken(tokens) != renewed);
    QCOMPARE(signInRequired.size(), 1);
}

void TestServerSession::revokedRefreshTokenAsksForSignIn()
{
    SignedInEngine engine;
    QVERIFY(engine.ready);
    EngineFixture& fixture = engine.fixture;
    MemoryTokenStore& store = engine.store;
    const QUrl server = fixture.engine().url();

    ServerSession session(&store);
    QSignalSpy tokens(&session, &ServerSession::accessTokenChanged);
    QSignalSpy signInRequired(&session, &ServerSession::signInRequired);
    session.open(server);
    const QString first = nextToken(tokens);

    // The administrator signs alice out everywhere (promptcraft-engine user revoke alice).
    UserAccounts accounts(fixture.engine().sharedStore(), Clock::system());
    QCOMPARE(accounts.revokeTokens(u"alice"_s).value(), 1);
    session.tokenRefused();
    QTRY_COMPARE_WITH_TIMEOUT(signInRequired.size(), 1, 10'000);
    QCOMPARE(tokens.size(), 1); // nothing new handed out
    QVERIFY(!session.isRefreshScheduled());
    QCOMPARE(session.accessToken(), first);
}

void TestServerSession::unreachableServerRetriedLater()
{
    SignedInEngine engine;
    QVERIFY(engine.ready);
    EngineFixture& fixture = engine.fixture;
    MemoryTokenStore& store = engine.store;
    const QUrl server = fixture.engine().url();

    ServerSession session(&store);
    QSignalSpy tokens(&session, &ServerSession::accessTokenChanged);
    QSignalSpy signInRequired(&session, &ServerSession::signInRequired);
    session.open(server);
    const QString first = nextToken(tokens);

    fixture.engine().shutdown();
    session.tokenRefused();
    // The refresh fails (connection refused): kept signed in, tried again in FirstRetryMs.
    QTRY_VERIFY_WITH_TIMEOUT(session.refreshDelayMs() == ServerSession::FirstRetryMs, 10'000);
    QVERIFY(signInRequired.isEmpty());
    QCOMPARE(session.accessToken(), first);

    // The server is back before the retry: the retry renews.
    QVERIFY(fixture.restart());
    const QString renewed = nextToken(tokens, ServerSession::FirstRetryMs + 5'000);
    QVERIFY(renewed != first && renewed != u"(none)"_s);
    QVERIFY(signInRequired.isEmpty());
}

void TestServerSession::nothingStoredConnectsAnonymously()
{
    MemoryTokenStore store;
    ServerSession session(&store);
    QSignalSpy tokens(&session, &ServerSession::accessTokenChanged);
    QSignalSpy signInRequired(&session, &ServerSession::signInRequired);
    const QUrl server(u"ws://127.0.0.1:9/ws/chat/"_s);
    session.open(server);
    QCOMPARE(nextToken(tokens), QString());
    QVERIFY(!session.isRefreshScheduled());
    // Refused without a token: nothing to renew with, so a real sign-in is needed.
    session.tokenRefused();
    QTRY_COMPARE(signInRequired.size(), 1);
    QCOMPARE(tokens.size(), 1);

    // close(): a late answer for the old server is not reported.
    session.open(server);
    session.close();
    QTest::qWait(50);
    QCOMPARE(tokens.size(), 1);
}

QTEST_GUILESS_MAIN(TestServerSession)
#include "tst_serversession.moc"
