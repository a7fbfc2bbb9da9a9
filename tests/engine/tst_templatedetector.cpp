#include "intelligence/TemplateOpportunityDetector.h"

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

const QString Repeated = QString::fromUtf16(TemplateOpportunityDetector::RepeatedStructure);
const QString Keywords = QString::fromUtf16(TemplateOpportunityDetector::Keywords);
const QString FillIn = QString::fromUtf16(TemplateOpportunityDetector::FillInValues);
const QString Length = QString::fromUtf16(TemplateOpportunityDetector::Length);

const QStringList ProductDescriptions{
    u"U: Write a product description for the AeroPress coffee maker, highlighting portability, in 100 words"_s,
    u"A: The AeroPress is a compact coffee maker that travels anywhere..."_s,
    u"U: Great, thanks!"_s,
    u"A: You're welcome!"_s,
    u"U: Write a product description for the Kindle Paperwhite e-reader, highlighting battery life, in 150 words"_s,
    u"A: The Kindle Paperwhite lasts for weeks..."_s,
};

} // namespace

class TstTemplateDetector : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void detect_data();
    void detect();
    void suggestionForRepeatedRequests();
    void reasoningNamesEverySignal();
    void fingerprintStableAsConversationGrows();
    void fingerprintDiffersBetweenSuggestions();
    void emptyConversation();
};

void TstTemplateDetector::detect_data() {
    QTest::addColumn<QStringList>("lines");
    QTest::addColumn<bool>("worthy");
    QTest::addColumn<QStringList>("firedSignals");

    // Should trigger.
    QTest::newRow("two product descriptions")
        << ProductDescriptions << true << QStringList{Repeated, Keywords, FillIn};
    QTest::newRow("repeated translations")
        << QStringList{u"U: Translate \"good morning\" into Spanish"_s, u"A: Buenos d\u00edas"_s,
                       u"U: Translate \"see you tomorrow\" into German"_s, u"A: Bis morgen"_s}
        << true << QStringList{Repeated, FillIn};
    QTest::newRow("repeated explanations") << QStringList{u"U: Explain recursion like I'm five"_s,
                                                          u"A: ..."_s, u"U: Explain closures like I'm five"_s}
                                           << true << QStringList{Repeated};
    QTest::newRow("three tweets, one off topic in between")
        << QStringList{u"U: Write a tweet for the Breville coffee grinder with 3 hashtags"_s,
                       u"A: ..."_s,
                       u"U: What time zone is Lisbon in?"_s,
                       u"A: WET"_s,
                       u"U: Write a tweet for the AeroPress coffee maker with 5 hashtags"_s,
                       u"A: ..."_s,
                       u"U: Write a tweet for the Moka pot with 2 hashtags"_s}
        << true << QStringList{Repeated, Keywords, FillIn};
    QTest::newRow("one request phrased as reusable work with values")
        << QStringList{u"U: Write a 200-word blog post about remote work for beginners in a friendly tone"_s}
        << true << QStringList{Keywords, FillIn};
    QTest::newRow("labelled values")
        << QStringList{u"U: Draft an email to my manager asking for a day off.\nName: Alice\nDate: Friday 12 May"_s}
        << true << QStringList{Keywords, FillIn};
    QTest::newRow("outline with a slide count")
        << QStringList{u"U: Create an outline for a presentation about climate change for investors, 10 slides"_s}
        << true << QStringList{Keywords, FillIn};
    QTest::newRow("long detailed request")
        << QStringList{u"U: Generate a weekly meal plan for a family of four named the Smiths, with a "
                       u"shopping list "
                       "grouped by aisle, vegetarian dinners on Monday and Thursday, nothing that takes "
                       "longer than "
                       "thirty minutes to cook, and a budget of about 120 euros"_s}
        << true << QStringList{Keywords, FillIn, Length};

    // Should not trigger.
    QTest::newRow("small talk") << QStringList{u"U: hi there"_s, u"A: Hello! How can I help?"_s,
                                               u"U: thanks a lot!"_s, u"U: ok bye"_s}
                                << false << QStringList{};
    QTest::newRow("single short question")
        << QStringList{u"U: What is the capital of France?"_s, u"A: Paris."_s} << false << QStringList{};
    QTest::newRow("two short questions of one shape")
        << QStringList{u"U: What is the capital of France?"_s, u"A: Paris."_s,
                       u"U: What is the capital of Spain?"_s}
        << false << QStringList{};
    QTest::newRow("a question that mentions steps")
        << QStringList{u"U: Give me the steps to reset my router?"_s} << false << QStringList{Keywords};
    QTest::newRow("the same message sent twice")
        << QStringList{u"U: Tell me a joke about cats please"_s, u"A: ..."_s,
                       u"U: Tell me a joke about cats please"_s}
        << false << QStringList{};
    QTest::newRow("template talk from the assistant only")
        << QStringList{u"U: hello"_s,
                       u"A: I can write a template for you, generate an outline, or draft the steps in any format."_s}
        << false << QStringList{};
    QTest::newRow("long chatty message") << QStringList{u"U: So yesterday I went hiking with my brother near "
                                                        u"the lake and we saw a heron, which was "
                                                        "amazing because neither of us had ever seen one "
                                                        "that close before, and then it rained on "
                                                        "the way back"_s}
                                         << false << QStringList{Length};
    QTest::newRow("a value without a request")
        << QStringList{u"U: My name: Bob"_s} << false << QStringList{FillIn};
}

