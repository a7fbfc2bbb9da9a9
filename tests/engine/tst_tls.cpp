// TLS on the engine's one port: https (REST, /health) and wss (chat) with a self-signed certificate
// made at test time by the openssl command; clients that trust it connect, clients that do not get a
// certificate error (nothing is silently ignored), plain clients get nothing.

#include "EngineFixture.h"
#include "HttpProbe.h"
#include "WsProbe.h"
#include "auth/UserAccounts.h"
#include "core/Clock.h"

#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace pc;
using namespace pc::test;
using namespace Qt::Literals::StringLiterals;

namespace {

struct CertFiles {
    QString cert;
    QString key;
};

// A self-signed server certificate for localhost and 127.0.0.1, valid for two days.
CertFiles makeCertificate(const QTemporaryDir& dir, const QString& name, const QStringList& keyArgs)
{
    const CertFiles files{dir.filePath(name + u"-cert.pem"_s), dir.filePath(name + u"-key.pem"_s)};
    QProcess openssl;
    openssl.setProcessChannelMode(QProcess::MergedChannels);
    openssl.start(u"openssl"_s,
                  QStringList{u"req"_s, u"-x509"_s} + keyArgs +
                      QStringList{u"-nodes"_s, u"-keyout"_s, files.key, u"-out"_s, files.cert, u"-days"_s,
                                  u"2"_s, u"-subj"_s, u"/CN=localhost"_s, u"-addext"_s,
                                  u"subjectAltName=DNS:localhost,IP:127.0.0.1"_s});
    if (!openssl.waitForFinished(60000) || openssl.exitCode() != 0) {
        qWarning() << "openssl failed:" << openssl.readAll();
        return {};
    }
    return files;
}

QSslConfiguration trusting(const QString& certFile)
{
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setCaCertificates(QSslCertificate::fromPath(certFile));
    return configuration;
}

EngineConfig tlsConfig(const CertFiles& files)
{
    EngineConfig config;
    config.tlsCertificateFile = files.cert;
    config.tlsPrivateKeyFile = files.key;
    return config;
}

} // namespace

class TestTls : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void httpsHealth_data();
    void httpsHealth();
    void wssChatSession_data();
    void wssChatSession();
    void signInOverHttpsThenWss();
    void untrustedClientGetsCertificateError();
    void untrustedWebSocketClientGetsCertificateError();
    void wrongHostNameIsRefused();
    void plainClientGetsNothing();
    void unfinishedTlsHandshakeIsClosed();
    void badFilesStopTheStart_data();
    void badFilesStopTheStart();

private:
    QTemporaryDir m_dir;
    CertFiles m_ec;
    CertFiles m_rsa;
};

void TestTls::initTestCase()
{
    QVERIFY(QSslSocket::supportsSsl());
    m_ec = makeCertificate(m_dir, u"ec"_s,
                           {u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s, u"ec_paramgen_curve:prime256v1"_s});
    QVERIFY2(!m_ec.cert.isEmpty(), "the openssl command is required");
    m_rsa = makeCertificate(m_dir, u"rsa"_s, {u"-newkey"_s, u"rsa:2048"_s});
    QVERIFY(!m_rsa.cert.isEmpty());
}

void TestTls::httpsHealth_data()
{
    QTest::addColumn<QString>("kind");
    QTest::newRow("EC key") << u"ec"_s;
    QTest::newRow("RSA key") << u"rsa"_s;
}

void TestTls::httpsHealth()
{
    QFETCH(QString, kind);
    const CertFiles& files = kind == u"ec" ? m_ec : m_rsa;
    EngineFixture fixture(tlsConfig(files));
    QVERIFY2(fixture.started(), qPrintable(fixture.startError()));
    QVERIFY(fixture.engine().isSecure());
    QCOMPARE(fixture.engine().url().scheme(), u"wss"_s);
    HttpProbe https(fixture.engine().port(), trusting(files.cert));
    const HttpResponse r = https.get("/health");
    QVERIFY2(https.sslErrors().isEmpty(), qPrintable(https.sslErrors().value(0).errorString()));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value(u"status").toString(), u"ok"_s);
    // The REST API answers over TLS as well.
    QCOMPARE(https.get("/api/templates/").status, 401);
}

