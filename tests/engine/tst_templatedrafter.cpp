#include "intelligence/RuleTemplateDrafter.h"

#include "TemplateFormat.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace pc;

namespace {

// "U: ..." is the user, "A: ..." the assistant.
QList<ConversationTurn> conversation(const QStringList& lines) {
    QList<ConversationTurn> turns;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        ConversationTurn t;
        t.role =
            lines.at(i).startsWith(u"A:") ? ConversationTurn::Role::Assistant : ConversationTurn::Role::User;
        t.content = lines.at(i).mid(2).trimmed();
        t.messageId = u"m%1"_s.arg(i);
        turns.append(t);
    }
    return turns;
}

QStringList names(const PromptTemplate& t) {
    QStringList out;
    for (const TemplateVariable& v : t.variables)
        out.append(v.name);
    return out;
}

QHash<QString, QString> inputs(const QJsonObject& o) {
    QHash<QString, QString> values;
    for (auto it = o.begin(); it != o.end(); ++it)
        values.insert(it.key(),
                      it.value().isDouble() ? QString::number(it.value().toDouble()) : it.value().toString());
    return values;
}

const QString AeroPress =
    u"Write a product description for the AeroPress coffee maker, highlighting portability, in 100 words"_s;
const QString Kindle =
    u"Write a product description for the Kindle Paperwhite e-reader, highlighting battery life, in 150 words"_s;

const QStringList ProductDescriptions{
    u"U: "_s + AeroPress,   u"A: The AeroPress is a compact coffee maker that travels anywhere."_s,
    u"U: Great, thanks!"_s, u"A: You're welcome!"_s,
    u"U: "_s + Kindle,      u"A: The Kindle Paperwhite lasts for weeks on one charge."_s,
};

} // namespace

class TstTemplateDrafter : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void draft_data();
    void draft();
    void productDescriptions();
    void examplesOnlyWhenAsked();
    void titleCategoryDescription();
    void bracesInTheRequest();
    void tooManyValuesFallsBackToOneVariable();
    void survivesJsonRoundTrip();
    void noRequestFails();
    void overlongTitleFails();
};

void TstTemplateDrafter::draft_data() {
    QTest::addColumn<QStringList>("lines");
    QTest::addColumn<QString>("body");
    QTest::addColumn<QStringList>("variables");
    QTest::addColumn<int>("defining"); // the line of the request the body generalises

    QTest::newRow("two product descriptions")
        << ProductDescriptions
        << u"Write a product description for the {{product}}, highlighting {{highlight}}, in {{word_count}} words"_s
        << QStringList{u"product"_s, u"highlight"_s, u"word_count"_s} << 0;
    QTest::newRow("three tweets")
        << QStringList{u"U: Write a tweet for the Breville coffee grinder with 3 hashtags"_s,
                       u"A: ..."_s,
                       u"U: Write a tweet for the AeroPress coffee maker with 5 hashtags"_s,
                       u"A: ..."_s,
                       u"U: Write a tweet for the Moka pot with 2 hashtags"_s,
                       u"A: ..."_s}
        << u"Write a tweet for the {{subject}} with {{hashtag_count}} hashtags"_s
        << QStringList{u"subject"_s, u"hashtag_count"_s} << 0;
    QTest::newRow("repeated translations")
        << QStringList{u"U: Translate \"good morning\" into Spanish"_s, u"A: Buenos d\u00edas"_s,
                       u"U: Translate \"see you tomorrow\" into German"_s, u"A: Bis morgen"_s}
        << u"Translate \"{{quoted_text}}\" into {{language}}"_s
        << QStringList{u"quoted_text"_s, u"language"_s} << 0;
    QTest::newRow("differing span without a phrase")
        << QStringList{u"U: Explain recursion like I'm five"_s, u"A: ..."_s,
                       u"U: Explain closures like I'm five"_s}
        << u"Explain {{topic}} like I'm five"_s << QStringList{u"topic"_s} << 0;
    QTest::newRow("one request: number, about, for, tone, quoted title")
        << QStringList{u"U: Write a 200-word blog post about remote work for beginners in a friendly tone, "
                       u"titled "
                       "\"Working from Anywhere\""_s}
        << u"Write a {{word_count}}-word blog post about {{topic}} for {{audience}} in a {{tone}} tone, "
           u"titled "
           "\"{{title}}\""_s
        << QStringList{u"word_count"_s, u"topic"_s, u"audience"_s, u"tone"_s, u"title"_s} << 0;
    QTest::newRow("labelled values and a recipient")
        << QStringList{u"U: Draft an email to my manager asking for a day off.\nName: Alice\nDate: Friday 12 May"_s}
        << u"Draft an email to my {{recipient}} asking for a {{purpose}}.\nName: {{name}}\nDate: {{date}}"_s
        << QStringList{u"recipient"_s, u"purpose"_s, u"name"_s, u"date"_s} << 0;
    QTest::newRow("text block after an instruction")
        << QStringList{u"U: Summarize this article:\nThe council approved the new park.\nWork starts in May."_s}
        << u"Summarize this article:\n{{article}}"_s << QStringList{u"article"_s} << 0;
    QTest::newRow("named, language, a count and list markers")
        << QStringList{u"U: Write a lullaby for a cat named Whiskers in French:\n1. 3 verses\n2. a chorus"_s}
        << u"Write a lullaby for a {{purpose}} named {{name}} in {{language}}:\n1. {{verse_count}} "
           u"verses\n2. a "
           "chorus"_s
        << QStringList{u"purpose"_s, u"name"_s, u"language"_s, u"verse_count"_s} << 0;
    QTest::newRow("nothing varies") << QStringList{u"U: What is the capital of France?"_s, u"A: Paris."_s}
                                    << u"What is the capital of France?"_s << QStringList{} << 0;
    QTest::newRow("only small talk") << QStringList{u"U: hi"_s, u"A: hello"_s, u"U: thanks a lot!"_s}
                                     << u"thanks a lot!"_s << QStringList{} << 2;
}

