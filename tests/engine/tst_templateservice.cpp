// Template intelligence over real loopback sockets: template_opportunity, save_conversation_as_template
// and list_templates, with the built-in rules only (the offline responder) and with an
// OpenAI-compatible upstream (the fake server) answering good JSON, blank content, invalid JSON,
// wrong shapes, or nothing at all.

#include "EngineFixture.h"
#include "FakeDeepSeekChain.h"
#include "FakeOpenAiServer.h"
#include "TemplateFormat.h"
#include "WsProbe.h"
#include "ai/ProviderChain.h"
#include "intelligence/TemplateOpportunityDetector.h"
#include "storage/EngineStore.h"

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

const QString AeroPress =
    u"Write a product description for the AeroPress coffee maker, highlighting portability, in 100 words"_s;
const QString Kindle =
    u"Write a product description for the Kindle Paperwhite e-reader, highlighting battery life, in 150 words"_s;
const QString Moka = u"Write a product description for the Moka pot, highlighting its history, in 80 words"_s;
const QString AeroPressAnswer = u"The AeroPress is a compact coffee maker that travels anywhere."_s;
const QString KindleAnswer = u"The Kindle Paperwhite lasts for weeks on one charge."_s;

QJsonObject chat(const QString& content, const QString& id)
{
    return QJsonObject{{u"type"_s, u"chat_message"_s}, {u"content"_s, content}, {u"message_id"_s, id}};
}

QJsonObject save(const QString& title, bool includeAnswers, const QString& category = {})
{
    QJsonObject o{{u"type"_s, u"save_conversation_as_template"_s},
                  {u"title"_s, title},
                  {u"include_ai_responses"_s, includeAnswers}};
    if (!category.isEmpty())
        o.insert(u"category"_s, category);
    return o;
}

QJsonObject listTemplates()
{
    return QJsonObject{{u"type"_s, u"list_templates"_s}};
}

QJsonObject dismiss()
{
    return QJsonObject{{u"type"_s, u"dismiss_template_opportunity"_s}, {u"scope"_s, u"conversation"_s}};
}