void TestTls::wssChatSession_data()
{
    QTest::addColumn<bool>("tokenInQuery");
    QTest::newRow("Authorization header") << false;
    QTest::newRow("token query") << true;
}

void TestTls::wssChatSession()
{
    QFETCH(bool, tokenInQuery);
    EngineFixture fixture(tlsConfig(m_ec));
    QVERIFY(fixture.started());
    const QByteArray token = EngineFixture::token(u"tls-user"_s);
    WsProbe probe;
    probe.socket().setSslConfiguration(trusting(m_ec.cert));
    QSignalSpy sslErrors(&probe.socket(), &QWebSocket::sslErrors);
    // The decrypted socket reaches the chat endpoint with its path, query and headers intact.
    const QUrl url = fixture.sessionUrl(u"secure-session"_s,
                                        tokenInQuery ? u"token="_s + QString::fromLatin1(token) : QString());
    QCOMPARE(url.scheme(), u"wss"_s);
    QVERIFY(probe.open(url, tokenInQuery ? QByteArray() : token));
    QCOMPARE(sslErrors.size(), 0);
    const QJsonObject ack = probe.waitFor(u"connection_ack"_s);
    QCOMPARE(ack.value(u"session_id").toString(), u"secure-session"_s);
    QCOMPARE(ack.value(u"authenticated").toBool(), true);
    QCOMPARE(ack.value(u"user_id").toString(), u"tls-user"_s);
    probe.sendJson(QJsonObject{
        {u"type"_s, u"chat_message"_s}, {u"content"_s, u"hello over TLS"_s}, {u"message_id"_s, u"tls-1"_s}});
    const QJsonObject answer = probe.waitFor(u"message"_s);
    QCOMPARE(answer.value(u"reply_to").toString(), u"tls-1"_s);
}

void TestTls::signInOverHttpsThenWss()
{
    EngineFixture fixture(tlsConfig(m_rsa));
    UserAccounts accounts(fixture.engine().sharedStore(), Clock::system());
    const auto alice = accounts.add(u"alice"_s, u"alice-password"_s, 1000);
    QVERIFY(alice.ok());
    HttpProbe https(fixture.engine().port(), trusting(m_rsa.cert));
    const HttpResponse r = https.postJson(
        "/api/auth/token/", QJsonObject{{u"username"_s, u"alice"_s}, {u"password"_s, u"alice-password"_s}});
    QCOMPARE(r.status, 200);
    WsProbe probe;
    probe.socket().setSslConfiguration(trusting(m_rsa.cert));
    QVERIFY(
        probe.open(fixture.sessionUrl(u"after-sign-in"_s), r.json().value(u"access").toString().toLatin1()));
    QCOMPARE(probe.waitFor(u"connection_ack"_s).value(u"user_id").toString(), alice->id);
}

void TestTls::untrustedClientGetsCertificateError()
{
    EngineFixture fixture(tlsConfig(m_ec));
    // The system's CAs only: a self-signed certificate must be an error, never silently accepted.
    HttpProbe https(fixture.engine().port(), QSslConfiguration::defaultConfiguration());
    QVERIFY(!https.open(5000));
    QVERIFY(!https.sslErrors().isEmpty());
    const QSslError::SslError error = https.sslErrors().first().error();
    QVERIFY2(error == QSslError::SelfSignedCertificate || error == QSslError::SelfSignedCertificateInChain ||
                 error == QSslError::UnableToGetLocalIssuerCertificate ||
                 error == QSslError::CertificateUntrusted,
             qPrintable(https.sslErrors().first().errorString()));
    // The engine is fine for clients that trust it.
    QCOMPARE(HttpProbe(fixture.engine().port(), trusting(m_ec.cert)).get("/health").status, 200);
}

