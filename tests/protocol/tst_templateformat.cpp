#include "TemplateFormat.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace pc;

namespace {

// The example of PROTOCOL.md, "Templates", verbatim.
constexpr char ProtocolExample[] = R"({ "schema": "promptcraft.template/1", "id": "uuid", "version": 1,
  "title": "Team status email", "description": "...", "category": "Business", "tags": ["email"],
  "system_prompt": "You are a concise {{tone}} writer.",
  "body": "Write an email to {{audience}} about {{topic}}.",
  "variables": [ {"name": "audience", "label": "Audience", "type": "text", "required": true},
                 {"name": "tone", "type": "enum", "options": ["formal", "friendly"], "default": "friendly"} ],
  "examples": [ {"inputs": {"audience": "the team"}, "output": "..."} ],
  "source": {"kind": "conversation", "session_id": "...", "message_ids": ["..."], "confidence": 0.7},
  "created_at": "...", "updated_at": "..." })";

PromptTemplate fullTemplate() {
    PromptTemplate t;
    t.id = u"6f1c2d9e-0000-4000-8000-000000000001"_s;
    t.version = 3;
    t.title = u"Product description"_s;
    t.description = u"Short copy for a product page"_s;
    t.category = u"Marketing"_s;
    t.tags = {u"copy"_s, u"product"_s};
    t.systemPrompt = u"You are a {{tone}} copywriter."_s;
    t.body = u"Describe {{product}} in {{word_count}} words. Mention price: {{show_price}}.\n{{notes}}"_s;

    TemplateVariable product;
    product.name = u"product"_s;
    product.label = u"Product"_s;
    product.description = u"What is being sold"_s;
    product.required = true;
    product.defaultValue = u"AeroPress"_s;
    TemplateVariable tone;
    tone.name = u"tone"_s;
    tone.type = VariableType::Enum;
    tone.options = {u"playful"_s, u"formal"_s};
    tone.defaultValue = u"playful"_s;
    TemplateVariable words;
    words.name = u"word_count"_s;
    words.type = VariableType::Number;
    words.defaultValue = 100;
    TemplateVariable price;
    price.name = u"show_price"_s;
    price.type = VariableType::Bool;
    price.defaultValue = false;
    TemplateVariable notes;
    notes.name = u"notes"_s;
    notes.type = VariableType::Multiline;
    t.variables = {product, tone, words, price, notes};

    t.examples = {TemplateExample{QJsonObject{{u"product"_s, u"Kindle"_s}, {u"word_count"_s, 50}},
                                  u"A light e-reader."_s}};
    t.source = TemplateSource{u"conversation"_s, u"session_user_1_1700000000000"_s, {u"m1"_s, u"m2"_s}, 0.75};
    t.createdAt = QDateTime(QDate(2024, 5, 1), QTime(10, 0, 0, 123), Qt::UTC);
    t.updatedAt = QDateTime(QDate(2024, 5, 2), QTime(11, 30, 0), Qt::UTC);
    return t;
}

QByteArray withMembers(const QByteArray& members) {
    QByteArray json = R"({"schema": "promptcraft.template/1", "title": "T", )";
    json += members;
    json += '}';
    return json;
}

// A template whose only interesting part is its body and variables.
QByteArray withBody(const QByteArray& body, const QByteArray& variables = "[]") {
    return withMembers(R"("body": )" + body + R"(, "variables": )" + variables);
}

} // namespace

class TstTemplateFormat : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void protocolExampleParses();
    void roundTrip();
    void toJsonMinimalShape();
    void toJsonFullShape();
    void unknownMembersIgnored();
    void undeclaredPlaceholderBecomesVariable();
    void invalidTimestampDropped();
    void fromJsonRejects_data();
    void fromJsonRejects();
    void everyProblemReportedAtOnce();
    void validateRejects_data();
    void validateRejects();
    void variableNames_data();
    void variableNames();
    void placeholders_data();
    void placeholders();
    void render_data();
    void render();
    void renderReportsEveryMissingValue();
    void hostileInputStaysBounded();
};

