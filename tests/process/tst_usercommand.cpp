// promptcraft-engine's account commands (user add/passwd/remove/list/revoke) with passwords on standard
// input, sign-in through the REST API of a running engine process, the --config file with flags
// overriding it, and TLS from the command line.

#include "HttpProbe.h"
#include "WsProbe.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSslCertificate>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace pc::test;
using namespace Qt::Literals::StringLiterals;

namespace {

const QByteArray kSecret = "user-command-test-secret-0123456789-abcdefgh";

quint16 freePort()
{
    QTcpServer s;
    (void)s.listen(QHostAddress::LocalHost, 0);
    return s.serverPort();
}

QProcessEnvironment environment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"PROMPTCRAFT_JWT_SECRET"_s, QString::fromLatin1(kSecret));
    env.remove(u"DEEPSEEK_API_KEY"_s);
    return env;
}

struct Run {
    int code = -1;
    QByteArray out;
    QByteArray err;
    [[nodiscard]] QByteArray all() const { return out + err; }
};

// Runs the engine binary to completion with `input` on its standard input (a pipe, never a terminal).
Run runEngine(const QStringList& args, const QByteArray& input = {})
{
    QProcess p;
    p.setProcessEnvironment(environment());
    p.start(QStringLiteral(PC_ENGINE_BINARY), args);
    p.waitForStarted();
    if (!input.isEmpty())
        p.write(input);
    p.closeWriteChannel();
    p.waitForFinished(60000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

Run user(const QString& dataDir, const QStringList& args, const QByteArray& input = {})
{
    return runEngine(QStringList{u"user"_s} + args + QStringList{u"--data-dir"_s, dataDir}, input);
}

class Server {
public:
    explicit Server(const QStringList& args)
    {
        m_process.setProcessEnvironment(environment());
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        m_process.start(QStringLiteral(PC_ENGINE_BINARY), args);
    }
    ~Server()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.terminate();
            if (!m_process.waitForFinished(5000)) {
                m_process.kill();
                m_process.waitForFinished();
            }
        }
    }
    bool waitListening()
    {
        return QTest::qWaitFor(
                   [this] {
                       m_output += m_process.readAll();
                       return m_output.contains("listening on") || m_process.state() == QProcess::NotRunning;
                   },
                   15000) &&
               m_output.contains("listening on");
    }
    QByteArray output()
    {
        m_output += m_process.readAll();
        return m_output;
    }
    QProcess& process() { return m_process; }

private:
    QProcess m_process;
    QByteArray m_output;
};

QJsonObject credentials(const QString& user, const QString& password)
{
    return QJsonObject{{u"username"_s, user}, {u"password"_s, password}};
}

bool writeFile(const QString& path, const QByteArray& data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

} // namespace

class TestUserCommand : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void helpNamesTheNewCommandsAndFlags();
    void userLifecycle();
    void passwordNeedsATerminalOrStdin();
    void cliUsersSignInThroughTheRunningEngine();
    void configFileWithFlagsOverriding();
    void badConfigIsRefused_data();
    void badConfigIsRefused();
    void tlsFromTheCommandLine();
};

void TestUserCommand::helpNamesTheNewCommandsAndFlags()
{
    const Run help = runEngine({u"--help"_s});
    QCOMPARE(help.code, 0);
    for (const char* text :
         {"--config", "--tls-cert", "--tls-key", "user add", "/api/", "docs/configuration.md"})
        QVERIFY2(help.out.contains(text), text);
    const Run userHelp = runEngine({u"user"_s, u"--help"_s});
    QCOMPARE(userHelp.code, 0);
    for (const char* text : {"--password-stdin", "passwd", "remove", "list", "revoke"})
        QVERIFY2(userHelp.out.contains(text), text);
}

