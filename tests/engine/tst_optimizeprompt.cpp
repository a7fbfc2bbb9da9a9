// optimize_prompt over real loopback sockets: the built-in rules without a provider, and a scripted
// OpenAI-compatible upstream answering good JSON, blank content, invalid JSON, wrong shapes and
// claims that do not hold, or nothing in time.

#include "EngineFixture.h"
#include "FakeDeepSeekChain.h"
#include "FakeOpenAiServer.h"
#include "WsProbe.h"
#include "ai/ProviderChain.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <memory>

using namespace pc;
using namespace pc::test;
using namespace Qt::Literals::StringLiterals;
using namespace std::chrono_literals;

namespace {

const QString Dogs = u"write about dogs"_s;

QJsonObject optimize(const QString& prompt, const QString& type = {}, const QJsonObject& context = {})
{
    QJsonObject o{{u"type"_s, u"optimize_prompt"_s}, {u"prompt"_s, prompt}};
    if (!type.isEmpty())
        o.insert(u"optimization_type"_s, type);
    if (!context.isEmpty())
        o.insert(u"context"_s, context);
    return o;
}

QString jsonText(const QJsonObject& o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QStringList strings(const QJsonValue& v)
{
    QStringList out;
    for (const QJsonValue& item : v.toArray())
        out.append(item.toString());
    return out;
}

const QString BetterDogs =
    u"You are an experienced pet writer. Write a 600-word blog article for first-time dog owners about "
    u"choosing a dog breed that fits their home and schedule. Use short sections with headings and end with "
    u"a checklist."_s;

QJsonObject goodAnswer()
{
    return QJsonObject{
        {u"optimized_prompt"_s, BetterDogs},
        {u"improvements"_s, QJsonArray{u"Added a role: an experienced pet writer"_s,
                                       u"Named the audience: first-time dog owners"_s,
                                       u"Narrowed the topic to choosing a breed"_s,
                                       u"Set the length and the format (sections, checklist)"_s}},
        {u"suggestions"_s, QJsonArray{u"Say where the article will be published"_s}},
        {u"confidence"_s, 0.85}};
}

FakeOpenAiResponse scripted(const QString& content)
{
    if (content == u"HANG")
        return FakeOpenAiResponse::hang();
    if (content.isEmpty())
        return FakeOpenAiResponse::stream({u" "_s, u"  "_s});
    return FakeOpenAiResponse::stream({content});
}

} // namespace

class TestOptimizePrompt : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void rulesWithoutProvider_data();
    void rulesWithoutProvider();
    void anonymousMayOptimize();
    void emptyPromptIsAnError();
    void byProvider_data();
    void byProvider();
    void requestShape();
    void providerDownUsesRules();

private:
    [[nodiscard]] std::shared_ptr<AiBackend> upstream(FakeOpenAiServer& server) const;
};

void TestOptimizePrompt::initTestCase()
{
    qRegisterMetaType<pc::Completion>();
    qRegisterMetaType<pc::CompletionFailure>();
}

std::shared_ptr<AiBackend> TestOptimizePrompt::upstream(FakeOpenAiServer& server) const
{
    return fakeDeepSeekChain(server);
}

void TestOptimizePrompt::rulesWithoutProvider_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("expectedType");
    QTest::newRow("default") << QString() << u"enhancement"_s;
    QTest::newRow("enhancement") << u"enhancement"_s << u"enhancement"_s;
    QTest::newRow("clarity") << u"clarity"_s << u"clarity"_s;
    QTest::newRow("specificity") << u"specificity"_s << u"specificity"_s;
}

void TestOptimizePrompt::rulesWithoutProvider()
{
    QFETCH(QString, type);
    QFETCH(QString, expectedType);
    EngineFixture f;
    QVERIFY(f.started());
    WsProbe probe;
    QVERIFY(probe.open(f.sessionUrl(u"opt"_s), EngineFixture::token(u"alice"_s)));
    QVERIFY(!probe.waitFor(u"connection_ack"_s).isEmpty());
    probe.sendJson(optimize(Dogs, type));
    const QJsonObject r = probe.waitFor(u"optimization_result"_s);
    QVERIFY(!r.isEmpty());
    QCOMPARE(r.value(u"provider").toString(), u"rules"_s);
    QCOMPARE(r.value(u"original_prompt").toString(), Dogs);
    QCOMPARE(r.value(u"optimization_type").toString(), expectedType);
    QVERIFY(r.value(u"processing_time_ms").isDouble());
    QVERIFY(r.value(u"processing_time_ms").toDouble() >= 0);
    QVERIFY(!r.value(u"timestamp").toString().isEmpty());
    const double confidence = r.value(u"confidence").toDouble(-1);
    QVERIFY(confidence >= 0 && confidence <= 1);

    // Clearly better: much more specific, with the missing parts named and explained.
    const QString optimized = r.value(u"optimized_prompt").toString();
    QVERIFY(optimized != Dogs);
    QVERIFY2(optimized.size() > 3 * Dogs.size(), qPrintable(optimized));
    QVERIFY2(optimized.contains(u"dogs"), qPrintable(optimized));
    const QStringList improvements = strings(r.value(u"improvements"));
    QVERIFY2(improvements.size() >= 2, qPrintable(improvements.join(u" | ")));
    QVERIFY(!strings(r.value(u"suggestions")).isEmpty());
    if (expectedType == u"enhancement") {
        QVERIFY(optimized.contains(u"Audience:"));
        QVERIFY(optimized.contains(u"Format:"));
        QVERIFY(improvements.join(u'\n').contains(u"Audience"));
    }
}