void TstTemplateFormat::protocolExampleParses() {
    const Result<PromptTemplate> r = TemplateFormat::fromJson(QByteArray(ProtocolExample));
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
    const PromptTemplate& t = r.value();
    QCOMPARE(t.id, u"uuid"_s);
    QCOMPARE(t.version, 1);
    QCOMPARE(t.title, u"Team status email"_s);
    QCOMPARE(t.category, u"Business"_s);
    QCOMPARE(t.tags, QStringList{u"email"_s});
    QCOMPARE(t.systemPrompt, u"You are a concise {{tone}} writer."_s);
    QCOMPARE(t.body, u"Write an email to {{audience}} about {{topic}}."_s);
    QCOMPARE(t.variables.size(), 3);
    QCOMPARE(t.variables.at(0).label, u"Audience"_s);
    QVERIFY(t.variables.at(0).required);
    QCOMPARE(t.variables.at(1).type, VariableType::Enum);
    QCOMPARE(t.variables.at(1).options, (QStringList{u"formal"_s, u"friendly"_s}));
    QCOMPARE(t.variables.at(1).defaultValue.toString(), u"friendly"_s);
    QCOMPARE(t.variables.at(2).name, u"topic"_s);
    QCOMPARE(t.examples.size(), 1);
    QCOMPARE(t.examples.at(0).inputs.value(u"audience").toString(), u"the team"_s);
    QVERIFY(t.source.has_value());
    QCOMPARE(t.source->kind, u"conversation"_s);
    QCOMPARE(t.source->messageIds, QStringList{u"..."_s});
    QCOMPARE(t.source->confidence.value_or(-1), 0.7);

    const Result<TemplateFormat::Rendered> rendered =
        TemplateFormat::render(t, {{u"audience"_s, u"the team"_s}, {u"topic"_s, u"the launch"_s}});
    QVERIFY(rendered.ok());
    QCOMPARE(rendered->systemPrompt, u"You are a concise friendly writer."_s);
    QCOMPARE(rendered->body, u"Write an email to the team about the launch."_s);
}

void TstTemplateFormat::roundTrip() {
    const PromptTemplate original = fullTemplate();
    QVERIFY(TemplateFormat::validate(original).ok());
    const QJsonObject json = TemplateFormat::toJson(original);

    // Through bytes, as a file or the wire would carry it.
    const Result<PromptTemplate> parsed = TemplateFormat::fromJson(QJsonDocument(json).toJson());
    QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message));
    const PromptTemplate& t = parsed.value();
    QCOMPARE(t.id, original.id);
    QCOMPARE(t.version, original.version);
    QCOMPARE(t.title, original.title);
    QCOMPARE(t.description, original.description);
    QCOMPARE(t.category, original.category);
    QCOMPARE(t.tags, original.tags);
    QCOMPARE(t.systemPrompt, original.systemPrompt);
    QCOMPARE(t.body, original.body);
    QCOMPARE(t.variables.size(), original.variables.size());
    for (qsizetype i = 0; i < t.variables.size(); ++i) {
        const TemplateVariable& a = t.variables.at(i);
        const TemplateVariable& b = original.variables.at(i);
        QCOMPARE(a.name, b.name);
        QCOMPARE(a.label, b.label);
        QCOMPARE(a.description, b.description);
        QCOMPARE(a.type, b.type);
        QCOMPARE(a.required, b.required);
        QCOMPARE(a.options, b.options);
        QCOMPARE(a.defaultValue, b.defaultValue);
    }
    QCOMPARE(t.examples.size(), 1);
    QCOMPARE(t.examples.at(0).inputs, original.examples.at(0).inputs);
    QCOMPARE(t.examples.at(0).output, original.examples.at(0).output);
    QVERIFY(t.source.has_value());
    QCOMPARE(t.source->kind, original.source->kind);
    QCOMPARE(t.source->sessionId, original.source->sessionId);
    QCOMPARE(t.source->messageIds, original.source->messageIds);
    QCOMPARE(t.source->confidence, original.source->confidence);
    QCOMPARE(t.createdAt, original.createdAt);
    QCOMPARE(t.updatedAt, original.updatedAt);

    QCOMPARE(TemplateFormat::toJson(t), json);
}

