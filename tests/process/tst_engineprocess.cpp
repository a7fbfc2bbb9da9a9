// promptcraft-engine as a process: start-up checks, tokens from its command line and from a standard
// JWT library (Debian's python3-jwt), and a clean shutdown on SIGTERM/SIGINT with nothing lost.

#include "WsProbe.h"

#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace pc::test;
using namespace Qt::Literals::StringLiterals;

namespace {

const QByteArray kSecret = "process-test-secret-0123456789-abcdefghijklmn";

quint16 freePort()
{
    QTcpServer s;
    (void)s.listen(QHostAddress::LocalHost, 0);
    return s.serverPort();
}

class EngineProcess {
public:
    explicit EngineProcess(const QString& dataDir, QStringList extra = {}, QByteArray secret = kSecret)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(u"PROMPTCRAFT_JWT_SECRET"_s);
        if (!secret.isEmpty())
            env.insert(u"PROMPTCRAFT_JWT_SECRET"_s, QString::fromLatin1(secret));
        m_process.setProcessEnvironment(env);
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        port = freePort();
        m_process.start(QStringLiteral(PC_ENGINE_BINARY),
                        QStringList{u"--listen"_s, u"127.0.0.1:%1"_s.arg(port), u"--data-dir"_s, dataDir} +
                            extra);
    }
    ~EngineProcess()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished();
        }
    }
    bool waitListening()
    {
        return QTest::qWaitFor(
                   [this] {
                       m_output += m_process.readAll();
                       return m_output.contains("listening on") || m_process.state() == QProcess::NotRunning;
                   },
                   10000) &&
               m_output.contains("listening on");
    }
    QUrl url(const QString& session) const
    {
        return QUrl(u"ws://127.0.0.1:%1/ws/chat/%2/"_s.arg(port).arg(session));
    }
    QProcess& process() { return m_process; }
    QByteArray output()
    {
        m_output += m_process.readAll();
        return m_output;
    }
    quint16 port = 0;

private:
    QProcess m_process;
    QByteArray m_output;
};

QByteArray runEngine(const QStringList& args, int* exitCode, const QByteArray& secret = kSecret,
                     QByteArray* stdoutOnly = nullptr)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(u"PROMPTCRAFT_JWT_SECRET"_s);
    if (!secret.isEmpty())
        env.insert(u"PROMPTCRAFT_JWT_SECRET"_s, QString::fromLatin1(secret));
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(PC_ENGINE_BINARY), args);
    p.waitForFinished(15000);
    *exitCode = p.exitCode();
    const QByteArray out = p.readAllStandardOutput();
    if (stdoutOnly)
        *stdoutOnly = out;
    return out + p.readAllStandardError();
}

} // namespace

class TestEngineProcess : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void versionAndHelp();
    void refusesShortSecret();
    void refusesToStartWithoutSecretOrAnonymous();
    void tokenCommandTokenIsAccepted();
    void pythonJwtTokenIsAccepted();
    void sigtermShutsDownCleanlyWithNothingLost_data();
    void sigtermShutsDownCleanlyWithNothingLost();
};

void TestEngineProcess::versionAndHelp()
{
    int code = -1;
    QVERIFY(runEngine({u"--version"_s}, &code).contains("promptcraft-engine " PC_VERSION));
    QCOMPARE(code, 0);
    const QByteArray help = runEngine({u"--help"_s}, &code);
    QCOMPARE(code, 0);
    QVERIFY(help.contains("--listen"));
    QVERIFY(help.contains("--allow-anonymous"));
    QVERIFY(help.contains("PROMPTCRAFT_JWT_SECRET"));
}

void TestEngineProcess::refusesShortSecret()
{
    QTemporaryDir dir;
    int code = -1;
    const QByteArray out = runEngine({u"--data-dir"_s, dir.path(), u"--listen"_s, u"127.0.0.1:0"_s}, &code,
                                     "only-thirty-one-bytes-long-1234");
    QCOMPARE(code, 2);
    QVERIFY2(out.contains("at least 32"), out.constData());
    QVERIFY(!out.contains("only-thirty-one")); // the secret itself is never printed

    QFile file(dir.filePath(u"secret"_s));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("short\n");
    file.close();
    const QByteArray fromFile = runEngine({u"--data-dir"_s, dir.path(), u"--listen"_s, u"127.0.0.1:0"_s,
                                           u"--jwt-secret-file"_s, file.fileName()},
                                          &code, {});
    QCOMPARE(code, 2);
    QVERIFY(fromFile.contains("at least 32"));
}