void TestOptimizePrompt::anonymousMayOptimize()
{
    EngineConfig config;
    config.allowAnonymous = true;
    EngineFixture f(config);
    WsProbe probe;
    QVERIFY(probe.open(f.sessionUrl(u"anon"_s)));
    QVERIFY(!probe.waitFor(u"connection_ack"_s).isEmpty());
    probe.sendJson(optimize(Dogs));
    QCOMPARE(probe.waitFor(u"optimization_result"_s).value(u"provider").toString(), u"rules"_s);
}

void TestOptimizePrompt::emptyPromptIsAnError()
{
    EngineFixture f;
    WsProbe probe;
    QVERIFY(probe.open(f.sessionUrl(u"opt"_s), EngineFixture::token(u"alice"_s)));
    QVERIFY(!probe.waitFor(u"connection_ack"_s).isEmpty());
    probe.sendJson(optimize(u"   "_s));
    QCOMPARE(probe.waitFor(u"error"_s).value(u"error").toString(), u"invalid_message"_s);
    probe.sendJson(optimize(Dogs, u"brevity"_s));
    QCOMPARE(probe.waitFor(u"error"_s).value(u"error").toString(), u"invalid_message"_s);
    QVERIFY(probe.receivedOfType(u"optimization_result"_s).isEmpty());
    QVERIFY(probe.isOpen());
}

void TestOptimizePrompt::byProvider_data()
{
    QTest::addColumn<QStringList>("answers");
    QTest::addColumn<bool>("byModel");
    QTest::addColumn<int>("requests");

    const QString good = jsonText(goodAnswer());
    QJsonObject unchanged = goodAnswer();
    unchanged.insert(u"optimized_prompt"_s, Dogs);
    QJsonObject noImprovements = goodAnswer();
    noImprovements.insert(u"improvements"_s, QJsonArray{});
    QJsonObject confidenceOutOfRange = goodAnswer();
    confidenceOutOfRange.insert(u"confidence"_s, 85);
    QJsonObject confidenceString = goodAnswer();
    confidenceString.insert(u"confidence"_s, u"high"_s);
    QJsonObject improvementsString = goodAnswer();
    improvementsString.insert(u"improvements"_s, u"many"_s);
    QJsonObject improvementNumbers = goodAnswer();
    improvementNumbers.insert(u"improvements"_s, QJsonArray{1, 2});
    QJsonObject emptyPrompt = goodAnswer();
    emptyPrompt.insert(u"optimized_prompt"_s, u"  "_s);

    QTest::newRow("good json") << QStringList{good} << true << 1;
    QTest::newRow("blank twice") << QStringList{u""_s, u""_s} << false << 2;
    QTest::newRow("blank then good") << QStringList{u""_s, good} << true << 2;
    QTest::newRow("invalid json twice")
        << QStringList{u"{\"optimized_prompt\": "_s, u"Sure! Here it is"_s} << false << 2;
    QTest::newRow("invalid then good") << QStringList{u"{oops"_s, good} << true << 2;
    QTest::newRow("array") << QStringList{u"[\"a\"]"_s, u"[\"b\"]"_s} << false << 2;
    QTest::newRow("unchanged but improved")
        << QStringList{jsonText(unchanged), jsonText(unchanged)} << false << 2;
    QTest::newRow("changed without improvements")
        << QStringList{jsonText(noImprovements), jsonText(noImprovements)} << false << 2;
    QTest::newRow("confidence 85") << QStringList{jsonText(confidenceOutOfRange),
                                                  jsonText(confidenceOutOfRange)}
                                   << false << 2;
    QTest::newRow("confidence string")
        << QStringList{jsonText(confidenceString), jsonText(confidenceString)} << false << 2;
    QTest::newRow("improvements not an array")
        << QStringList{jsonText(improvementsString), jsonText(improvementsString)} << false << 2;
    QTest::newRow("improvements of numbers")
        << QStringList{jsonText(improvementNumbers), jsonText(improvementNumbers)} << false << 2;
    QTest::newRow("empty optimized prompt")
        << QStringList{jsonText(emptyPrompt), jsonText(emptyPrompt)} << false << 2;
    QTest::newRow("no answer in time") << QStringList{u"HANG"_s} << false << 1;
}

