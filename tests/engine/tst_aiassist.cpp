// The checks applied to JSON-mode answers of a model: parsing (fences, non-objects), strings of sane
// length, the optimizer's claims, the template draft's repairs, the suggestion's wording.

#include "TemplateFormat.h"
#include "intelligence/AiPromptOptimizer.h"
#include "intelligence/AiSuggestionRefiner.h"
#include "intelligence/AiTemplateDrafter.h"
#include "intelligence/AssistJson.h"
#include "intelligence/JsonCompletion.h"
#include "intelligence/RuleTemplateDrafter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace pc;
using namespace Qt::Literals::StringLiterals;

namespace {

QJsonObject object(const QString& json)
{
    return QJsonDocument::fromJson(json.toUtf8()).object();
}

const QString AeroPress =
    u"Write a product description for the AeroPress coffee maker, highlighting portability, in 100 words"_s;
const QString Kindle =
    u"Write a product description for the Kindle Paperwhite e-reader, highlighting battery life, in 150 words"_s;

QList<ConversationTurn> products()
{
    return {ConversationTurn{ConversationTurn::Role::User, AeroPress, u"u1"_s},
            ConversationTurn{ConversationTurn::Role::Assistant, u"The AeroPress travels well."_s, u"a1"_s},
            ConversationTurn{ConversationTurn::Role::User, Kindle, u"u2"_s},
            ConversationTurn{ConversationTurn::Role::Assistant, u"The Kindle lasts for weeks."_s, u"a2"_s}};
}

} // namespace

class TestAiAssist : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void parseObject_data();
    void parseObject();
    void textRules_data();
    void textRules();
    void categories();
    void optimizerAnswer_data();
    void optimizerAnswer();
    void suggestionAnswer();
    void draftAnswer_data();
    void draftAnswer();
    void draftKeepsTheUsersChoices();
};

void TestAiAssist::parseObject_data()
{
    QTest::addColumn<QString>("content");
    QTest::addColumn<bool>("ok");
    QTest::newRow("object") << u"{\"a\": 1}"_s << true;
    QTest::newRow("spaces around") << u"\n  {\"a\": 1}  \n"_s << true;
    QTest::newRow("json fence") << u"```json\n{\"a\": 1}\n```"_s << true;
    QTest::newRow("bare fence") << u"```\n{\"a\": 1}\n```"_s << true;
    QTest::newRow("unclosed fence") << u"```json {\"a\": 1}"_s << false;
    QTest::newRow("array") << u"[{\"a\": 1}]"_s << false;
    QTest::newRow("string") << u"\"text\""_s << false;
    QTest::newRow("prose") << u"Sure! Here is the JSON: {\"a\": 1}"_s << false;
    QTest::newRow("cut off") << u"{\"a\": "_s << false;
    QTest::newRow("blank") << u"   "_s << false;
    QTest::newRow("huge") << (u"{\"a\": \""_s + QString(300 * 1024, u'x') + u"\"}"_s) << false;
}

void TestAiAssist::parseObject()
{
    QFETCH(QString, content);
    QFETCH(bool, ok);
    const Result<QJsonObject> r = JsonCompletion::parseObject(content);
    QCOMPARE(r.ok(), ok);
    if (ok)
        QCOMPARE(r->value(u"a").toInt(), 1);
    else
        QVERIFY(!r.error().message.isEmpty());
}

void TestAiAssist::textRules_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<bool>("required");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("value");
    QTest::newRow("plain") << u"{\"t\": \"  Title  \"}"_s << true << true << u"Title"_s;
    QTest::newRow("missing required") << u"{}"_s << true << false << QString();
    QTest::newRow("missing optional") << u"{}"_s << false << true << QString();
    QTest::newRow("null optional") << u"{\"t\": null}"_s << false << true << QString();
    QTest::newRow("number") << u"{\"t\": 5}"_s << true << false << QString();
    QTest::newRow("array") << u"{\"t\": [\"a\"]}"_s << true << false << QString();
    QTest::newRow("two lines") << u"{\"t\": \"a\\nb\"}"_s << true << false << QString();
    QTest::newRow("too short") << u"{\"t\": \"ab\"}"_s << true << false << QString();
    QTest::newRow("too long") << u"{\"t\": \"%1\"}"_s.arg(QString(61, u'x')) << true << false << QString();
    QTest::newRow("control characters")
        << u"{\"t\": \"Ti\\u0007tle\\u200b\"}"_s << true << true << u"Title"_s;
}