void TestUserCommand::userLifecycle()
{
    QTemporaryDir dir;
    const QString data = dir.path();
    Run r = user(data, {u"add"_s, u"alice"_s, u"--password-stdin"_s}, "first-secret-1\n");
    QVERIFY2(r.code == 0, r.all().constData());
    QVERIFY(r.out.contains("created user alice"));

    r = user(data, {u"list"_s});
    QCOMPARE(r.code, 0);
    const QList<QByteArray> columns = r.out.trimmed().split('\t');
    QCOMPARE(columns.value(0), "alice");
    QVERIFY(QDateTime::fromString(QString::fromLatin1(columns.value(1)), Qt::ISODate).isValid());
    QCOMPARE(columns.value(2), "password");
    QCOMPARE(columns.value(3), "0 refresh tokens");

    r = user(data, {u"add"_s, u"alice"_s, u"--password-stdin"_s}, "another-secret\n");
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains("already exists"), r.err.constData());
    r = user(data, {u"add"_s, u"bob"_s, u"--password-stdin"_s}, "short\n");
    QCOMPARE(r.code, 2);
    QVERIFY(r.err.contains("at least 8"));
    r = user(data, {u"add"_s, u"bad name"_s, u"--password-stdin"_s}, "long-enough-1\n");
    QCOMPARE(r.code, 2);
    r = user(data, {u"add"_s, u"carol"_s, u"--password-stdin"_s});
    QCOMPARE(r.code, 2);
    QVERIFY(r.err.contains("no password"));
    r = user(data, {u"add"_s, u"dave"_s, u"--password-stdin"_s}, "windows-line-1\r\n");
    QCOMPARE(r.code, 0);

    r = user(data, {u"passwd"_s, u"alice"_s, u"--password-stdin"_s}, "second-secret-2\n");
    QVERIFY2(r.code == 0, r.all().constData());
    r = user(data, {u"passwd"_s, u"nobody"_s, u"--password-stdin"_s}, "whatever-123\n");
    QCOMPARE(r.code, 1);
    QVERIFY(r.err.contains("no user named"));
    r = user(data, {u"revoke"_s, u"alice"_s});
    QCOMPARE(r.code, 0);
    QVERIFY(r.out.contains("revoked 0 refresh tokens of alice"));

    r = user(data, {u"remove"_s, u"alice"_s});
    QCOMPARE(r.code, 0);
    r = user(data, {u"remove"_s, u"alice"_s});
    QCOMPARE(r.code, 1);
    r = user(data, {u"list"_s});
    QCOMPARE(r.code, 0);
    QVERIFY(!r.out.contains("alice"));
    QVERIFY(r.out.startsWith("dave\t"));

    r = user(data, {u"frobnicate"_s, u"alice"_s});
    QCOMPARE(r.code, 2);
    r = user(data, {u"list"_s, u"alice"_s});
    QCOMPARE(r.code, 2);
    r = user(data, {u"add"_s});
    QCOMPARE(r.code, 2);

    // Passwords are never echoed, and the database holds only hashes.
    QFile db(QDir(data).filePath(u"engine.sqlite"_s));
    QVERIFY(db.open(QIODevice::ReadOnly));
    const QByteArray bytes = db.readAll();
    for (const char* password : {"first-secret-1", "second-secret-2", "windows-line-1"})
        QVERIFY2(!bytes.contains(password), password);
}

void TestUserCommand::passwordNeedsATerminalOrStdin()
{
    QTemporaryDir dir;
    const Run r = user(dir.path(), {u"add"_s, u"bob"_s}, "piped-password\n");
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains("--password-stdin"), r.err.constData());
    QVERIFY(!user(dir.path(), {u"list"_s}).out.contains("bob"));
}