QString jsonText(const QJsonObject& o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

// Sends a chat message and waits for its answer.
bool converse(WsProbe& probe, const QString& content, const QString& id)
{
    probe.sendJson(chat(content, id));
    const QJsonObject answer = probe.waitFor(u"message"_s, 10'000);
    return answer.value(u"reply_to").toString() == id;
}

bool openAs(WsProbe& probe, EngineFixture& f, const QString& session, const QString& user)
{
    return probe.open(f.sessionUrl(session), EngineFixture::token(user)) &&
           !probe.waitFor(u"connection_ack"_s).isEmpty();
}

// What the rules alone say about a conversation of these user requests.
TemplateOpportunityDetector::Detection rulesFor(const QStringList& requests)
{
    QList<ConversationTurn> turns;
    for (const QString& r : requests)
        turns.append(ConversationTurn{ConversationTurn::Role::User, r, {}});
    return TemplateOpportunityDetector().detect(turns);
}

// Scripted upstream contents: "" is blank content, "HANG" a request that is never answered.
FakeOpenAiResponse scripted(const QString& content)
{
    if (content == u"HANG")
        return FakeOpenAiResponse::hang();
    if (content.isEmpty())
        return FakeOpenAiResponse::stream({u"  "_s, u"\n"_s});
    return FakeOpenAiResponse::stream({content});
}

int jsonModeRequests(const FakeOpenAiServer& server)
{
    int n = 0;
    for (const FakeOpenAiServer::Request& r : server.requests())
        if (r.json.value(u"response_format").toObject().value(u"type").toString() == u"json_object")
            ++n;
    return n;
}

const FakeOpenAiServer::Request* lastJsonModeRequest(const FakeOpenAiServer& server)
{
    const FakeOpenAiServer::Request* last = nullptr;
    for (const FakeOpenAiServer::Request& r : server.requests())
        if (r.json.value(u"response_format").toObject().value(u"type").toString() == u"json_object")
            last = &r;
    return last;
}

QString allMessageText(const FakeOpenAiServer::Request& r)
{
    QString text;
    for (const QJsonValue& m : r.json.value(u"messages").toArray())
        text += m.toObject().value(u"content").toString() + u'\n';
    return text;
}

const QString GoodSuggestion = jsonText(QJsonObject{
    {u"title"_s, u"Product description writer"_s},
    {u"description"_s,
     u"Writes a product description; fill in the product, what to highlight and the length."_s},
    {u"category"_s, u"marketing"_s},
    {u"reasoning"_s, u"You asked for a product description with details that will change next time"_s}});

QJsonObject goodDraftObject(const QString& aeroPressId)
{
    return QJsonObject{
        {u"description"_s, u"A product description for an online shop."_s},
        {u"category"_s, u"E-commerce"_s},
        {u"tags"_s, QJsonArray{u"shop"_s, u"copy"_s}},
        {u"body"_s, u"Write a product description for the {{product_name}}, highlighting {{feature}}, in "
                    u"{{length}} words"_s},
        {u"variables"_s, QJsonArray{QJsonObject{{u"name"_s, u"product_name"_s},
                                                {u"label"_s, u"Product name"_s},
                                                {u"type"_s, u"text"_s},
                                                {u"default"_s, u"AeroPress coffee maker"_s}},
                                    QJsonObject{{u"name"_s, u"feature"_s},
                                                {u"label"_s, u"Feature to highlight"_s},
                                                {u"type"_s, u"text"_s},
                                                {u"default"_s, u"portability"_s}},
                                    QJsonObject{{u"name"_s, u"length"_s},
                                                {u"label"_s, u"Length in words"_s},
                                                {u"type"_s, u"number"_s},
                                                {u"default"_s, 100}}}},
        {u"examples"_s,
         QJsonArray{QJsonObject{{u"request_id"_s, aeroPressId},
                                {u"inputs"_s, QJsonObject{{u"product_name"_s, u"AeroPress coffee maker"_s},
                                                          {u"feature"_s, u"portability"_s},
                                                          {u"length"_s, 100}}}}}}};
}

} // namespace

class TestTemplateService : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();

    // Rules only (no provider configured).
    void productDescriptionsSuggestedOnce();
    void noSuggestionAfterDismiss();
    void dismissStopsLaterSuggestions();
    void noSuggestionForSmallTalk();
    void noSuggestionForAnonymousSessions();
    void saveRendersBackAndVersions();
    void templatesArePerUser();
    void anonymousSaveRefused();
    void emptyConversationSaveFailsWithNothingStored();
    void offlineAnswersAreNotExamples();

    // With an AI provider.
    void suggestionWordedByProvider_data();
    void suggestionWordedByProvider();
    void suggestionHeldWhileAnswerStreams();
    void draftByProvider_data();
    void draftByProvider();

private:
    [[nodiscard]] std::shared_ptr<AiBackend> upstream(FakeOpenAiServer& server) const;
};

void TestTemplateService::initTestCase()
{
    qRegisterMetaType<pc::Completion>();
    qRegisterMetaType<pc::CompletionFailure>();
}

std::shared_ptr<AiBackend> TestTemplateService::upstream(FakeOpenAiServer& server) const
{
    return fakeDeepSeekChain(server);
}

void TestTemplateService::productDescriptionsSuggestedOnce()
{
    EngineFixture f;
    QVERIFY(f.started());
    WsProbe probe;
    QVERIFY(openAs(probe, f, u"shop"_s, u"alice"_s));
    QVERIFY(converse(probe, AeroPress, u"m1"_s));
    QVERIFY(converse(probe, u"Great, thanks!"_s, u"m2"_s));
    QVERIFY(converse(probe, Kindle, u"m3"_s));
    QVERIFY(converse(probe, Moka, u"m4"_s));

    const QJsonObject opportunity = probe.waitFor(u"template_opportunity"_s, 100);
    Q_UNUSED(opportunity);
    QTest::qWait(200);
    const QList<QJsonObject> offers = probe.receivedOfType(u"template_opportunity"_s);
    QCOMPARE(offers.size(), 1);
    const QJsonObject s = offers.first().value(u"suggestion").toObject();
    QCOMPARE(s.value(u"title").toString(), u"Product description"_s);
    QCOMPARE(s.value(u"category").toString(), u"Marketing"_s);
    const double confidence = s.value(u"confidence").toDouble(-1);
    QVERIFY(confidence > 0 && confidence <= 1);
    QVERIFY(!s.value(u"description").toString().isEmpty());
    QVERIFY(!s.value(u"reasoning").toString().isEmpty());
    QVERIFY(!offers.first().value(u"timestamp").toString().isEmpty());

    // Also not again on another connection to the same conversation, nor after a restart.
    WsProbe again;
    QVERIFY(openAs(again, f, u"shop"_s, u"alice"_s));
    QVERIFY(converse(again, u"Write a product description for the Chemex, highlighting design, in 90 words"_s,
                     u"m5"_s));
    QVERIFY(f.restart());
    WsProbe afterRestart;
    QVERIFY(openAs(afterRestart, f, u"shop"_s, u"alice"_s));
    QVERIFY(
        converse(afterRestart,
                 u"Write a product description for the Hario grinder, highlighting precision, in 70 words"_s,
                 u"m6"_s));
    QTest::qWait(200);
    QCOMPARE(again.receivedOfType(u"template_opportunity"_s).size(), 0);
    QCOMPARE(afterRestart.receivedOfType(u"template_opportunity"_s).size(), 0);
    QCOMPARE(probe.receivedOfType(u"template_opportunity"_s).size(), 1);
}