void TestAiAssist::textRules()
{
    QFETCH(QString, json);
    QFETCH(bool, required);
    QFETCH(bool, ok);
    QFETCH(QString, value);
    const Result<QString> r = AssistJson::text(object(json), u"t"_s, {3, 60, true, required});
    QCOMPARE(r.ok(), ok);
    if (ok)
        QCOMPARE(r.value(), value);
    else
        QVERIFY(r.error().message.contains(u"'t'"));
}

void TestAiAssist::categories()
{
    QCOMPARE(AssistJson::canonicalCategory(u"marketing"_s), u"Marketing"_s);
    QCOMPARE(AssistJson::canonicalCategory(u"DEVELOPMENT"_s), u"Development"_s);
    QCOMPARE(AssistJson::canonicalCategory(u"Cooking"_s), u"Cooking"_s);
    QCOMPARE(AssistJson::unwrap(object(u"{\"result\": {\"title\": \"x\"}}"_s), {u"title"_s}),
             object(u"{\"title\": \"x\"}"_s));
    QCOMPARE(AssistJson::unwrap(object(u"{\"title\": {\"a\": 1}}"_s), {u"title"_s}),
             object(u"{\"title\": {\"a\": 1}}"_s));
}

void TestAiAssist::optimizerAnswer_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("problem"); // empty: valid
    const QString prompt = u"\"optimized_prompt\": \"Write a 300-word guide about dogs for new owners.\""_s;
    QTest::newRow("good")
        << u"{%1, \"improvements\": [\"Added length\"], \"suggestions\": [], \"confidence\": 0.7}"_s.arg(
               prompt)
        << QString();
    QTest::newRow("suggestions optional")
        << u"{%1, \"improvements\": [\"Added length\"], \"confidence\": 1}"_s.arg(prompt) << QString();
    QTest::newRow("already good")
        << u"{\"optimized_prompt\": \"write about dogs\", \"improvements\": [], \"confidence\": 0.2}"_s
        << QString();
    QTest::newRow("wrapped") << u"{\"result\": {%1, \"improvements\": [\"x\"], \"confidence\": 0.5}}"_s.arg(
                                    prompt)
                             << QString();
    QTest::newRow("unchanged but improved")
        << u"{\"optimized_prompt\": \" write about dogs \", \"improvements\": [\"Better\"], \"confidence\": 0.5}"_s
        << u"original prompt"_s;
    QTest::newRow("changed silently")
        << u"{%1, \"improvements\": [], \"confidence\": 0.5}"_s.arg(prompt) << u"'improvements' is empty"_s;
    QTest::newRow("confidence percent")
        << u"{%1, \"improvements\": [\"x\"], \"confidence\": 70}"_s.arg(prompt) << u"between 0 and 1"_s;
    QTest::newRow("confidence missing")
        << u"{%1, \"improvements\": [\"x\"]}"_s.arg(prompt) << u"'confidence'"_s;
    QTest::newRow("confidence NaN-ish")
        << u"{%1, \"improvements\": [\"x\"], \"confidence\": \"0.5\"}"_s.arg(prompt) << u"'confidence'"_s;
    QTest::newRow("improvements missing")
        << u"{%1, \"confidence\": 0.5}"_s.arg(prompt) << u"'improvements'"_s;
    QTest::newRow("improvements objects")
        << u"{%1, \"improvements\": [{\"change\": \"x\"}], \"confidence\": 0.5}"_s.arg(prompt)
        << u"'improvements'"_s;
    QTest::newRow("suggestions string")
        << u"{%1, \"improvements\": [\"x\"], \"suggestions\": \"add more\", \"confidence\": 0.5}"_s.arg(
               prompt)
        << u"'suggestions'"_s;
    QTest::newRow("prompt blank")
        << u"{\"optimized_prompt\": \"  \", \"improvements\": [\"x\"], \"confidence\": 0.5}"_s
        << u"'optimized_prompt'"_s;
    QTest::newRow("prompt number")
        << u"{\"optimized_prompt\": 3, \"improvements\": [\"x\"], \"confidence\": 0.5}"_s
        << u"'optimized_prompt'"_s;
}