void TestUserCommand::cliUsersSignInThroughTheRunningEngine()
{
    QTemporaryDir dir;
    QCOMPARE(user(dir.path(), {u"add"_s, u"alice"_s, u"--password-stdin"_s}, "alice-password\n").code, 0);
    const quint16 port = freePort();
    Server server({u"--listen"_s, u"127.0.0.1:%1"_s.arg(port), u"--data-dir"_s, dir.path()});
    QVERIFY2(server.waitListening(), server.output().constData());

    HttpProbe http(port);
    HttpResponse r = http.postJson("/api/auth/token/", credentials(u"alice"_s, u"alice-password"_s));
    QCOMPARE(r.status, 200);
    const QByteArray access = r.json().value(u"access").toString().toLatin1();
    const QJsonObject refresh{{u"refresh"_s, r.json().value(u"refresh").toString()}};
    WsProbe probe;
    QVERIFY(probe.open(QUrl(u"ws://127.0.0.1:%1/ws/chat/cli-user/"_s.arg(port)), access));
    QCOMPARE(probe.waitFor(u"connection_ack"_s).value(u"authenticated").toBool(), true);
    QCOMPARE(http.postJson("/api/auth/token/refresh/", refresh).status, 200);
    QVERIFY(user(dir.path(), {u"list"_s}).out.contains("1 refresh tokens"));

    // The running engine sees what the command changes in the database.
    QCOMPARE(user(dir.path(), {u"passwd"_s, u"alice"_s, u"--password-stdin"_s}, "changed-password\n").code,
             0);
    QCOMPARE(http.postJson("/api/auth/token/refresh/", refresh).status, 401);
    QCOMPARE(http.postJson("/api/auth/token/", credentials(u"alice"_s, u"alice-password"_s)).status, 401);
    r = http.postJson("/api/auth/token/", credentials(u"alice"_s, u"changed-password"_s));
    QCOMPARE(r.status, 200);
    const QJsonObject second{{u"refresh"_s, r.json().value(u"refresh").toString()}};
    const Run revoked = user(dir.path(), {u"revoke"_s, u"alice"_s});
    QCOMPARE(revoked.code, 0);
    QVERIFY(revoked.out.contains("revoked 1 refresh tokens"));
    QCOMPARE(http.postJson("/api/auth/token/refresh/", second).status, 401);

    // Neither tokens nor passwords in the engine's output.
    const QByteArray log = server.output();
    QVERIFY(log.contains("signed in alice"));
    QVERIFY(!log.contains("changed-password"));
    QVERIFY(!log.contains(access.mid(access.lastIndexOf('.') + 1)));
}

void TestUserCommand::configFileWithFlagsOverriding()
{
    QTemporaryDir dir;
    const quint16 port = freePort();
    const QString config = dir.filePath(u"engine.json"_s);
    QVERIFY(writeFile(
        config, QJsonDocument(
                    QJsonObject{
                        {u"_comment"_s, u"test configuration"_s},
                        {u"listen"_s, u"127.0.0.1:%1"_s.arg(port)},
                        {u"data_dir"_s, u"data"_s}, // relative to the file
                        {u"allow_anonymous"_s, true},
                        {u"allowed_origins"_s, QJsonArray{u"https://app.example.com"_s}},
                        {u"limits"_s,
                         QJsonObject{{u"max_request_body_bytes"_s, 2048}, {u"messages_per_minute"_s, 50}}},
                        {u"tokens"_s, QJsonObject{{u"access_ttl"_s, u"10m"_s}, {u"refresh_ttl"_s, u"2d"_s}}},
                    })
                    .toJson()));
    // `user` finds the data folder through the same file.
    QCOMPARE(runEngine({u"user"_s, u"add"_s, u"alice"_s, u"--password-stdin"_s, u"--config"_s, config},
                       "alice-password\n")
                 .code,
             0);
    QVERIFY(QFile::exists(dir.filePath(u"data/engine.sqlite"_s)));
    {
        Server server({u"--config"_s, config});
        QVERIFY2(server.waitListening(), server.output().constData());
        QVERIFY(server.output().contains(u"127.0.0.1:%1"_s.arg(port).toLatin1()));
        WsProbe anonymous;
        QVERIFY(anonymous.open(QUrl(u"ws://127.0.0.1:%1/ws/chat/anon/"_s.arg(port))));
        QCOMPARE(anonymous.waitFor(u"connection_ack"_s).value(u"authenticated").toBool(), false);
        HttpProbe http(port);
        const HttpResponse r = http.postJson("/api/auth/token/", credentials(u"alice"_s, u"alice-password"_s),
                                             {{"Origin", "https://app.example.com"}});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("Access-Control-Allow-Origin"), "https://app.example.com");
        // limits.max_request_body_bytes from the file.
        QCOMPARE(http.request("POST", "/api/auth/token/", QByteArray(4096, ' '),
                              {{"Content-Type", "application/json"}})
                     .status,
                 413);
    }
    // Flags win over the file.
    const quint16 other = freePort();
    Server server({u"--config"_s, config, u"--listen"_s, u"127.0.0.1:%1"_s.arg(other)});
    QVERIFY2(server.waitListening(), server.output().constData());
    QVERIFY(server.output().contains(u"127.0.0.1:%1"_s.arg(other).toLatin1()));
    QCOMPARE(HttpProbe(other).get("/health").status, 200);
}