void TestTemplateService::noSuggestionAfterDismiss()
{
    EngineFixture f;
    WsProbe probe;
    QVERIFY(openAs(probe, f, u"dismissed"_s, u"alice"_s));
    probe.sendJson(dismiss());
    QVERIFY(converse(probe, AeroPress, u"m1"_s));
    QVERIFY(converse(probe, Kindle, u"m2"_s));
    QVERIFY(converse(probe, Moka, u"m3"_s));
    QTest::qWait(200);
    QCOMPARE(probe.receivedOfType(u"template_opportunity"_s).size(), 0);
    QCOMPARE(probe.receivedOfType(u"error"_s).size(), 0);
}

void TestTemplateService::dismissStopsLaterSuggestions()
{
    EngineFixture f;
    WsProbe probe;
    QVERIFY(openAs(probe, f, u"later"_s, u"alice"_s));
    QVERIFY(converse(probe, AeroPress, u"m1"_s));
    QVERIFY(converse(probe, Kindle, u"m2"_s));
    QTRY_COMPARE(probe.receivedOfType(u"template_opportunity"_s).size(), 1);
    probe.sendJson(dismiss());
    // A different kind of reusable request would be a new suggestion, but the user said no.
    QVERIFY(converse(probe, u"Write a blog post about remote work for managers, in 800 words, with 3 tips"_s,
                     u"m3"_s));
    QVERIFY(converse(probe, u"Write a blog post about hybrid teams for founders, in 600 words, with 5 tips"_s,
                     u"m4"_s));
    QTest::qWait(200);
    QCOMPARE(probe.receivedOfType(u"template_opportunity"_s).size(), 1);
}

void TestTemplateService::noSuggestionForSmallTalk()
{
    EngineFixture f;
    WsProbe probe;
    QVERIFY(openAs(probe, f, u"chat"_s, u"alice"_s));
    const QStringList lines{u"Hello!"_s, u"Thanks a lot!"_s, u"ok great"_s,
                            u"What is the capital of France?"_s, u"Thank you"_s};
    for (int i = 0; i < lines.size(); ++i)
        QVERIFY(converse(probe, lines.at(i), u"s%1"_s.arg(i)));
    QTest::qWait(200);
    QCOMPARE(probe.receivedOfType(u"template_opportunity"_s).size(), 0);
}

void TestTemplateService::noSuggestionForAnonymousSessions()
{
    EngineConfig config;
    config.allowAnonymous = true;
    EngineFixture f(config);
    WsProbe probe;
    QVERIFY(probe.open(f.sessionUrl(u"anon"_s)));
    QVERIFY(!probe.waitFor(u"connection_ack"_s).isEmpty());
    QVERIFY(converse(probe, AeroPress, u"m1"_s));
    QVERIFY(converse(probe, Kindle, u"m2"_s));
    QTest::qWait(200);
    QCOMPARE(probe.receivedOfType(u"template_opportunity"_s).size(), 0);
}

