// The desktop client against a wss:// engine whose certificate it does not trust: the connection is
// refused and the reason reported plainly, never silently ignored.

#include "EngineFixture.h"
#include "client/ChatClient.h"

#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace pc;
using namespace pc::test;
using namespace Qt::Literals::StringLiterals;

class TestChatClientTls : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void untrustedCertificateIsRefusedAndReported();
};

void TestChatClientTls::untrustedCertificateIsRefusedAndReported()
{
    QTemporaryDir dir;
    const QString cert = dir.filePath(u"cert.pem"_s);
    const QString key = dir.filePath(u"key.pem"_s);
    QProcess openssl;
    openssl.setProcessChannelMode(QProcess::MergedChannels);
    openssl.start(u"openssl"_s,
                  {u"req"_s, u"-x509"_s, u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s, u"ec_paramgen_curve:P-256"_s,
                   u"-nodes"_s, u"-keyout"_s, key, u"-out"_s, cert, u"-days"_s, u"2"_s, u"-subj"_s,
                   u"/CN=localhost"_s, u"-addext"_s, u"subjectAltName=DNS:localhost,IP:127.0.0.1"_s});
    QVERIFY2(openssl.waitForFinished(60000) && openssl.exitCode() == 0, "the openssl command is required");

    EngineConfig config;
    config.tlsCertificateFile = cert;
    config.tlsPrivateKeyFile = key;
    EngineFixture f(config);
    QVERIFY2(f.started(), qPrintable(f.startError()));
    QCOMPARE(f.engine().url().scheme(), u"wss"_s);

    ChatClientOptions options;
    options.backoffBaseMs = 50;
    options.backoffCapMs = 100;
    options.watchNetworkReachability = false;
    ChatClient client(options);
    QSignalSpy rejected(&client, &ChatClient::certificateRejected);
    QSignalSpy acks(&client, &ChatClient::ack);
    QVERIFY(
        client.open(f.engine().url(), u"tls-session"_s, QString::fromLatin1(EngineFixture::token(u"u"_s))));
    QTRY_VERIFY_WITH_TIMEOUT(!rejected.isEmpty(), 10000);
    const QStringList problems = rejected.first().first().toStringList();
    QVERIFY(!problems.isEmpty());
    QVERIFY2(problems.join(u' ').contains(u"self"_s, Qt::CaseInsensitive) ||
                 problems.join(u' ').contains(u"not trusted"_s, Qt::CaseInsensitive),
             qPrintable(problems.join(u"; "_s)));
    QTest::qWait(300);
    QVERIFY(acks.isEmpty());
    QVERIFY(client.state() != ChatClient::State::Connected);
    client.close();
}

QTEST_GUILESS_MAIN(TestChatClientTls)
#include "tst_chatclienttls.moc"