void TstTemplateDrafter::draft() {
    QFETCH(QStringList, lines);
    QFETCH(QString, body);
    QFETCH(QStringList, variables);
    QFETCH(int, defining);

    const QList<ConversationTurn> turns = conversation(lines);
    const Result<PromptTemplate> r = RuleTemplateDrafter().draft(turns, {}, {}, {}, true);
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
    const PromptTemplate& t = r.value();
    QCOMPARE(t.body, body);
    QCOMPARE(names(t), variables);
    QVERIFY(TemplateFormat::validate(t).ok());
    for (const TemplateVariable& v : t.variables) {
        QVERIFY(!v.label.isEmpty());
        QVERIFY(v.defaultValue.isString() || v.defaultValue.isDouble());
    }

    // The defaults are the first request's values: rendering them gives that request back.
    const Result<TemplateFormat::Rendered> back = TemplateFormat::render(t, {});
    QVERIFY(back.ok());
    QCOMPARE(back->body, turns.at(defining).content);

    // Each example holds one request's values and renders back to that request.
    for (const TemplateExample& e : t.examples) {
        const Result<TemplateFormat::Rendered> again = TemplateFormat::render(t, inputs(e.inputs));
        QVERIFY(again.ok());
        bool found = false;
        for (const ConversationTurn& turn : turns)
            found = found || (turn.role == ConversationTurn::Role::User && turn.content == again->body);
        QVERIFY2(found, qPrintable(again->body));
    }
}

void TstTemplateDrafter::productDescriptions() {
    const Result<PromptTemplate> r =
        RuleTemplateDrafter().draft(conversation(ProductDescriptions), {}, {}, {}, true);
    QVERIFY(r.ok());
    const PromptTemplate& t = r.value();
    QCOMPARE(t.title, u"Product description"_s);
    QCOMPARE(t.category, u"Marketing"_s);

    const TemplateVariable* product = t.variable(u"product"_s);
    QVERIFY(product);
    QCOMPARE(product->label, u"Product"_s);
    QCOMPARE(product->type, VariableType::Text);
    QVERIFY(product->required);
    QCOMPARE(product->defaultValue.toString(), u"AeroPress coffee maker"_s);
    QVERIFY(product->description.contains(u"Kindle Paperwhite e-reader"));

    const TemplateVariable* highlight = t.variable(u"highlight"_s);
    QVERIFY(highlight);
    QCOMPARE(highlight->defaultValue.toString(), u"portability"_s);

    const TemplateVariable* words = t.variable(u"word_count"_s);
    QVERIFY(words);
    QCOMPARE(words->label, u"Word count"_s);
    QCOMPARE(words->type, VariableType::Number);
    QCOMPARE(words->defaultValue.toDouble(), 100.0);

    QCOMPARE(TemplateFormat::render(t, {})->body, AeroPress);
    const Result<TemplateFormat::Rendered> second =
        TemplateFormat::render(t, {{u"product"_s, u"Kindle Paperwhite e-reader"_s},
                                   {u"highlight"_s, u"battery life"_s},
                                   {u"word_count"_s, u"150"_s}});
    QVERIFY(second.ok());
    QCOMPARE(second->body, Kindle);

    QCOMPARE(t.examples.size(), 2);
    QCOMPARE(t.examples.at(0).inputs.value(u"product").toString(), u"AeroPress coffee maker"_s);
    QCOMPARE(t.examples.at(0).inputs.value(u"word_count").toDouble(), 100.0);
    QCOMPARE(t.examples.at(0).output, u"The AeroPress is a compact coffee maker that travels anywhere."_s);
    QCOMPARE(t.examples.at(1).inputs.value(u"highlight").toString(), u"battery life"_s);
    QCOMPARE(t.examples.at(1).output, u"The Kindle Paperwhite lasts for weeks on one charge."_s);

    QVERIFY(t.source.has_value());
    QCOMPARE(t.source->kind, u"conversation"_s);
    QCOMPARE(t.source->messageIds, (QStringList{u"m0"_s, u"m1"_s, u"m4"_s, u"m5"_s}));
    QVERIFY(t.source->confidence.value_or(0) > 0.8);
}