void TestTemplateService::saveRendersBackAndVersions()
{
    EngineFixture f;
    WsProbe probe;
    QVERIFY(openAs(probe, f, u"shop"_s, u"alice"_s));
    QVERIFY(converse(probe, AeroPress, u"m1"_s));
    QVERIFY(converse(probe, u"Great, thanks!"_s, u"m2"_s));
    QVERIFY(converse(probe, Kindle, u"m3"_s));

    probe.sendJson(save(u"Product description"_s, true));
    const QJsonObject created = probe.waitFor(u"template_created"_s);
    QVERIFY2(!created.isEmpty(), qPrintable(jsonText(probe.received().constLast())));
    QVERIFY(created.value(u"message").toString().contains(u"Product description"));
    const QJsonObject json = created.value(u"template").toObject();
    QVERIFY(!json.value(u"id").toString().isEmpty());
    QCOMPARE(json.value(u"version").toInt(), 1);
    QCOMPARE(json.value(u"title").toString(), u"Product description"_s);
    QCOMPARE(json.value(u"category").toString(), u"Marketing"_s);
    QVERIFY(!json.value(u"description").toString().isEmpty());

    const Result<PromptTemplate> parsed = TemplateFormat::fromJson(json);
    QVERIFY2(parsed.ok(), parsed.ok() ? "" : qPrintable(parsed.error().message));
    const PromptTemplate& t = parsed.value();
    QVERIFY(t.body.contains(u"{{product}}"));
    QVERIFY(t.variable(u"product"_s) && t.variable(u"highlight"_s) && t.variable(u"word_count"_s));
    const auto first = TemplateFormat::render(t, {{u"product"_s, u"AeroPress coffee maker"_s},
                                                  {u"highlight"_s, u"portability"_s},
                                                  {u"word_count"_s, u"100"_s}});
    QVERIFY(first.ok());
    QCOMPARE(first->body, AeroPress);
    const auto second = TemplateFormat::render(t, {{u"product"_s, u"Kindle Paperwhite e-reader"_s},
                                                   {u"highlight"_s, u"battery life"_s},
                                                   {u"word_count"_s, u"150"_s}});
    QVERIFY(second.ok());
    QCOMPARE(second->body, Kindle);

    // Provenance; offline notices are no examples (there were no model answers).
    QVERIFY(t.source.has_value());
    QCOMPARE(t.source->kind, u"conversation"_s);
    QCOMPARE(t.source->sessionId, u"shop"_s);
    QVERIFY(t.source->messageIds.contains(u"m1"_s));
    QVERIFY(t.source->messageIds.contains(u"m3"_s));
    QVERIFY(t.source->confidence && *t.source->confidence > 0 && *t.source->confidence <= 1);
    QVERIFY(t.examples.isEmpty());

    // Again under the same title: version 2 of the same template.
    probe.sendJson(save(u"Product description"_s, false));
    const QJsonObject again = probe.waitFor(u"template_created"_s);
    QCOMPARE(again.value(u"template").toObject().value(u"version").toInt(), 2);
    QCOMPARE(again.value(u"template").toObject().value(u"id").toString(), json.value(u"id").toString());
    QVERIFY(again.value(u"message").toString().contains(u"version 2"));

    probe.sendJson(listTemplates());
    const QJsonArray listed = probe.waitFor(u"templates"_s).value(u"templates").toArray();
    QCOMPARE(listed.size(), 1);
    QCOMPARE(listed.at(0).toObject().value(u"id").toString(), json.value(u"id").toString());
    QCOMPARE(listed.at(0).toObject().value(u"version").toInt(), 2);
    const auto versions = f.engine().store().templateVersions(u"alice"_s, json.value(u"id").toString());
    QVERIFY(versions.ok());
    QCOMPARE(versions->size(), 2);
}

void TestTemplateService::templatesArePerUser()
{
    EngineFixture f;
    WsProbe alice;
    QVERIFY(openAs(alice, f, u"alice-session"_s, u"alice"_s));
    QVERIFY(converse(alice, AeroPress, u"m1"_s));
    alice.sendJson(save(u"Product description"_s, false));
    QVERIFY(!alice.waitFor(u"template_created"_s).isEmpty());

    // Bob sees none of it, and cannot get into Alice's conversation to save it.
    WsProbe bob;
    QVERIFY(openAs(bob, f, u"bob-session"_s, u"bob"_s));
    bob.sendJson(listTemplates());
    const QJsonObject listed = bob.waitFor(u"templates"_s);
    QVERIFY(listed.contains(u"templates"));
    QCOMPARE(listed.value(u"templates").toArray().size(), 0);

    WsProbe intruder;
    QVERIFY(intruder.open(f.sessionUrl(u"alice-session"_s), EngineFixture::token(u"bob"_s)));
    QCOMPARE(intruder.waitFor(u"error"_s).value(u"error").toString(), u"not_found"_s);
    QVERIFY(intruder.waitForClosed());
    intruder.sendJson(save(u"Stolen"_s, true));
    QTest::qWait(100);
    QVERIFY(intruder.receivedOfType(u"template_created"_s).isEmpty());
    const auto bobs = f.engine().store().templates(u"bob"_s, {}, {});
    QVERIFY(bobs.ok());
    QVERIFY(bobs->isEmpty());

    // Bob saving his own (empty) conversation never touches Alice's templates.
    bob.sendJson(save(u"Product description"_s, false));
    QCOMPARE(bob.waitFor(u"error"_s).value(u"error").toString(), u"template_creation_failed"_s);
    const auto alices = f.engine().store().templates(u"alice"_s, {}, {});
    QVERIFY(alices.ok());
    QCOMPARE(alices->size(), 1);
    QCOMPARE(alices->first().version, 1);
}