void TestTls::untrustedWebSocketClientGetsCertificateError()
{
    EngineFixture fixture(tlsConfig(m_ec));
    WsProbe probe;
    QSignalSpy sslErrors(&probe.socket(), &QWebSocket::sslErrors);
    QVERIFY(!probe.open(fixture.sessionUrl(u"untrusted"_s), EngineFixture::token(u"u"_s), {}, 5000));
    QVERIFY(sslErrors.size() >= 1);
    QVERIFY(probe.received().isEmpty());
}

void TestTls::wrongHostNameIsRefused()
{
    EngineFixture fixture(tlsConfig(m_ec));
    QSslSocket socket;
    socket.setSslConfiguration(trusting(m_ec.cert));
    QList<QSslError> errors;
    connect(&socket, &QSslSocket::sslErrors, this, [&errors](const QList<QSslError>& e) { errors += e; });
    socket.connectToHostEncrypted(u"127.0.0.1"_s, fixture.engine().port(), u"www.example.org"_s);
    QVERIFY(QTest::qWaitFor(
        [&] { return socket.isEncrypted() || socket.state() == QAbstractSocket::UnconnectedState; }, 5000));
    QVERIFY(!socket.isEncrypted());
    QVERIFY(std::any_of(errors.begin(), errors.end(),
                        [](const QSslError& e) { return e.error() == QSslError::HostNameMismatch; }));
}

void TestTls::plainClientGetsNothing()
{
    EngineFixture fixture(tlsConfig(m_ec));
    HttpProbe plain(fixture.engine().port());
    const HttpResponse r = plain.request("GET", "/health", {}, {}, 3000);
    QCOMPARE(r.status, 0); // no HTTP answer over an unencrypted connection
    QCOMPARE(HttpProbe(fixture.engine().port(), trusting(m_ec.cert)).get("/health").status, 200);
}

void TestTls::unfinishedTlsHandshakeIsClosed()
{
    EngineConfig config = tlsConfig(m_ec);
    config.handshakeTimeoutMs = 500;
    EngineFixture fixture(config);
    QTcpSocket silent;
    silent.connectToHost(QHostAddress::LocalHost, fixture.engine().port());
    QVERIFY(QTest::qWaitFor([&] { return silent.state() == QAbstractSocket::ConnectedState; }, 5000));
    // Never sends a ClientHello: the engine must not keep the descriptor.
    QVERIFY(QTest::qWaitFor([&] { return silent.state() == QAbstractSocket::UnconnectedState; }, 5000));
}

void TestTls::badFilesStopTheStart_data()
{
    QTest::addColumn<QString>("cert");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("message");
    QTest::newRow("missing certificate") << m_dir.filePath(u"nope.pem"_s) << m_ec.key << u"cannot read"_s;
    QTest::newRow("missing key") << m_ec.cert << m_dir.filePath(u"nope.pem"_s) << u"cannot read"_s;
    QTest::newRow("key as certificate") << m_ec.key << m_ec.key << u"no PEM certificate"_s;
    QTest::newRow("certificate as key") << m_ec.cert << m_ec.cert << u"no unencrypted PEM private key"_s;
    QTest::newRow("certificate only") << m_ec.cert << QString() << u"both"_s;
    QTest::newRow("key only") << QString() << m_ec.key << u"both"_s;
}

void TestTls::badFilesStopTheStart()
{
    QFETCH(QString, cert);
    QFETCH(QString, key);
    QFETCH(QString, message);
    EngineConfig config;
    config.tlsCertificateFile = cert;
    config.tlsPrivateKeyFile = key;
    EngineFixture fixture(config);
    QVERIFY(!fixture.started());
    QVERIFY2(fixture.startError().contains(message), qPrintable(fixture.startError()));
}

QTEST_GUILESS_MAIN(TestTls)
#include "tst_tls.moc"