void TestAiAssist::optimizerAnswer()
{
    QFETCH(QString, json);
    QFETCH(QString, problem);
    const QJsonObject answer = object(json);
    QVERIFY(!answer.isEmpty());
    const Result<OptimizationOutcome> r = AiPromptOptimizer().parse(answer, u"write about dogs"_s);
    QCOMPARE(r.ok(), problem.isEmpty());
    if (!r.ok())
        QVERIFY2(r.error().message.contains(problem), qPrintable(r.error().message));
    else
        QVERIFY(r->confidence >= 0 && r->confidence <= 1);
}

void TestAiAssist::suggestionAnswer()
{
    QList<ConversationTurn> turns = products();
    const TemplateOpportunityDetector::Detection d = TemplateOpportunityDetector().detect(turns);
    QVERIFY(d.worthy);
    const AiSuggestionRefiner refiner;
    const Result<TemplateSuggestion> good = refiner.parse(
        object(u"{\"title\": \"Product blurb\", \"description\": \"A product description with fields.\", "
               u"\"category\": \"MARKETING\", \"reasoning\": \"You did this twice\"}"_s),
        d);
    QVERIFY(good.ok());
    QCOMPARE(good->category, u"Marketing"_s);
    QCOMPARE(good->confidence, d.suggestion.confidence);
    QCOMPARE(good->reasoning,
             u"You did this twice. Signals: repeated structure, template-style wording, fill-in values."_s);
    QVERIFY(!refiner.parse(object(u"{\"title\": \"Product blurb\"}"_s), d).ok());

    const CompletionRequest request = refiner.request(turns, d);
    QVERIFY(request.jsonMode);
    QCOMPARE(request.thinking, std::optional<bool>(false));
    QVERIFY(request.messages.first().content.contains(u"json"));
    QVERIFY(request.messages.last().content.contains(Kindle));
}

void TestAiAssist::draftAnswer_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("problem");   // empty: valid
    QTest::addColumn<QStringList>("names"); // the variables of the result
    QTest::addColumn<int>("repairs");

    QTest::newRow("good") << uR"({"body": "Describe the {{product}} in {{words}} words",
        "variables": [{"name": "product", "type": "text"}, {"name": "words", "type": "number", "default": 100}]})"_s
                          << QString() << QStringList{u"product"_s, u"words"_s} << 0;
    QTest::newRow("undeclared and unused") << uR"({"body": "Describe the {{product}} in {{words}} words",
        "variables": [{"name": "product"}, {"name": "colour"}]})"_s
                                           << QString() << QStringList{u"product"_s, u"words"_s} << 2;
    QTest::newRow("unknown type and enum without options")
        << uR"({"body": "{{a}} {{b}}", "variables": [{"name": "a", "type": "string"}, {"name": "b", "type": "enum"}]})"_s
        << QString() << QStringList{u"a"_s, u"b"_s} << 2;
    QTest::newRow("declared twice") << uR"({"body": "{{a}}", "variables": [{"name": "a"}, {"name": "a"}]})"_s
                                    << QString() << QStringList{u"a"_s} << 1;
    QTest::newRow("invalid name used")
        << uR"({"body": "Describe {{the product}}", "variables": []})"_s << u"{{"_s << QStringList{} << 0;
    QTest::newRow("no variables") << uR"({"body": "Describe a product", "variables": []})"_s
                                  << u"no {{variables}}"_s << QStringList{} << 0;
    QTest::newRow("body missing") << uR"({"variables": []})"_s << u"'body'"_s << QStringList{} << 0;
    QTest::newRow("variables an object")
        << uR"({"body": "{{a}}", "variables": {"a": "text"}})"_s << u"'variables'"_s << QStringList{} << 0;
    QTest::newRow("variable a string")
        << uR"({"body": "{{a}}", "variables": ["a"]})"_s << u"'variables'"_s << QStringList{} << 0;
    QTest::newRow("default of the wrong type")
        << uR"({"body": "{{n}}", "variables": [{"name": "n", "type": "number", "default": [1]}]})"_s
        << u"default"_s << QStringList{} << 0;
    QTest::newRow("enum default not an option")
        << uR"({"body": "{{t}}", "variables": [{"name": "t", "type": "enum", "options": ["a", "b"], "default": "c"}]})"_s
        << u"t"_s << QStringList{} << 0;
}