void TestTemplateService::anonymousSaveRefused()
{
    EngineConfig config;
    config.allowAnonymous = true;
    EngineFixture f(config);
    WsProbe probe;
    QVERIFY(probe.open(f.sessionUrl(u"anon"_s)));
    QVERIFY(!probe.waitFor(u"connection_ack"_s).isEmpty());
    QVERIFY(converse(probe, AeroPress, u"m1"_s));
    probe.sendJson(save(u"Product description"_s, true));
    QCOMPARE(probe.waitFor(u"error"_s).value(u"error").toString(), u"authentication_required"_s);
    QVERIFY(probe.receivedOfType(u"template_created"_s).isEmpty());
    QVERIFY(probe.isOpen());
    probe.sendJson(listTemplates());
    QCOMPARE(probe.waitFor(u"templates"_s).value(u"templates").toArray().size(), 0);
}

void TestTemplateService::emptyConversationSaveFailsWithNothingStored()
{
    EngineFixture f;
    WsProbe probe;
    QVERIFY(openAs(probe, f, u"empty"_s, u"alice"_s));
    probe.sendJson(save(u"Nothing"_s, true));
    const QJsonObject error = probe.waitFor(u"error"_s);
    QCOMPARE(error.value(u"error").toString(), u"template_creation_failed"_s);
    QVERIFY(!error.value(u"message").toString().isEmpty());
    const auto stored = f.engine().store().templates(u"alice"_s, {}, {});
    QVERIFY(stored.ok());
    QVERIFY(stored->isEmpty());
    QVERIFY(probe.isOpen());
}

void TestTemplateService::offlineAnswersAreNotExamples()
{
    // Covered by saveRendersBackAndVersions for the offline responder; here: the draft still has the
    // requests' message ids only (no offline notice ids).
    EngineFixture f;
    WsProbe probe;
    QVERIFY(openAs(probe, f, u"offline"_s, u"alice"_s));
    QVERIFY(converse(probe, AeroPress, u"m1"_s));
    probe.sendJson(save(u"Shop copy"_s, true));
    const QJsonObject created = probe.waitFor(u"template_created"_s);
    const QJsonObject source = created.value(u"template").toObject().value(u"source").toObject();
    QCOMPARE(source.value(u"message_ids").toArray(), QJsonArray{u"m1"_s});
    QVERIFY(!created.value(u"template").toObject().contains(u"examples"));
}

void TestTemplateService::suggestionWordedByProvider_data()
{
    QTest::addColumn<QStringList>("answers");
    QTest::addColumn<bool>("worded");
    QTest::addColumn<int>("jsonRequests");

    const QString wrongType = jsonText(QJsonObject{
        {u"title"_s, 5}, {u"description"_s, u"x"_s}, {u"category"_s, u"y"_s}, {u"reasoning"_s, u"z"_s}});
    const QString tooLong = jsonText(QJsonObject{{u"title"_s, QString(500, u'x')},
                                                 {u"description"_s, u"A description of sane length."_s},
                                                 {u"category"_s, u"Marketing"_s},
                                                 {u"reasoning"_s, u"Some reasoning of sane length."_s}});
    QTest::newRow("good json") << QStringList{GoodSuggestion} << true << 1;
    QTest::newRow("wrapped and fenced")
        << QStringList{u"```json\n{\"suggestion\": "_s + GoodSuggestion + u"}\n```"_s} << true << 1;
    QTest::newRow("blank twice") << QStringList{u""_s, u""_s} << false << 2;
    QTest::newRow("blank then good") << QStringList{u""_s, GoodSuggestion} << true << 2;
    QTest::newRow("invalid json twice")
        << QStringList{u"{\"title\": \"Prod"_s, u"not json at all"_s} << false << 2;
    QTest::newRow("invalid then good") << QStringList{u"{\"title\": "_s, GoodSuggestion} << true << 2;
    QTest::newRow("array") << QStringList{u"[1, 2]"_s, u"[]"_s} << false << 2;
    QTest::newRow("wrong types") << QStringList{wrongType, wrongType} << false << 2;
    QTest::newRow("missing fields") << QStringList{u"{\"title\": \"Product copy\"}"_s, u"{}"_s} << false << 2;
    QTest::newRow("too long") << QStringList{tooLong, tooLong} << false << 2;
    QTest::newRow("no answer in time") << QStringList{u"HANG"_s} << false << 1;
}