void TstTemplateDrafter::examplesOnlyWhenAsked() {
    const Result<PromptTemplate> r =
        RuleTemplateDrafter().draft(conversation(ProductDescriptions), {}, {}, {}, false);
    QVERIFY(r.ok());
    QVERIFY(r->examples.isEmpty());
    QCOMPARE(r->source->messageIds, (QStringList{u"m0"_s, u"m4"_s}));
    QVERIFY(!TemplateFormat::toJson(r.value()).contains(u"examples"));
}

void TstTemplateDrafter::titleCategoryDescription() {
    const Result<PromptTemplate> given =
        RuleTemplateDrafter().draft(conversation(ProductDescriptions), u"  Shop copy  "_s, u"Sales"_s,
                                    u"Copy for the online shop"_s, false);
    QVERIFY(given.ok());
    QCOMPARE(given->title, u"Shop copy"_s);
    QCOMPARE(given->category, u"Sales"_s);
    QCOMPARE(given->description, u"Copy for the online shop"_s);

    const Result<PromptTemplate> inferred = RuleTemplateDrafter().draft(
        conversation({u"U: Write a 200-word blog post about remote work for beginners"_s}), {}, {}, {},
        false);
    QVERIFY(inferred.ok());
    QCOMPARE(inferred->title, u"Blog post"_s);
    QCOMPARE(inferred->category, u"Writing"_s);
    QVERIFY(inferred->description.contains(u"remote work"));
}

void TstTemplateDrafter::bracesInTheRequest() {
    // `{{` cannot be written literally in a template; it must still come back on rendering.
    const QString request =
        u"Generate a Jinja snippet that prints {{ user.name }} and {{{raw}}} for the Acme app"_s;
    const Result<PromptTemplate> r =
        RuleTemplateDrafter().draft(conversation({u"U: "_s + request}), {}, {}, {}, false);
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
    QVERIFY(TemplateFormat::validate(r.value()).ok());
    QCOMPARE(TemplateFormat::render(r.value(), {})->body, request);
    QVERIFY(r->variable(u"app"_s));
}

void TstTemplateDrafter::tooManyValuesFallsBackToOneVariable() {
    // More values than a template may have (64): the request becomes one variable, still exact.
    QString request = u"Write a haiku for each of these:"_s;
    for (int i = 0; i < 80; ++i)
        request += u" {{ %1 },"_s.arg(i);
    const Result<PromptTemplate> r =
        RuleTemplateDrafter().draft(conversation({u"U: "_s + request}), {}, {}, {}, false);
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
    QCOMPARE(names(r.value()), QStringList{u"request"_s});
    QCOMPARE(r->body, u"{{request}}"_s);
    QCOMPARE(TemplateFormat::render(r.value(), {})->body, request);
}

void TstTemplateDrafter::survivesJsonRoundTrip() {
    const Result<PromptTemplate> r =
        RuleTemplateDrafter().draft(conversation(ProductDescriptions), {}, {}, {}, true);
    QVERIFY(r.ok());
    const QJsonObject json = TemplateFormat::toJson(r.value());
    const Result<PromptTemplate> back = TemplateFormat::fromJson(json);
    QVERIFY2(back.ok(), qPrintable(back.ok() ? QString() : back.error().message));
    QCOMPARE(TemplateFormat::toJson(back.value()), json);
}

void TstTemplateDrafter::noRequestFails() {
    for (const QStringList& lines :
         {QStringList{}, QStringList{u"A: Hello, how can I help?"_s}, QStringList{u"U:   "_s}}) {
        const Result<PromptTemplate> r = RuleTemplateDrafter().draft(conversation(lines), {}, {}, {}, true);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::TemplateCreationFailed);
    }
}

void TstTemplateDrafter::overlongTitleFails() {
    const Result<PromptTemplate> r = RuleTemplateDrafter().draft(
        conversation(ProductDescriptions), QString(TemplateFormat::MaxTitleLength + 1, u'x'), {}, {}, false);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, ErrorCode::TemplateCreationFailed);
    QVERIFY(r.error().message.contains(u"title"));
}

QTEST_GUILESS_MAIN(TstTemplateDrafter)
#include "tst_templatedrafter.moc"