void TstTemplateFormat::toJsonMinimalShape() {
    PromptTemplate t;
    t.title = u"Hello"_s;
    t.body = u"Say hello."_s;
    const QJsonObject json = TemplateFormat::toJson(t);
    QCOMPARE(json.keys(), (QStringList{u"body"_s, u"schema"_s, u"title"_s, u"variables"_s, u"version"_s}));
    QCOMPARE(json.value(u"schema").toString(), u"promptcraft.template/1"_s);
    QCOMPARE(json.value(u"version").toInt(), 1);
    QCOMPARE(json.value(u"variables").toArray().size(), 0);
}

void TstTemplateFormat::toJsonFullShape() {
    const QJsonObject json = TemplateFormat::toJson(fullTemplate());
    QStringList expected{u"schema"_s,   u"id"_s,     u"version"_s,       u"title"_s,     u"description"_s,
                         u"category"_s, u"tags"_s,   u"system_prompt"_s, u"body"_s,      u"variables"_s,
                         u"examples"_s, u"source"_s, u"created_at"_s,    u"updated_at"_s};
    expected.sort();
    QCOMPARE(json.keys(), expected);
    QCOMPARE(json.value(u"created_at").toString(), u"2024-05-01T10:00:00.123Z"_s);

    const QJsonArray variables = json.value(u"variables").toArray();
    QCOMPARE(variables.at(0).toObject().keys(),
             (QStringList{u"default"_s, u"description"_s, u"label"_s, u"name"_s, u"required"_s, u"type"_s}));
    QCOMPARE(variables.at(1).toObject().keys(),
             (QStringList{u"default"_s, u"name"_s, u"options"_s, u"type"_s}));
    QCOMPARE(variables.at(1).toObject().value(u"type").toString(), u"enum"_s);
    QCOMPARE(variables.at(2).toObject().value(u"type").toString(), u"number"_s);
    QCOMPARE(variables.at(2).toObject().value(u"default").toInt(), 100);
    QCOMPARE(variables.at(3).toObject().value(u"type").toString(), u"bool"_s);
    QCOMPARE(variables.at(4).toObject().keys(), (QStringList{u"name"_s, u"type"_s}));
    QCOMPARE(variables.at(4).toObject().value(u"type").toString(), u"multiline"_s);

    QCOMPARE(json.value(u"examples").toArray().at(0).toObject().keys(),
             (QStringList{u"inputs"_s, u"output"_s}));
    QCOMPARE(json.value(u"source").toObject().keys(),
             (QStringList{u"confidence"_s, u"kind"_s, u"message_ids"_s, u"session_id"_s}));
}