void TestTemplateService::suggestionWordedByProvider()
{
    QFETCH(QStringList, answers);
    QFETCH(bool, worded);
    QFETCH(int, jsonRequests);

    FakeOpenAiServer server;
    QVERIFY(server.listen());
    EngineConfig config;
    config.assistTimeoutMs = 1500;
    EngineFixture f(config, upstream(server));
    QVERIFY(f.started());

    server.enqueue(FakeOpenAiResponse::stream({u"The AeroPress "_s, u"is compact."_s}));
    for (const QString& a : std::as_const(answers))
        server.enqueue(scripted(a));
    WsProbe probe;
    QVERIFY(openAs(probe, f, u"shop"_s, u"alice"_s));
    QElapsedTimer timer;
    timer.start();
    QVERIFY(converse(probe, AeroPress, u"m1"_s));
    const QJsonObject offer = probe.waitFor(u"template_opportunity"_s, 5000);
    QVERIFY(!offer.isEmpty());
    QVERIFY2(timer.elapsed() < 4000, QByteArray::number(timer.elapsed()).constData());

    const TemplateOpportunityDetector::Detection rules = rulesFor({AeroPress});
    const QJsonObject s = offer.value(u"suggestion").toObject();
    // The confidence is always the rules' number.
    QCOMPARE(s.value(u"confidence").toDouble(), rules.suggestion.confidence);
    if (worded) {
        QCOMPARE(s.value(u"title").toString(), u"Product description writer"_s);
        QCOMPARE(s.value(u"category").toString(), u"Marketing"_s);
        const QString reasoning = s.value(u"reasoning").toString();
        QVERIFY2(reasoning.startsWith(u"You asked for a product description"), qPrintable(reasoning));
        QVERIFY2(reasoning.contains(u"Signals: template-style wording, fill-in values."),
                 qPrintable(reasoning));
    } else {
        QCOMPARE(s.value(u"title").toString(), rules.suggestion.title);
        QCOMPARE(s.value(u"description").toString(), rules.suggestion.description);
        QCOMPARE(s.value(u"category").toString(), rules.suggestion.category);
        QCOMPARE(s.value(u"reasoning").toString(), rules.suggestion.reasoning);
    }
    QCOMPARE(jsonModeRequests(server), jsonRequests);

    // The request: JSON mode, thinking off, a prompt that says json and shows an example.
    const FakeOpenAiServer::Request* sent = lastJsonModeRequest(server);
    QVERIFY(sent);
    QCOMPARE(sent->json.value(u"thinking").toObject().value(u"type").toString(), u"disabled"_s);
    const QString prompt = allMessageText(*sent);
    QVERIFY(prompt.contains(u"json"));
    QVERIFY(prompt.contains(u"Weekly status email")); // the example
    QVERIFY(prompt.contains(AeroPress));

    // The same suggestion is not made or worded again as the conversation grows.
    server.enqueue(FakeOpenAiResponse::stream({u"The Kindle "_s, u"lasts."_s}));
    server.enqueue(FakeOpenAiResponse::stream({u"The Moka pot "_s, u"is classic."_s}));
    QVERIFY(converse(probe, Kindle, u"m2"_s));
    QVERIFY(converse(probe, Moka, u"m3"_s));
    QTest::qWait(300);
    QCOMPARE(probe.receivedOfType(u"template_opportunity"_s).size(), 1);
    QCOMPARE(jsonModeRequests(server), jsonRequests);
}