void TestAiAssist::draftAnswer()
{
    QFETCH(QString, json);
    QFETCH(QString, problem);
    QFETCH(QStringList, names);
    QFETCH(int, repairs);
    const QList<ConversationTurn> turns = products();
    SaveConversationAsTemplate save;
    save.title = u"Shop copy"_s;
    const Result<PromptTemplate> rules = RuleTemplateDrafter().draft(turns, save.title, {}, {}, false);
    QVERIFY(rules.ok());
    const QJsonObject answer = object(json);
    QVERIFY(!answer.isEmpty());
    const Result<AiTemplateDrafter::Draft> r = AiTemplateDrafter().parse(answer, turns, save, rules.value());
    QCOMPARE(r.ok(), problem.isEmpty());
    if (!r.ok()) {
        QVERIFY2(r.error().message.contains(problem), qPrintable(r.error().message));
        return;
    }
    QStringList got;
    for (const TemplateVariable& v : r->tmpl.variables)
        got.append(v.name);
    QCOMPARE(got, names);
    QCOMPARE(r->repairs.size(), repairs);
    QVERIFY(TemplateFormat::validate(r->tmpl).ok());
    for (const TemplateVariable& v : r->tmpl.variables)
        if (v.name != u"words")
            QVERIFY(v.required); // a model's variable is required unless it says otherwise
}

void TestAiAssist::draftKeepsTheUsersChoices()
{
    const QList<ConversationTurn> turns = products();
    SaveConversationAsTemplate save;
    save.title = u"Shop copy"_s;
    save.category = u"Sales"_s;
    save.description = u"Mine."_s;
    save.includeAiResponses = true;
    Result<PromptTemplate> rules =
        RuleTemplateDrafter().draft(turns, save.title, save.category, save.description, true);
    QVERIFY(rules.ok());
    const QJsonObject answer = object(uR"({"title": "Other", "category": "Writing", "description": "Theirs.",
        "body": "Describe the {{product}}", "variables": [{"name": "product"}],
        "examples": [{"request_id": "u2", "inputs": {"product": "Kindle"}},
                     {"request_id": "a1", "inputs": {"product": "x"}},
                     {"request_id": "u1", "inputs": {"nope": "x"}},
                     {"request_id": "u1", "inputs": {"product": "AeroPress"}, "output": "invented"}]})"_s);
    const Result<AiTemplateDrafter::Draft> r = AiTemplateDrafter().parse(answer, turns, save, rules.value());
    QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().message));
    const PromptTemplate& t = r->tmpl;
    QCOMPARE(t.title, u"Shop copy"_s);
    QCOMPARE(t.category, u"Sales"_s);
    QCOMPARE(t.description, u"Mine."_s);
    QCOMPARE(t.source->messageIds, rules->source->messageIds);
    QCOMPARE(t.examples.size(), 2);
    QCOMPARE(t.examples.at(0).output, u"The Kindle lasts for weeks."_s);
    QCOMPARE(t.examples.at(1).output, u"The AeroPress travels well."_s); // never the model's text
    QCOMPARE(r->repairs.size(), 2);

    const CompletionRequest request = AiTemplateDrafter().request(turns, save, rules.value());
    QVERIFY(request.jsonMode);
    QCOMPARE(request.thinking, std::optional<bool>(false));
    QVERIFY(request.messages.first().content.contains(u"json"));
    QVERIFY(request.messages.last().content.contains(u"[id u1] "_s + AeroPress));
    QVERIFY(!request.messages.last().content.contains(u"[id a1]"));
}

QTEST_GUILESS_MAIN(TestAiAssist)
#include "tst_aiassist.moc"