void TestOptimizePrompt::byProvider()
{
    QFETCH(QStringList, answers);
    QFETCH(bool, byModel);
    QFETCH(int, requests);

    FakeOpenAiServer server;
    QVERIFY(server.listen());
    for (const QString& a : std::as_const(answers))
        server.enqueue(scripted(a));
    EngineConfig config;
    config.assistTimeoutMs = 1500;
    EngineFixture f(config, upstream(server));
    WsProbe probe;
    QVERIFY(probe.open(f.sessionUrl(u"opt"_s), EngineFixture::token(u"alice"_s)));
    QVERIFY(!probe.waitFor(u"connection_ack"_s).isEmpty());

    QElapsedTimer timer;
    timer.start();
    probe.sendJson(optimize(Dogs));
    const QJsonObject r = probe.waitFor(u"optimization_result"_s, 5000);
    QVERIFY(!r.isEmpty());
    QVERIFY2(timer.elapsed() < 4000, QByteArray::number(timer.elapsed()).constData());
    QCOMPARE(server.requestCount(), requests);
    QCOMPARE(r.value(u"original_prompt").toString(), Dogs);
    QCOMPARE(r.value(u"optimization_type").toString(), u"enhancement"_s);
    const QStringList improvements = strings(r.value(u"improvements"));
    QVERIFY(!improvements.isEmpty());
    if (byModel) {
        QCOMPARE(r.value(u"provider").toString(), u"DeepSeek"_s);
        QCOMPARE(r.value(u"optimized_prompt").toString(), BetterDogs);
        QCOMPARE(improvements.size(), 4);
        QCOMPARE(strings(r.value(u"suggestions")), QStringList{u"Say where the article will be published"_s});
        QCOMPARE(r.value(u"confidence").toDouble(), 0.85);
    } else {
        QCOMPARE(r.value(u"provider").toString(), u"rules"_s);
        QVERIFY(r.value(u"optimized_prompt").toString().contains(u"Audience:"));
    }
    QVERIFY(r.value(u"processing_time_ms").toDouble() <= double(timer.elapsed()));
}

void TestOptimizePrompt::requestShape()
{
    FakeOpenAiServer server;
    QVERIFY(server.listen());
    server.enqueue(scripted(jsonText(goodAnswer())));
    EngineFixture f({}, upstream(server));
    WsProbe probe;
    QVERIFY(probe.open(f.sessionUrl(u"opt"_s), EngineFixture::token(u"alice"_s)));
    QVERIFY(!probe.waitFor(u"connection_ack"_s).isEmpty());
    probe.sendJson(optimize(Dogs, u"specificity"_s, QJsonObject{{u"app"_s, u"blog editor"_s}}));
    const QJsonObject r = probe.waitFor(u"optimization_result"_s);
    QCOMPARE(r.value(u"optimization_type").toString(), u"specificity"_s);
    QCOMPARE(server.requestCount(), 1);

    const QJsonObject body = server.requests().first().json;
    QCOMPARE(body.value(u"response_format").toObject().value(u"type").toString(), u"json_object"_s);
    QCOMPARE(body.value(u"thinking").toObject().value(u"type").toString(), u"disabled"_s);
    QVERIFY(body.contains(u"temperature"));
    QString prompt;
    for (const QJsonValue& m : body.value(u"messages").toArray())
        prompt += m.toObject().value(u"content").toString() + u'\n';
    QVERIFY(prompt.contains(u"json"));
    QVERIFY(prompt.contains(u"\"optimized_prompt\":")); // the example
    QVERIFY(prompt.contains(u"<<<\nwrite about dogs\n>>>"));
    QVERIFY(prompt.contains(u"specificity"));
    QVERIFY(prompt.contains(u"blog editor"));
}

void TestOptimizePrompt::providerDownUsesRules()
{
    FakeOpenAiServer server;
    QVERIFY(server.listen());
    server.setDefaultResponse(FakeOpenAiResponse::error(401, u"Authentication Fails"_s));
    EngineFixture f({}, upstream(server));
    WsProbe probe;
    QVERIFY(probe.open(f.sessionUrl(u"opt"_s), EngineFixture::token(u"alice"_s)));
    QVERIFY(!probe.waitFor(u"connection_ack"_s).isEmpty());
    probe.sendJson(optimize(Dogs));
    const QJsonObject r = probe.waitFor(u"optimization_result"_s);
    QCOMPARE(r.value(u"provider").toString(), u"rules"_s);
    QCOMPARE(server.requestCount(), 1);
    QVERIFY(probe.receivedOfType(u"error"_s).isEmpty());
}

QTEST_GUILESS_MAIN(TestOptimizePrompt)
#include "tst_optimizeprompt.moc"