void TestTemplateService::suggestionHeldWhileAnswerStreams()
{
    // The wording arrives while the next answer streams: the suggestion waits for that answer.
    FakeOpenAiServer server;
    QVERIFY(server.listen());
    EngineFixture f({}, upstream(server));
    server.enqueue(FakeOpenAiResponse::stream({u"The AeroPress "_s, u"is compact."_s}));
    FakeOpenAiResponse slowWording = FakeOpenAiResponse::stream({GoodSuggestion});
    slowWording.withKeepAlives(2, 400); // ready while the next answer streams
    server.enqueue(slowWording);
    WsProbe probe;
    QVERIFY(openAs(probe, f, u"shop"_s, u"alice"_s));
    QVERIFY(converse(probe, AeroPress, u"m1"_s));
    QTRY_COMPARE(jsonModeRequests(server), 1);
    server.enqueue(FakeOpenAiResponse::stream(
        {u"Hello "_s, u"there, "_s, u"this "_s, u"takes "_s, u"a "_s, u"while."_s}, 350));
    probe.sendJson(chat(u"What is the capital of France?"_s, u"m2"_s));
    QVERIFY(!probe.waitFor(u"message"_s, 10'000).isEmpty());
    QTRY_COMPARE(probe.receivedOfType(u"template_opportunity"_s).size(), 1);

    // Nothing arrived before the streaming answer ended.
    qsizetype answerAt = -1;
    qsizetype offerAt = -1;
    for (qsizetype i = 0; i < probe.received().size(); ++i) {
        const QString type = probe.received().at(i).value(u"type").toString();
        if (type == u"message" && probe.received().at(i).value(u"reply_to").toString() == u"m2")
            answerAt = i;
        if (type == u"template_opportunity")
            offerAt = i;
    }
    QVERIFY(answerAt >= 0 && offerAt > answerAt);
    const QJsonObject s =
        probe.receivedOfType(u"template_opportunity"_s).first().value(u"suggestion").toObject();
    QCOMPARE(s.value(u"title").toString(), u"Product description writer"_s);
    QCOMPARE(jsonModeRequests(server), 1);
}

void TestTemplateService::draftByProvider_data()
{
    QTest::addColumn<QStringList>("answers"); // "%1" stands for the first request's message id
    QTest::addColumn<QString>("expectedBody");
    QTest::addColumn<int>("jsonRequests");
    QTest::addColumn<QStringList>("expectedVariables");

    const QString good = jsonText(goodDraftObject(u"%1"_s));
    const QString aiBody =
        u"Write a product description for the {{product_name}}, highlighting {{feature}}, in {{length}} words"_s;
    const QString rulesBody =
        u"Write a product description for the {{product}}, highlighting {{highlight}}, in {{word_count}} words"_s;
    const QStringList aiVariables{u"product_name"_s, u"feature"_s, u"length"_s};
    const QStringList rulesVariables{u"product"_s, u"highlight"_s, u"word_count"_s};

    QJsonObject repairable = goodDraftObject(u"%1"_s);
    QJsonArray variables = repairable.value(u"variables").toArray();
    variables.removeAt(1); // {{feature}} used but not declared
    variables.append(QJsonObject{{u"name"_s, u"unused_thing"_s}, {u"type"_s, u"text"_s}}); // declared, unused
    variables.append(QJsonObject{{u"name"_s, u"Not Valid"_s}, {u"type"_s, u"text"_s}});    // invalid, unused
    repairable.insert(u"variables"_s, variables);

    QJsonObject malformed = goodDraftObject(u"%1"_s);
    malformed.insert(u"body"_s, u"Write about {{Product Name}} in {{length}} words"_s);
    QJsonObject noVariables = goodDraftObject(u"%1"_s);
    noVariables.insert(u"body"_s, u"Write a product description."_s);
    QJsonObject variablesNotArray = goodDraftObject(u"%1"_s);
    variablesNotArray.insert(u"variables"_s, u"product_name, feature"_s);

    QTest::newRow("good json") << QStringList{good} << aiBody << 1 << aiVariables;
    QTest::newRow("repairable") << QStringList{jsonText(repairable)} << aiBody << 1
                                << QStringList{u"product_name"_s, u"length"_s, u"feature"_s};
    QTest::newRow("blank twice") << QStringList{u""_s, u""_s} << rulesBody << 2 << rulesVariables;
    QTest::newRow("invalid json twice")
        << QStringList{u"{\"body\": "_s, u"{\"body\": "_s} << rulesBody << 2 << rulesVariables;
    QTest::newRow("invalid then good") << QStringList{u"oops"_s, good} << aiBody << 2 << aiVariables;
    QTest::newRow("malformed placeholders")
        << QStringList{jsonText(malformed), jsonText(malformed)} << rulesBody << 2 << rulesVariables;
    QTest::newRow("no variables") << QStringList{jsonText(noVariables), jsonText(noVariables)} << rulesBody
                                  << 2 << rulesVariables;
    QTest::newRow("variables not an array")
        << QStringList{jsonText(variablesNotArray), jsonText(variablesNotArray)} << rulesBody << 2
        << rulesVariables;
    QTest::newRow("body missing") << QStringList{u"{\"title\": \"x\"}"_s, u"{\"variables\": []}"_s}
                                  << rulesBody << 2 << rulesVariables;
    QTest::newRow("no answer in time") << QStringList{u"HANG"_s} << rulesBody << 1 << rulesVariables;
}

void TestTemplateService::draftByProvider()
{
    QFETCH(QStringList, answers);
    QFETCH(QString, expectedBody);
    QFETCH(int, jsonRequests);
    QFETCH(QStringList, expectedVariables);

    FakeOpenAiServer server;
    QVERIFY(server.listen());
    EngineConfig config;
    config.assistTimeoutMs = 1500;
    EngineFixture f(config, upstream(server));
    QVERIFY(f.started());
    WsProbe probe;
    QVERIFY(openAs(probe, f, u"shop"_s, u"alice"_s));
    probe.sendJson(dismiss()); // no suggestion requests in the way
    server.enqueue(FakeOpenAiResponse::stream({AeroPressAnswer}));
    QVERIFY(converse(probe, AeroPress, u"req-aero"_s));
    server.enqueue(FakeOpenAiResponse::stream({KindleAnswer}));
    QVERIFY(converse(probe, Kindle, u"req-kindle"_s));
    QCOMPARE(jsonModeRequests(server), 0);

    for (const QString& a : std::as_const(answers))
        server.enqueue(scripted(a.contains(u"%1") ? QString(a).replace(u"%1"_s, u"req-aero"_s) : a));
    probe.sendJson(save(u"Shop copy"_s, true));
    const QJsonObject created = probe.waitFor(u"template_created"_s, 5000);
    QVERIFY2(!created.isEmpty(), qPrintable(jsonText(probe.received().constLast())));
    QCOMPARE(jsonModeRequests(server), jsonRequests);

    const Result<PromptTemplate> parsed = TemplateFormat::fromJson(created.value(u"template").toObject());
    QVERIFY2(parsed.ok(), parsed.ok() ? "" : qPrintable(parsed.error().message));
    const PromptTemplate& t = parsed.value();
    QCOMPARE(t.title, u"Shop copy"_s); // the user's title wins
    QCOMPARE(t.body, expectedBody);
    QStringList names;
    for (const TemplateVariable& v : t.variables)
        names.append(v.name);
    QCOMPARE(names, expectedVariables);
    QVERIFY(t.source && t.source->kind == u"conversation" && t.source->sessionId == u"shop");
    QVERIFY(t.source->messageIds.contains(u"req-aero"_s));
    QVERIFY(!t.examples.isEmpty());
    QCOMPARE(t.examples.first().output, AeroPressAnswer); // outputs come from the stored answers
    const bool byModel = expectedBody.contains(u"product_name");
    QCOMPARE(t.category, byModel ? u"E-commerce"_s : u"Marketing"_s);
    if (byModel) {
        QCOMPARE(t.tags, (QStringList{u"shop"_s, u"copy"_s}));
        const auto rendered = TemplateFormat::render(t, {{u"product_name"_s, u"AeroPress coffee maker"_s},
                                                         {u"feature"_s, u"portability"_s},
                                                         {u"length"_s, u"100"_s}});
        QVERIFY(rendered.ok());
        QCOMPARE(rendered->body, AeroPress);
        QCOMPARE(t.examples.size(), 1);
        QCOMPARE(t.examples.first().inputs.value(u"feature").toString(), u"portability"_s);
    } else {
        QCOMPARE(t.examples.size(), 2);
        QCOMPARE(t.examples.at(1).output, KindleAnswer);
    }

    const FakeOpenAiServer::Request* sent = lastJsonModeRequest(server);
    QVERIFY(sent);
    QCOMPARE(sent->json.value(u"thinking").toObject().value(u"type").toString(), u"disabled"_s);
    const QString prompt = allMessageText(*sent);
    QVERIFY(prompt.contains(u"json"));
    QVERIFY(prompt.contains(u"status email")); // the example
    QVERIFY(prompt.contains(u"[id req-kindle] "_s + Kindle));
    QVERIFY(prompt.contains(u"{{word_count}}")); // the rules' draft to improve on
}

QTEST_GUILESS_MAIN(TestTemplateService)
#include "tst_templateservice.moc"