void TestUserCommand::badConfigIsRefused_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QStringList>("extra");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown setting") << R"({"listn": "127.0.0.1:1"})"_ba << QStringList() << u"\"listn\""_s;
    QTest::newRow("unknown nested setting")
        << R"({"limits": {"max_mesage_bytes": 1}})"_ba << QStringList() << u"limits.max_mesage_bytes"_s;
    QTest::newRow("wrong type") << R"({"limits": {"max_message_bytes": "big"}})"_ba << QStringList()
                                << u"limits.max_message_bytes"_s;
    QTest::newRow("out of range") << R"({"limits": {"handshake_timeout_ms": 0}})"_ba << QStringList()
                                  << u"limits.handshake_timeout_ms"_s;
    QTest::newRow("bad listen") << R"({"listen": "everywhere"})"_ba << QStringList() << u"\"listen\""_s;
    QTest::newRow("bad duration") << R"({"tokens": {"access_ttl": "forever"}})"_ba << QStringList()
                                  << u"tokens.access_ttl"_s;
    QTest::newRow("bad origin") << R"({"allowed_origins": ["app.example.com"]})"_ba << QStringList()
                                << u"allowed_origins"_s;
    QTest::newRow("not JSON") << "listen = 1"_ba << QStringList() << u"not JSON"_s;
    QTest::newRow("array") << "[]"_ba << QStringList() << u"one JSON object"_s;
    QTest::newRow("key in providers")
        << R"({"providers": [{"name": "x", "base_url": "https://x.example", "model": "m", "api_key": "sk-123"}]})"_ba
        << QStringList() << u"keys do not belong in files"_s;
    QTest::newRow("TLS certificate without key")
        << "{}"_ba << QStringList{u"--tls-cert"_s, u"/nonexistent.pem"_s} << u"both"_s;
}

void TestUserCommand::badConfigIsRefused()
{
    QFETCH(QByteArray, content);
    QFETCH(QStringList, extra);
    QFETCH(QString, message);
    QTemporaryDir dir;
    const QString config = dir.filePath(u"engine.json"_s);
    QVERIFY(writeFile(config, content));
    const Run r = runEngine(QStringList{u"--config"_s, config, u"--data-dir"_s, dir.path(), u"--listen"_s,
                                        u"127.0.0.1:%1"_s.arg(freePort())} +
                            extra);
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(message.toUtf8()), r.err.constData());
    QVERIFY(!r.err.contains("sk-123"));
    // A missing file too.
    QCOMPARE(runEngine({u"--config"_s, dir.filePath(u"missing.json"_s)}).code, 2);
}

void TestUserCommand::tlsFromTheCommandLine()
{
    QTemporaryDir dir;
    const QString cert = dir.filePath(u"cert.pem"_s);
    const QString key = dir.filePath(u"key.pem"_s);
    QProcess openssl;
    openssl.start(u"openssl"_s, {u"req"_s, u"-x509"_s, u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s,
                                 u"ec_paramgen_curve:prime256v1"_s, u"-nodes"_s, u"-keyout"_s, key, u"-out"_s,
                                 cert, u"-days"_s, u"2"_s, u"-subj"_s, u"/CN=localhost"_s, u"-addext"_s,
                                 u"subjectAltName=DNS:localhost,IP:127.0.0.1"_s});
    QVERIFY(openssl.waitForFinished(60000));
    QCOMPARE(openssl.exitCode(), 0);
    const quint16 port = freePort();
    Server server({u"--listen"_s, u"127.0.0.1:%1"_s.arg(port), u"--data-dir"_s, dir.filePath(u"data"_s),
                   u"--tls-cert"_s, cert, u"--tls-key"_s, key});
    QVERIFY2(server.waitListening(), server.output().constData());
    QVERIFY(server.output().contains("listening on wss://"));
    QSslConfiguration trusting = QSslConfiguration::defaultConfiguration();
    trusting.setCaCertificates(QSslCertificate::fromPath(cert));
    QCOMPARE(HttpProbe(port, trusting).get("/health").status, 200);
}

QTEST_GUILESS_MAIN(TestUserCommand)
#include "tst_usercommand.moc"