void TestEngineProcess::refusesToStartWithoutSecretOrAnonymous()
{
    QTemporaryDir dir;
    int code = -1;
    const QByteArray out =
        runEngine({u"--data-dir"_s, dir.path(), u"--listen"_s, u"127.0.0.1:0"_s}, &code, {});
    QCOMPARE(code, 2);
    QVERIFY(out.contains("PROMPTCRAFT_JWT_SECRET"));
}

void TestEngineProcess::tokenCommandTokenIsAccepted()
{
    QTemporaryDir dir;
    int code = -1;
    QByteArray token;
    runEngine({u"token"_s, u"--user"_s, u"alice"_s, u"--ttl"_s, u"10m"_s, u"--data-dir"_s, dir.path()}, &code,
              kSecret, &token);
    token = token.trimmed();
    QCOMPARE(code, 0);
    QCOMPARE(token.count('.'), 2);
    EngineProcess engine(dir.path());
    QVERIFY2(engine.waitListening(), engine.output().constData());
    WsProbe probe;
    QVERIFY(probe.open(engine.url(u"s1"_s), token));
    const QJsonObject ack = probe.waitFor(u"connection_ack"_s);
    QCOMPARE(ack.value(u"authenticated").toBool(), true);
    QVERIFY(!ack.value(u"user_id").toString().isEmpty());
    // The token is in no log line.
    QVERIFY(!engine.output().contains(token.mid(token.lastIndexOf('.') + 1)));
}

void TestEngineProcess::pythonJwtTokenIsAccepted()
{
    // simplejwt's claims, minted by PyJWT (Debian's python3-jwt), outside the project.
    const QString script = uR"(import jwt, time, uuid, sys
now = int(time.time())
print(jwt.encode({"token_type": "access", "exp": now + 600, "iat": now, "jti": uuid.uuid4().hex,
                  "user_id": 4242}, sys.argv[1], algorithm="HS256"))
)"_s;
    QProcess python;
    python.start(u"/usr/bin/python3"_s, {u"-c"_s, script, QString::fromLatin1(kSecret)});
    QVERIFY(python.waitForFinished(15000));
    QVERIFY2(python.exitCode() == 0,
             qPrintable(u"python3-jwt is required (the set-up script installs it): "_s +
                        QString::fromUtf8(python.readAllStandardError())));
    const QByteArray token = python.readAllStandardOutput().trimmed();

    QTemporaryDir dir;
    EngineProcess engine(dir.path());
    QVERIFY2(engine.waitListening(), engine.output().constData());
    WsProbe probe;
    QVERIFY(probe.open(engine.url(u"py"_s), token));
    const QJsonObject ack = probe.waitFor(u"connection_ack"_s);
    QCOMPARE(ack.value(u"authenticated").toBool(), true);
    QCOMPARE(ack.value(u"user_id").toString(), u"4242"_s);
}

void TestEngineProcess::sigtermShutsDownCleanlyWithNothingLost_data()
{
    QTest::addColumn<int>("signal");
    QTest::newRow("SIGTERM") << int(SIGTERM);
    QTest::newRow("SIGINT") << int(SIGINT);
}

void TestEngineProcess::sigtermShutsDownCleanlyWithNothingLost()
{
    QFETCH(int, signal);
    QTemporaryDir dir;
    {
        EngineProcess engine(dir.path(), {u"--allow-anonymous"_s});
        QVERIFY2(engine.waitListening(), engine.output().constData());
        WsProbe probe;
        QVERIFY(probe.open(engine.url(u"keep"_s)));
        QVERIFY(!probe.waitFor(u"connection_ack"_s).isEmpty());
        for (int i = 0; i < 20; ++i)
            probe.sendJson(QJsonObject{{u"type"_s, u"chat_message"_s},
                                       {u"content"_s, u"message %1"_s.arg(i)},
                                       {u"message_id"_s, u"k%1"_s.arg(i)}});
        QTRY_COMPARE(probe.receivedOfType(u"message"_s).size(), 20);
        ::kill(pid_t(engine.process().processId()), signal);
        QVERIFY(engine.process().waitForFinished(10000));
        QCOMPARE(engine.process().exitStatus(), QProcess::NormalExit);
        QCOMPARE(engine.process().exitCode(), 0);
        QVERIFY(probe.waitForClosed());
    }
    {
        const QString name = u"check"_s;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
            db.setDatabaseName(dir.filePath(u"engine.sqlite"_s));
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(u"PRAGMA integrity_check"_s) && q.next());
            QCOMPARE(q.value(0).toString(), u"ok"_s);
            QVERIFY(q.exec(u"SELECT COUNT(*) FROM messages WHERE session_id = 'keep'"_s) && q.next());
            QCOMPARE(q.value(0).toInt(), 40);
        }
        QSqlDatabase::removeDatabase(name);
    }
}

QTEST_GUILESS_MAIN(TestEngineProcess)
#include "tst_engineprocess.moc"