void TstTemplateDetector::detect() {
    QFETCH(QStringList, lines);
    QFETCH(bool, worthy);
    QFETCH(QStringList, firedSignals);

    const TemplateOpportunityDetector::Detection d =
        TemplateOpportunityDetector().detect(conversation(lines));
    QCOMPARE(d.firedSignals, firedSignals);
    QCOMPARE(d.worthy, worthy);
    QVERIFY(d.suggestion.confidence >= 0.0 && d.suggestion.confidence <= 1.0);
    if (worthy) {
        QVERIFY(d.suggestion.confidence >= 0.45);
        QVERIFY(!d.suggestion.title.isEmpty());
        QVERIFY(!d.suggestion.category.isEmpty());
        QVERIFY(!d.suggestion.description.isEmpty());
        QVERIFY(!d.suggestion.reasoning.isEmpty());
        QCOMPARE(d.fingerprint.size(), 16);
        QVERIFY(d.definingTurn >= 0);
        QCOMPARE(conversation(lines).at(d.definingTurn).role, ConversationTurn::Role::User);
    }
}

void TstTemplateDetector::suggestionForRepeatedRequests() {
    const TemplateOpportunityDetector::Detection d =
        TemplateOpportunityDetector().detect(conversation(ProductDescriptions));
    QVERIFY(d.worthy);
    QCOMPARE(d.suggestion.title, u"Product description"_s);
    QCOMPARE(d.suggestion.category, u"Marketing"_s);
    QVERIFY(d.suggestion.confidence > 0.8);
    QCOMPARE(d.definingTurn, 0);
    QCOMPARE(d.requestTurns, (QList<qsizetype>{0, 4}));
    QCOMPARE(d.messageIds, (QStringList{u"m0"_s, u"m4"_s}));
    QVERIFY(d.suggestion.description.contains(u"AeroPress"));
}

void TstTemplateDetector::reasoningNamesEverySignal() {
    const TemplateOpportunityDetector::Detection d = TemplateOpportunityDetector().detect(
        conversation({u"U: Generate a weekly meal plan for a family of four named the Smiths, with a "
                      u"shopping list grouped by "
                      "aisle, vegetarian dinners on Monday and Thursday, nothing that takes longer than "
                      "thirty minutes to cook, "
                      "and a budget of about 120 euros"_s,
                      u"A: ..."_s,
                      u"U: Generate a weekly meal plan for a couple named the Lees, with a shopping list "
                      u"grouped by shop, fish "
                      "on Fridays, nothing spicy, and a budget of about 90 euros"_s}));
    QCOMPARE(d.firedSignals, (QStringList{Repeated, Keywords, FillIn, Length}));
    const QString& r = d.suggestion.reasoning;
    QVERIFY2(r.contains(u"same kind of thing 2 times"), qPrintable(r));
    QVERIFY2(r.contains(u"template-style wording") && r.contains(u"generate"), qPrintable(r));
    QVERIFY2(r.contains(u"filled in each time") && r.contains(u"a named subject"), qPrintable(r));
    QVERIFY2(r.contains(u"detailed request"), qPrintable(r));
    QCOMPARE(d.suggestion.confidence, 0.95);
}

void TstTemplateDetector::fingerprintStableAsConversationGrows() {
    const TemplateOpportunityDetector detector;
    const QString first = detector.detect(conversation(ProductDescriptions)).fingerprint;

    QStringList longer = ProductDescriptions;
    longer << u"U: How long does the AeroPress take to brew?"_s << u"A: About two minutes."_s
           << u"U: Write a product description for the Moka pot, highlighting its history, in 80 words"_s;
    const TemplateOpportunityDetector::Detection later = detector.detect(conversation(longer));
    QVERIFY(later.worthy);
    QCOMPARE(later.requestTurns.size(), 3);
    QCOMPARE(later.fingerprint, first);
}

void TstTemplateDetector::fingerprintDiffersBetweenSuggestions() {
    const TemplateOpportunityDetector detector;
    const TemplateOpportunityDetector::Detection products =
        detector.detect(conversation(ProductDescriptions));
    const TemplateOpportunityDetector::Detection blog = detector.detect(conversation(
        {u"U: Write a 200-word blog post about remote work for beginners in a friendly tone"_s}));
    QVERIFY(products.worthy && blog.worthy);
    QVERIFY(products.fingerprint != blog.fingerprint);
}

void TstTemplateDetector::emptyConversation() {
    const TemplateOpportunityDetector::Detection d = TemplateOpportunityDetector().detect({});
    QVERIFY(!d.worthy);
    QVERIFY(d.firedSignals.isEmpty());
    QCOMPARE(d.definingTurn, -1);
    QVERIFY(d.fingerprint.isEmpty());
}

QTEST_GUILESS_MAIN(TstTemplateDetector)
#include "tst_templatedetector.moc"