void TstTemplateFormat::unknownMembersIgnored() {
    const Result<PromptTemplate> r = TemplateFormat::fromJson(withMembers(
        R"("body": "Hi {{name}}", "colour": "blue", "nested": {"a": [1, 2]},
           "variables": [{"name": "name", "widget": "slider"}])"));
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
    QCOMPARE(r->variables.size(), 1);
    QCOMPARE(r->variables.at(0).type, VariableType::Text);
    QVERIFY(!TemplateFormat::toJson(r.value()).contains(u"colour"));
}

void TstTemplateFormat::undeclaredPlaceholderBecomesVariable() {
    const Result<PromptTemplate> r = TemplateFormat::fromJson(withBody(R"("Hi {{ who }}, see {{what}}.")"));
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
    QCOMPARE(r->variables.size(), 2);
    QCOMPARE(r->variables.at(0).name, u"who"_s);
    QVERIFY(r->variables.at(0).required);
    QCOMPARE(r->variables.at(1).name, u"what"_s);
}

void TstTemplateFormat::invalidTimestampDropped() {
    const Result<PromptTemplate> r = TemplateFormat::fromJson(
        withMembers(R"("body": "x", "created_at": "yesterday", "updated_at": "2024-05-02T11:30:00Z")"));
    QVERIFY(r.ok());
    QVERIFY(!r->createdAt.isValid());
    QCOMPARE(r->updatedAt, QDateTime(QDate(2024, 5, 2), QTime(11, 30), Qt::UTC));
}

void TstTemplateFormat::fromJsonRejects_data() {
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<QString>("expected"); // a part of the message that names the problem

    const ErrorCode bad = ErrorCode::InvalidMessage;
    const QByteArray var = R"([{"name": "x"}])";

    // Not a template object at all.
    QTest::newRow("not json") << QByteArray("{\"schema\": ") << ErrorCode::InvalidJson << u"not valid JSON"_s;
    QTest::newRow("array") << QByteArray("[1, 2]") << ErrorCode::InvalidJson << u"JSON object"_s;
    QTest::newRow("too large") << QByteArray(TemplateFormat::MaxJsonSize + 1, ' ')
                               << ErrorCode::MessageTooLarge << u"larger than"_s;

    // Required members and their types.
    QTest::newRow("schema missing") << QByteArray(R"({"title": "T", "body": "b"})") << bad
                                    << u"\"schema\" is required"_s;
    QTest::newRow("schema other") << QByteArray(
                                         R"({"schema": "promptcraft.template/2", "title": "T", "body": "b"})")
                                  << bad << u"expected \"promptcraft.template/1\""_s;
    QTest::newRow("schema not string") << QByteArray(R"({"schema": 1, "title": "T", "body": "b"})") << bad
                                       << u"\"schema\" must be a string"_s;
    QTest::newRow("title missing") << QByteArray(R"({"schema": "promptcraft.template/1", "body": "b"})")
                                   << bad << u"title is missing or empty"_s;
    QTest::newRow("title not string")
        << QByteArray(R"({"schema": "promptcraft.template/1", "title": 5, "body": "b"})") << bad
        << u"\"title\" must be a string"_s;
    QTest::newRow("title blank") << QByteArray(
                                        R"({"schema": "promptcraft.template/1", "title": "  ", "body": "b"})")
                                 << bad << u"title is missing or empty"_s;
    QTest::newRow("title too long") << QByteArray(R"({"schema": "promptcraft.template/1", "title": ")" +
                                                  QByteArray(TemplateFormat::MaxTitleLength + 1, 'a') +
                                                  R"(", "body": "b"})")
                                    << bad << u"title is longer than 200"_s;
    QTest::newRow("body missing") << withMembers(R"("category": "x")") << bad
                                  << u"body is missing or empty"_s;
    QTest::newRow("body not string") << withMembers(R"("body": ["x"])") << bad
                                     << u"\"body\" must be a string"_s;
    QTest::newRow("body too long") << withMembers(R"("body": ")" +
                                                  QByteArray(TemplateFormat::MaxBodyLength + 1, 'b') + '"')
                                   << bad << u"body is longer than"_s;

    // Optional members with the wrong type.
    QTest::newRow("description not string")
        << withMembers(R"("body": "b", "description": 1)") << bad << u"\"description\" must be a string"_s;
    QTest::newRow("tags not array") << withMembers(R"("body": "b", "tags": "a,b")") << bad
                                    << u"\"tags\" must be an array of strings"_s;
    QTest::newRow("tag not string") << withMembers(R"("body": "b", "tags": ["a", 2])") << bad
                                    << u"\"tags[1]\" must be a string"_s;
    QTest::newRow("version zero") << withMembers(R"("body": "b", "version": 0)") << bad << u"\"version\""_s;
    QTest::newRow("version fraction")
        << withMembers(R"("body": "b", "version": 1.5)") << bad << u"\"version\""_s;
    QTest::newRow("version string") << withMembers(R"("body": "b", "version": "1")") << bad
                                    << u"\"version\""_s;
    QTest::newRow("system prompt not string") << withMembers(R"("body": "b", "system_prompt": {})") << bad
                                              << u"\"system_prompt\" must be a string"_s;

    // Variables.
    QTest::newRow("variables not array")
        << withBody(R"("b")", R"({"x": 1})") << bad << u"\"variables\" must be an array"_s;
    QTest::newRow("variable not object")
        << withBody(R"("b")", R"(["x"])") << bad << u"\"variables[0]\" must be an object"_s;
    QTest::newRow("variable without name")
        << withBody(R"("b")", R"([{"type": "text"}])") << bad << u"\"variables[0].name\" is required"_s;
    QTest::newRow("variable name invalid")
        << withBody(R"("b")", R"([{"name": "2x"}])") << bad << u"\"2x\" is not a valid name"_s;
    QTest::newRow("variable name with dash")
        << withBody(R"("b")", R"([{"name": "a-b"}])") << bad << u"\"a-b\" is not a valid name"_s;
    QTest::newRow("variable declared twice")
        << withBody(R"("{{x}}")", R"([{"name": "x"}, {"name": "x"}])") << bad << u"declared twice"_s;
    QTest::newRow("variable type unknown") << withBody(R"("{{x}}")", R"([{"name": "x", "type": "date"}])")
                                           << bad << u"\"variables[0].type\" is \"date\""_s;
    QTest::newRow("variable type not string") << withBody(R"("{{x}}")", R"([{"name": "x", "type": 3}])")
                                              << bad << u"\"variables[0].type\" must be a string"_s;
    QTest::newRow("required not bool") << withBody(R"("{{x}}")", R"([{"name": "x", "required": "yes"}])")
                                       << bad << u"\"variables[0].required\" must be true or false"_s;
    QTest::newRow("label not string") << withBody(R"("{{x}}")", R"([{"name": "x", "label": 1}])") << bad
                                      << u"\"variables[0].label\" must be a string"_s;
    QTest::newRow("options not array")
        << withBody(R"("{{x}}")", R"([{"name": "x", "type": "enum", "options": "a"}])") << bad
        << u"\"variables[0].options\" must be an array of strings"_s;
    QTest::newRow("enum without options")
        << withBody(R"("{{x}}")", R"([{"name": "x", "type": "enum"}])") << bad << u"an enum needs options"_s;
    QTest::newRow("enum option twice")
        << withBody(R"("{{x}}")", R"([{"name": "x", "type": "enum", "options": ["a", "a"]}])") << bad
        << u"option \"a\" appears twice"_s;
    QTest::newRow("enum default not an option")
        << withBody(R"("{{x}}")", R"([{"name": "x", "type": "enum", "options": ["a", "b"], "default": "c"}])")
        << bad << u"default \"c\" is not one of the options"_s;
    QTest::newRow("options on text") << withBody(R"("{{x}}")", R"([{"name": "x", "options": ["a"]}])") << bad
                                     << u"only enum variables have options"_s;
    QTest::newRow("number default string")
        << withBody(R"("{{x}}")", R"([{"name": "x", "type": "number", "default": "ten"}])") << bad
        << u"the default must be a number"_s;
    QTest::newRow("bool default string")
        << withBody(R"("{{x}}")", R"([{"name": "x", "type": "bool", "default": "true"}])") << bad
        << u"the default must be true or false"_s;
    QTest::newRow("text default number") << withBody(R"("{{x}}")", R"([{"name": "x", "default": 3}])") << bad
                                         << u"the default must be a string"_s;
    QTest::newRow("default object") << withBody(R"("{{x}}")", R"([{"name": "x", "default": {"a": 1}}])")
                                    << bad << u"\"variables[0].default\" must be a string, number or bool"_s;
    QTest::newRow("variable never used")
        << withBody(R"("no tags")", var) << bad << u"variable \"x\" is declared but never used"_s;
    {
        QByteArray many = "[";
        for (int i = 0; i <= TemplateFormat::MaxVariables; ++i)
            many += (i ? "," : "") + QByteArray(R"({"name": "v)") + QByteArray::number(i) + R"("})";
        many += ']';
        QTest::newRow("too many variables") << withBody(R"("b")", many) << bad << u"at most 64 are allowed"_s;
    }

    // Tags that are not `{{name}}`.
    QTest::newRow("section") << withBody(R"("{{#x}}hi{{/x}}")") << bad << u"sections, partials"_s;
    QTest::newRow("inverted section") << withBody(R"("{{^x}}hi")") << bad << u"sections, partials"_s;
    QTest::newRow("partial") << withBody(R"("{{>header}}")") << bad << u"sections, partials"_s;
    QTest::newRow("comment") << withBody(R"("{{! note }}")") << bad << u"sections, partials"_s;
    QTest::newRow("unescaped ampersand") << withBody(R"("{{& x}}")") << bad << u"sections, partials"_s;
    QTest::newRow("triple braces") << withBody(R"("{{{x}}}")") << bad << u"triple braces are not supported"_s;
    QTest::newRow("unclosed") << withBody(R"("Hello {{name")") << bad << u"\"{{\" is never closed"_s;
    QTest::newRow("unclosed on line 2") << withBody(R"("Hello\n  {{name")") << bad << u"line 2, column 3"_s;
    QTest::newRow("empty tag") << withBody(R"("{{ }}")") << bad << u"empty tag"_s;
    QTest::newRow("two words") << withBody(R"("{{first name}}")") << bad << u"is not a valid tag"_s;
    QTest::newRow("dotted name") << withBody(R"("{{user.name}}")") << bad << u"is not a valid tag"_s;
    QTest::newRow("code") << withBody(R"("{{ x + 1 }}")") << bad << u"is not a valid tag"_s;
    QTest::newRow("digit first") << withBody(R"("{{1x}}")") << bad << u"is not a valid tag"_s;
    QTest::newRow("bad tag in system prompt") << withMembers(R"("body": "b", "system_prompt": "{{#if}}")")
                                              << bad << u"system_prompt (line 1, column 1)"_s;

    // Examples and source.
    QTest::newRow("examples not array")
        << withMembers(R"("body": "b", "examples": {})") << bad << u"\"examples\" must be an array"_s;
    QTest::newRow("example inputs not object") << withMembers(R"("body": "b", "examples": [{"inputs": [1]}])")
                                               << bad << u"\"examples[0].inputs\" must be an object"_s;
    QTest::newRow("example output not string")
        << withMembers(R"("body": "b", "examples": [{"inputs": {}, "output": 1}])") << bad
        << u"\"examples[0].output\" must be a string"_s;
    QTest::newRow("example input undeclared")
        << withMembers(R"("body": "b", "examples": [{"inputs": {"ghost": "x"}, "output": ""}])") << bad
        << u"sets \"ghost\", which is not a variable"_s;
    QTest::newRow("source not object")
        << withMembers(R"("body": "b", "source": "chat")") << bad << u"\"source\" must be an object"_s;
    QTest::newRow("source confidence out of range")
        << withMembers(R"("body": "b", "source": {"kind": "manual", "confidence": 1.5})") << bad
        << u"source.confidence must be between 0 and 1"_s;
    QTest::newRow("source confidence not number")
        << withMembers(R"("body": "b", "source": {"confidence": "high"})") << bad
        << u"\"source.confidence\" must be a number"_s;
    QTest::newRow("source ids not strings") << withMembers(R"("body": "b", "source": {"message_ids": [1]})")
                                            << bad << u"\"source.message_ids[0]\" must be a string"_s;
}

void TstTemplateFormat::fromJsonRejects() {
    QFETCH(QByteArray, json);
    QFETCH(ErrorCode, code);
    QFETCH(QString, expected);

    const Result<PromptTemplate> r = TemplateFormat::fromJson(json);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, code);
    QVERIFY2(r.error().message.contains(expected), qPrintable(r.error().message));
}

void TstTemplateFormat::everyProblemReportedAtOnce() {
    const Result<PromptTemplate> r = TemplateFormat::fromJson(
        QByteArray(R"({"schema": "promptcraft.template/1", "title": "", "body": "{{#a}} {{b", "tags": 1})"));
    QVERIFY(!r.ok());
    const QString& m = r.error().message;
    QVERIFY2(m.contains(u"title is missing or empty"), qPrintable(m));
    QVERIFY2(m.contains(u"\"tags\" must be an array"), qPrintable(m));
    QVERIFY2(m.contains(u"sections, partials"), qPrintable(m));
    QVERIFY2(m.contains(u"never closed"), qPrintable(m));
}

void TstTemplateFormat::validateRejects_data() {
    QTest::addColumn<QString>("body");
    QTest::addColumn<QStringList>("declared");
    QTest::addColumn<QString>("expected");

    QTest::newRow("undeclared") << u"Hi {{name}} from {{place}}"_s << QStringList{u"name"_s}
                                << u"{{place}} is used but not declared"_s;
    QTest::newRow("unused") << u"Hi {{name}}"_s << QStringList{u"name"_s, u"extra"_s}
                            << u"\"extra\" is declared but never used"_s;
    QTest::newRow("invalid name") << u"Hi"_s << QStringList{u"bad name"_s} << u"is not a valid name"_s;
    QTest::newRow("name too long") << u"Hi"_s
                                   << QStringList{QString(TemplateFormat::MaxVariableNameLength + 1, u'a')}
                                   << u"is not a valid name"_s;
}

void TstTemplateFormat::validateRejects() {
    QFETCH(QString, body);
    QFETCH(QStringList, declared);
    QFETCH(QString, expected);

    PromptTemplate t;
    t.title = u"T"_s;
    t.body = body;
    for (const QString& name : std::as_const(declared)) {
        TemplateVariable v;
        v.name = name;
        t.variables.append(v);
    }
    const Result<void> r = TemplateFormat::validate(t);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, ErrorCode::InvalidMessage);
    QVERIFY2(r.error().message.contains(expected), qPrintable(r.error().message));
}

void TstTemplateFormat::variableNames_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("valid");
    QTest::newRow("letters") << u"name"_s << true;
    QTest::newRow("underscore first") << u"_x"_s << true;
    QTest::newRow("snake with digits") << u"word_count_2"_s << true;
    QTest::newRow("upper") << u"Name"_s << true;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("digit first") << u"2x"_s << false;
    QTest::newRow("dash") << u"a-b"_s << false;
    QTest::newRow("space") << u"a b"_s << false;
    QTest::newRow("non ascii") << u"n\u00e4me"_s << false;
    QTest::newRow("dot") << u"a.b"_s << false;
}

void TstTemplateFormat::variableNames() {
    QFETCH(QString, name);
    QFETCH(bool, valid);
    QCOMPARE(TemplateFormat::isValidVariableName(name), valid);
}

void TstTemplateFormat::placeholders_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("names");
    QTest::newRow("none") << u"plain text"_s << QStringList{};
    QTest::newRow("order and duplicates") << u"{{b}} {{a}} {{b}}"_s << QStringList{u"b"_s, u"a"_s};
    QTest::newRow("spaces inside braces") << u"{{ a }} {{\tb\t}}"_s << QStringList{u"a"_s, u"b"_s};
    QTest::newRow("stray closing braces") << u"json {\"a\": {\"b\": 1}} then {{c}}"_s << QStringList{u"c"_s};
}

void TstTemplateFormat::placeholders() {
    QFETCH(QString, text);
    QFETCH(QStringList, names);
    QCOMPARE(TemplateFormat::placeholders(text), names);
}

void TstTemplateFormat::render_data() {
    QTest::addColumn<QVariantMap>("values");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("expected"); // the body, or a part of the error message

    // fullTemplate(): "Describe {{product}} in {{word_count}} words. Mention price:
    // {{show_price}}.\n{{notes}}"
    QTest::newRow("defaults") << QVariantMap{} << true
                              << u"Describe AeroPress in 100 words. Mention price: false.\n"_s;
    QTest::newRow("values override defaults")
        << QVariantMap{{u"product"_s, u"Kindle"_s},
                       {u"word_count"_s, u"50"_s},
                       {u"show_price"_s, u"true"_s},
                       {u"notes"_s, u"Line one\nLine two"_s}}
        << true << u"Describe Kindle in 50 words. Mention price: true.\nLine one\nLine two"_s;
    QTest::newRow("decimal number") << QVariantMap{{u"word_count"_s, u"12.5"_s}} << true
                                    << u"Describe AeroPress in 12.5 words. Mention price: false.\n"_s;
    QTest::newRow("not a number") << QVariantMap{{u"word_count"_s, u"many"_s}} << false
                                  << u"\"word_count\" must be a number"_s;
    QTest::newRow("bool yes") << QVariantMap{{u"show_price"_s, u"yes"_s}} << true
                              << u"Describe AeroPress in 100 words. Mention price: yes.\n"_s;
    QTest::newRow("not a bool") << QVariantMap{{u"show_price"_s, u"perhaps"_s}} << false
                                << u"\"show_price\" must be true or false"_s;
    QTest::newRow("enum option") << QVariantMap{{u"tone"_s, u"formal"_s}} << true
                                 << u"Describe AeroPress in 100 words. Mention price: false.\n"_s;
    QTest::newRow("enum not an option")
        << QVariantMap{{u"tone"_s, u"sarcastic"_s}} << false << u"\"tone\" must be one of: playful, formal"_s;
    QTest::newRow("value with a tag stays literal")
        << QVariantMap{{u"product"_s, u"{{tone}} {{#x}}"_s}, {u"notes"_s, u"{{"_s}} << true
        << u"Describe {{tone}} {{#x}} in 100 words. Mention price: false.\n{{"_s;
    QTest::newRow("required value blank")
        << QVariantMap{{u"product"_s, u"  "_s}} << false << u"missing required values: product"_s;
    QTest::newRow("unknown values ignored") << QVariantMap{{u"colour"_s, u"red"_s}} << true
                                            << u"Describe AeroPress in 100 words. Mention price: false.\n"_s;
}

void TstTemplateFormat::render() {
    QFETCH(QVariantMap, values);
    QFETCH(bool, ok);
    QFETCH(QString, expected);

    QHash<QString, QString> given;
    for (auto it = values.cbegin(); it != values.cend(); ++it)
        given.insert(it.key(), it.value().toString());
    const Result<TemplateFormat::Rendered> r = TemplateFormat::render(fullTemplate(), given);
    QCOMPARE(r.ok(), ok);
    if (ok) {
        QCOMPARE(r->body, expected);
        QCOMPARE(r->systemPrompt, u"You are a %1 copywriter."_s.arg(given.value(u"tone"_s, u"playful"_s)));
    } else {
        QCOMPARE(r.error().code, ErrorCode::InvalidMessage);
        QVERIFY2(r.error().message.contains(expected), qPrintable(r.error().message));
    }
}

void TstTemplateFormat::renderReportsEveryMissingValue() {
    PromptTemplate t;
    t.title = u"Email"_s;
    t.body = u"To {{ audience }} about {{topic}} from {{sender}} ({{mood}}) {{extra}}"_s;
    for (const QString& name : {u"audience"_s, u"topic"_s, u"sender"_s}) {
        TemplateVariable v;
        v.name = name;
        v.required = true;
        t.variables.append(v);
    }
    TemplateVariable mood;
    mood.name = u"mood"_s;
    mood.type = VariableType::Enum;
    mood.options = {u"calm"_s, u"upbeat"_s};
    t.variables.append(mood);
    TemplateVariable extra;
    extra.name = u"extra"_s;
    t.variables.append(extra);

    const Result<TemplateFormat::Rendered> missing =
        TemplateFormat::render(t, {{u"topic"_s, u"x"_s}, {u"mood"_s, u"angry"_s}});
    QVERIFY(!missing.ok());
    QVERIFY2(missing.error().message.contains(u"missing required values: audience, sender"),
             qPrintable(missing.error().message));
    QVERIFY2(missing.error().message.contains(u"\"mood\" must be one of: calm, upbeat"),
             qPrintable(missing.error().message));

    // Optional values without a default render as nothing.
    const Result<TemplateFormat::Rendered> filled = TemplateFormat::render(
        t, {{u"audience"_s, u"the team"_s}, {u"topic"_s, u"Q3"_s}, {u"sender"_s, u"Ana"_s}});
    QVERIFY(filled.ok());
    QCOMPARE(filled->body, u"To the team about Q3 from Ana () "_s);
}

void TstTemplateFormat::hostileInputStaysBounded() {
    // Thousands of broken tags: one readable message, not thousands of lines.
    QByteArray broken;
    while (broken.size() < TemplateFormat::MaxBodyLength - 16)
        broken += "{{a b}} ";
    const Result<PromptTemplate> tags = TemplateFormat::fromJson(withBody('"' + broken + '"'));
    QVERIFY(!tags.ok());
    QVERIFY2(tags.error().message.size() < 4000, qPrintable(QString::number(tags.error().message.size())));

    // Thousands of distinct placeholders: 64 become variables, the rest are reported in brief.
    QByteArray many;
    for (int i = 0; many.size() < TemplateFormat::MaxBodyLength - 16; ++i)
        many += "{{v" + QByteArray::number(i) + "}}";
    const Result<PromptTemplate> names = TemplateFormat::fromJson(withBody('"' + many + '"'));
    QVERIFY(!names.ok());
    QVERIFY(names.error().message.contains(u"is used but not declared"));
    QVERIFY(names.error().message.contains(u"more problem"));
    QVERIFY2(names.error().message.size() < 4000, qPrintable(QString::number(names.error().message.size())));
    QCOMPARE(TemplateFormat::placeholders(QString::fromLatin1(many)).size(), many.count("{{"));
}

QTEST_GUILESS_MAIN(TstTemplateFormat)
#include "tst_templateformat.moc"
