// `promptcraft-engine templates export|import` as a process: a template saved over the chat protocol
// by the running engine is exported, imported for another user (new versions on re-import), and
// invalid files are reported without storing anything from them.

#include "TemplateFormat.h"
#include "WsProbe.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace pc;
using namespace pc::test;
using namespace Qt::Literals::StringLiterals;

namespace {

const QByteArray kSecret = "template-cli-secret-0123456789-abcdefghijklmn";
const QString AeroPress =
    u"Write a product description for the AeroPress coffee maker, highlighting portability, in 100 words"_s;

QProcessEnvironment engineEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"PROMPTCRAFT_JWT_SECRET"_s, QString::fromLatin1(kSecret));
    // The built-in rules only: no provider from the environment of whoever runs the tests.
    for (const QString& name : env.keys())
        if (name.startsWith(u"DEEPSEEK_") || name.startsWith(u"PROMPTCRAFT_FALLBACK_"))
            env.remove(name);
    return env;
}

struct Run {
    int code = -1;
    QByteArray out;
    QByteArray err;
};

Run runEngine(const QStringList& args)
{
    QProcess p;
    p.setProcessEnvironment(engineEnvironment());
    p.start(QStringLiteral(PC_ENGINE_BINARY), args);
    Run r;
    if (!p.waitForFinished(15000))
        return r;
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

quint16 freePort()
{
    QTcpServer s;
    (void)s.listen(QHostAddress::LocalHost, 0);
    return s.serverPort();
}

bool writeFile(const QString& path, const QByteArray& contents)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(contents) == contents.size();
}

QJsonArray exported(const QString& dataDir, const QString& user)
{
    const Run r = runEngine({u"templates"_s, u"export"_s, u"--user"_s, user, u"--data-dir"_s, dataDir});
    if (r.code != 0)
        return {};
    return QJsonDocument::fromJson(r.out).array();
}

} // namespace

class TestTemplateCli : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void help();
    void exportSavedTemplateThenImportForAnotherUser();
    void invalidFilesReportedValidOnesStored();
    void usageErrors();

private:
    QTemporaryDir m_dir;
    QString m_templateFile;
};

void TestTemplateCli::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // Alice saves a template over the chat protocol of a running engine (rules only).
    const Run token = runEngine({u"token"_s, u"--user"_s, u"alice"_s, u"--data-dir"_s, m_dir.path()});
    QCOMPARE(token.code, 0);
    QCOMPARE(runEngine({u"token"_s, u"--user"_s, u"bob"_s, u"--data-dir"_s, m_dir.path()}).code, 0);

    QProcess engine;
    engine.setProcessEnvironment(engineEnvironment());
    engine.setProcessChannelMode(QProcess::MergedChannels);
    const quint16 port = freePort();
    engine.start(QStringLiteral(PC_ENGINE_BINARY),
                 {u"--listen"_s, u"127.0.0.1:%1"_s.arg(port), u"--data-dir"_s, m_dir.path()});
    QByteArray output;
    QVERIFY(QTest::qWaitFor(
        [&] {
            output += engine.readAll();
            return output.contains("listening on") || engine.state() == QProcess::NotRunning;
        },
        10000));
    QVERIFY2(output.contains("listening on"), output.constData());
    {
        WsProbe probe;
        QVERIFY(probe.open(QUrl(u"ws://127.0.0.1:%1/ws/chat/shop/"_s.arg(port)), token.out.trimmed()));
        QVERIFY(!probe.waitFor(u"connection_ack"_s).isEmpty());
        probe.sendJson(QJsonObject{
            {u"type"_s, u"chat_message"_s}, {u"content"_s, AeroPress}, {u"message_id"_s, u"m1"_s}});
        QVERIFY(!probe.waitFor(u"message"_s).isEmpty());
        probe.sendJson(QJsonObject{{u"type"_s, u"save_conversation_as_template"_s},
                                   {u"title"_s, u"Product description"_s},
                                   {u"include_ai_responses"_s, false}});
        QVERIFY(!probe.waitFor(u"template_created"_s).isEmpty());
    }
    ::kill(pid_t(engine.processId()), SIGTERM);
    QVERIFY(engine.waitForFinished(10000));
}

void TestTemplateCli::help()
{
    const Run r = runEngine({u"templates"_s, u"--help"_s});
    QCOMPARE(r.code, 0);
    QVERIFY(r.out.contains("templates export --user NAME [--out FILE|-]"));
    QVERIFY(r.out.contains("templates import --user NAME FILE..."));
    QVERIFY(r.out.contains("JSON array"));
}

void TestTemplateCli::exportSavedTemplateThenImportForAnotherUser()
{
    // To standard output, and to a file: the same JSON array of promptcraft.template/1 objects.
    const QJsonArray alice = exported(m_dir.path(), u"alice"_s);
    QCOMPARE(alice.size(), 1);
    const QJsonObject t = alice.at(0).toObject();
    QCOMPARE(t.value(u"schema").toString(), u"promptcraft.template/1"_s);
    QCOMPARE(t.value(u"title").toString(), u"Product description"_s);
    QVERIFY(t.value(u"body").toString().contains(u"{{product}}"));
    QCOMPARE(t.value(u"source").toObject().value(u"session_id").toString(), u"shop"_s);
    QVERIFY(TemplateFormat::fromJson(t).ok());

    m_templateFile = m_dir.filePath(u"alice.json"_s);
    const Run toFile = runEngine({u"templates"_s, u"export"_s, u"--user"_s, u"alice"_s, u"--out"_s,
                                  m_templateFile, u"--data-dir"_s, m_dir.path()});
    QCOMPARE(toFile.code, 0);
    QVERIFY(toFile.err.contains("exported 1 template"));
    QFile file(m_templateFile);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(QJsonDocument::fromJson(file.readAll()).array(), alice);

    QCOMPARE(exported(m_dir.path(), u"bob"_s).size(), 0);
    const Run first = runEngine(
        {u"templates"_s, u"import"_s, u"--user"_s, u"bob"_s, u"--data-dir"_s, m_dir.path(), m_templateFile});
    QVERIFY2(first.code == 0, first.err.constData());
    QVERIFY2(first.out.contains("imported \"Product description\" as version 1"), first.out.constData());
    const Run second = runEngine(
        {u"templates"_s, u"import"_s, u"--user"_s, u"bob"_s, u"--data-dir"_s, m_dir.path(), m_templateFile});
    QCOMPARE(second.code, 0);
    QVERIFY2(second.out.contains("as version 2"), second.out.constData());

    const QJsonArray bob = exported(m_dir.path(), u"bob"_s);
    QCOMPARE(bob.size(), 1);
    const QJsonObject b = bob.at(0).toObject();
    QCOMPARE(b.value(u"version").toInt(), 2);
    QVERIFY(b.value(u"id").toString() != t.value(u"id").toString()); // Bob's own template
    QCOMPARE(b.value(u"body").toString(), t.value(u"body").toString());
    QCOMPARE(b.value(u"variables").toArray(), t.value(u"variables").toArray());
    // Alice's template is untouched.
    QCOMPARE(exported(m_dir.path(), u"alice"_s), alice);
}

void TestTemplateCli::invalidFilesReportedValidOnesStored()
{
    const QString valid = m_dir.filePath(u"valid.json"_s);
    QVERIFY(writeFile(valid, QJsonDocument(QJsonObject{{u"schema"_s, u"promptcraft.template/1"_s},
                                                       {u"title"_s, u"Team status email"_s},
                                                       {u"body"_s, u"Write an email to {{audience}}."_s}})
                                 .toJson()));
    const QString notJson = m_dir.filePath(u"broken.json"_s);
    QVERIFY(writeFile(notJson, "{\"schema\": \"promptcraft.template/1\", "));
    const QString badTemplate = m_dir.filePath(u"bad.json"_s);
    const QJsonObject unused{{u"schema"_s, u"promptcraft.template/1"_s},
                             {u"title"_s, u"Unused variable"_s},
                             {u"body"_s, u"No placeholders here."_s},
                             {u"variables"_s, QJsonArray{QJsonObject{{u"name"_s, u"topic"_s}}}}};
    const QJsonObject okInSameFile{{u"schema"_s, u"promptcraft.template/1"_s},
                                   {u"title"_s, u"Fine but in a bad file"_s},
                                   {u"body"_s, u"Summarize {{text}}."_s}};
    QVERIFY(writeFile(badTemplate, QJsonDocument(QJsonArray{okInSameFile, unused}).toJson()));
    const QString missing = m_dir.filePath(u"missing.json"_s);

    const Run r = runEngine({u"templates"_s, u"import"_s, u"--user"_s, u"alice"_s, u"--data-dir"_s,
                             m_dir.path(), notJson, valid, badTemplate, missing});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains("broken.json: not JSON"), r.err.constData());
    QVERIFY2(r.err.contains("bad.json [1]: ") && r.err.contains("topic"), r.err.constData());
    QVERIFY(r.err.contains("bad.json: not imported"));
    QVERIFY(r.err.contains("missing.json: cannot read"));
    QVERIFY2(r.err.contains("3 file(s) not imported"), r.err.constData());
    QVERIFY2(r.out.contains("valid.json: imported \"Team status email\" as version 1"), r.out.constData());

    QStringList titles;
    for (const QJsonValue& v : exported(m_dir.path(), u"alice"_s))
        titles.append(v.toObject().value(u"title").toString());
    QCOMPARE(titles, (QStringList{u"Product description"_s, u"Team status email"_s}));
}

void TestTemplateCli::usageErrors()
{
    QCOMPARE(runEngine({u"templates"_s}).code, 2);
    QCOMPARE(runEngine({u"templates"_s, u"list"_s, u"--user"_s, u"alice"_s}).code, 2);
    QCOMPARE(runEngine({u"templates"_s, u"export"_s, u"--data-dir"_s, m_dir.path()}).code, 2);
    QCOMPARE(
        runEngine({u"templates"_s, u"import"_s, u"--user"_s, u"alice"_s, u"--data-dir"_s, m_dir.path()}).code,
        2);
    const Run nobody =
        runEngine({u"templates"_s, u"export"_s, u"--user"_s, u"nobody"_s, u"--data-dir"_s, m_dir.path()});
    QCOMPARE(nobody.code, 1);
    QVERIFY(nobody.err.contains("no user"));
    QTemporaryDir empty;
    const Run noDatabase =
        runEngine({u"templates"_s, u"export"_s, u"--user"_s, u"alice"_s, u"--data-dir"_s, empty.path()});
    QCOMPARE(noDatabase.code, 1);
    QVERIFY(noDatabase.err.contains("no engine database"));
    QVERIFY(!QFile::exists(empty.filePath(u"engine.sqlite"_s)));
}

QTEST_GUILESS_MAIN(TestTemplateCli)
#include "tst_templatecli.moc"
