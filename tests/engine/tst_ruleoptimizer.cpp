#include "intelligence/RulePromptOptimizer.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace pc;

Q_DECLARE_METATYPE(pc::OptimizationType)

namespace {

const QString CompletePrompt =
    u"You are a senior Python engineer. Write a function that parses ISO 8601 dates for our billing service, "
    "because the current parser fails on time zones. The readers are junior developers. Return a code block "
    "with docstrings, under 40 lines. Do not use third-party libraries."_s;

} // namespace

class TstRuleOptimizer : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void weaknesses_data();
    void weaknesses();
    void writeAboutDogs();
    void typesDiffer();
    void completePrompt();
    void confidenceFollowsCompleteness();
    void neverClaimsImprovementsForUnchangedText_data();
    void neverClaimsImprovementsForUnchangedText();
    void nothingToChange();
    void emptyPrompt();
};

void TstRuleOptimizer::weaknesses_data() {
    QTest::addColumn<QString>("prompt");
    QTest::addColumn<OptimizationType>("type");
    QTest::addColumn<QStringList>("inPrompt");    // text the optimized prompt must contain
    QTest::addColumn<QStringList>("notInPrompt"); // text it must no longer contain
    QTest::addColumn<QString>("improvement");     // words of the improvement that explains it

    const OptimizationType enhancement = OptimizationType::Enhancement;
    const OptimizationType clarity = OptimizationType::Clarity;
    const OptimizationType specificity = OptimizationType::Specificity;

    // Missing parts.
    QTest::newRow("role inferred from the task")
        << u"Explain how vaccines work to teenagers in 200 words."_s << enhancement
        << QStringList{u"Role: You are a patient teacher who explains things clearly."_s} << QStringList{}
        << u"Added a role inferred from the task"_s;
    QTest::newRow("role unknown") << u"Plan a route from Porto to Lisbon with three stops."_s << enhancement
                                  << QStringList{u"Role: [role: who should answer"_s} << QStringList{}
                                  << u"role placeholder"_s;
    QTest::newRow("role given as a phrase")
        << u"As a historian, explain the causes of World War I for high school students in 5 bullet points."_s
        << specificity << QStringList{u"Role: You are a historian."_s, u"Task: Explain the causes"_s}
        << QStringList{u"As a historian"_s} << u"Moved the role (a historian)"_s;
    QTest::newRow("goal missing") << u"dogs"_s << enhancement
                                  << QStringList{u"Task: [goal: what should the model do"_s} << QStringList{}
                                  << u"states no action"_s;
    QTest::newRow("audience missing")
        << u"Write a 300-word article about composting, focusing on balcony bins."_s << enhancement
        << QStringList{u"Audience: [audience: who will read this?]"_s} << QStringList{}
        << u"Added an Audience section"_s;
    QTest::newRow("format missing") << u"Explain compound interest to beginners in 150 words."_s
                                    << specificity << QStringList{u"Format: [format:"_s} << QStringList{}
                                    << u"Added a Format section"_s;
    QTest::newRow("length missing") << u"Write a bulleted list of packing tips for students flying abroad."_s
                                    << enhancement << QStringList{u"Length: [length:"_s} << QStringList{}
                                    << u"Added a Length section"_s;
    QTest::newRow("constraints missing")
        << u"Write a 100-word bio for a jazz pianist for a festival website."_s << enhancement
        << QStringList{u"Constraints: [constraints:"_s} << QStringList{} << u"Added a Constraints section"_s;
    QTest::newRow("context missing") << u"Write a 100-word bio for a jazz pianist."_s << enhancement
                                     << QStringList{u"Context: [context:"_s} << QStringList{}
                                     << u"Added a Context section"_s;
    QTest::newRow("example missing") << u"Write five names for a bakery in a playful tone for locals."_s
                                     << specificity << QStringList{u"Examples: [example:"_s} << QStringList{}
                                     << u"Added an Examples section"_s;

    // Vague wording.
    QTest::newRow("stuff and things")
        << u"Give me stuff to pack and things to avoid for a beach trip."_s << clarity
        << QStringList{u"Give me [specifics: what exactly do you mean by \u201cstuff\u201d?] to pack and "
                       "[specifics: what exactly do you mean by \u201cthings\u201d?] to avoid"_s}
        << QStringList{u"stuff to pack"_s} << u"Replaced vague wording (stuff, things)"_s;
    QTest::newRow("good") << u"Write a good cover letter for a nursing job."_s << clarity
                          << QStringList{u"[quality: what should \u201cgood\u201d mean here"_s}
                          << QStringList{u"a good cover"_s} << u"Replaced vague wording (good)"_s;
    QTest::newRow("some") << u"Give me some ideas for a team offsite in spring."_s << enhancement
                          << QStringList{u"[amount: how many or how much?] ideas"_s}
                          << QStringList{u"some ideas"_s} << u"Replaced vague wording (some)"_s;
    QTest::newRow("bare about")
        << u"Write a poem about the sea."_s << clarity
        << QStringList{u"focusing on [angle: which aspect of the sea matters most?]"_s} << QStringList{}
        << u"gives a topic but no angle"_s;
    QTest::newRow("hedging") << u"Write a kind of formal reply to the landlord about the broken heater."_s
                             << clarity << QStringList{u"Write a formal reply"_s} << QStringList{u"kind of"_s}
                             << u"Removed hedging (kind of)"_s;
    QTest::newRow("write about names no kind of text")
        << u"Write about electric cars for first-time buyers."_s << clarity
        << QStringList{u"Write [text type: e.g. an article, a story, a guide?] about electric cars"_s}
        << QStringList{} << u"names no kind of text"_s;

    // Structure.
    QTest::newRow("several questions")
        << u"What is inflation? How does it affect savings? Should I buy bonds?"_s << clarity
        << QStringList{u"Answer each question separately:"_s, u"1. What is inflation?"_s,
                       u"2. How does it affect savings?"_s, u"3. Should I buy bonds?"_s}
        << QStringList{} << u"Split 3 questions"_s;
    QTest::newRow("two questions joined by and")
        << u"What is a Roth IRA and how does it differ from a 401k?"_s << clarity
        << QStringList{u"1. What is a Roth IRA?"_s, u"2. How does it differ from a 401k?"_s} << QStringList{}
        << u"Split 2 questions"_s;
    QTest::newRow("polite question becomes an instruction")
        << u"Can you write a thank-you note to my aunt for the birthday scarf?"_s << clarity
        << QStringList{u"Write a thank-you note to my aunt for the birthday scarf."_s}
        << QStringList{u"Can you"_s, u"?"_s} << u"direct instruction"_s;
    QTest::newRow("supporting sentences get sections")
        << u"Write a product update for our users. We shipped offline mode last week. Keep it under 120 "
           u"words. "
           "Avoid marketing language."_s
        << enhancement
        << QStringList{u"Task: Write a product update for our users."_s,
                       u"Context: We shipped offline mode last week."_s,
                       u"Length: Keep it under 120 words."_s, u"Constraints: Avoid marketing language."_s}
        << QStringList{} << u"Organised the prompt into labelled sections"_s;
}

void TstRuleOptimizer::weaknesses() {
    QFETCH(QString, prompt);
    QFETCH(OptimizationType, type);
    QFETCH(QStringList, inPrompt);
    QFETCH(QStringList, notInPrompt);
    QFETCH(QString, improvement);

    const OptimizationOutcome o = RulePromptOptimizer().optimize(prompt, type);
    const QString report = o.optimizedPrompt + u"\n--\n"_s + o.improvements.join(u'\n');
    for (const QString& s : std::as_const(inPrompt))
        QVERIFY2(o.optimizedPrompt.contains(s), qPrintable(u"missing: "_s + s + u"\n"_s + report));
    for (const QString& s : std::as_const(notInPrompt))
        QVERIFY2(!o.optimizedPrompt.contains(s), qPrintable(u"still there: "_s + s + u"\n"_s + report));
    QVERIFY2(o.improvements.join(u'\n').contains(improvement), qPrintable(report));
    QVERIFY(o.optimizedPrompt != prompt.trimmed());
    QVERIFY(o.confidence >= 0.0 && o.confidence <= 1.0);
}

void TstRuleOptimizer::writeAboutDogs() {
    const QString prompt = u"write about dogs"_s;
    const OptimizationOutcome o = RulePromptOptimizer().optimize(prompt, OptimizationType::Enhancement);
    const QString& p = o.optimizedPrompt;

    QVERIFY(p != prompt);
    QVERIFY(p.size() > 5 * prompt.size());
    QVERIFY(p.startsWith(u"Role: You are an experienced writer.\n"));
    QVERIFY2(
        p.contains(u"Task: Write [text type: e.g. an article, a story, a guide?] about dogs, focusing on "
                   "[angle: which aspect of dogs matters most?]."),
        qPrintable(p));
    for (const QString& section :
         {u"Context: [context:"_s, u"Audience: [audience: who will read this?]"_s, u"Format: [format:"_s,
          u"Length: [length:"_s, u"Constraints: [constraints:"_s})
        QVERIFY2(p.contains(section), qPrintable(section));

    const QString improvements = o.improvements.join(u'\n');
    QVERIFY(o.improvements.size() >= 6);
    for (const QString& what : {u"names no kind of text"_s, u"no angle"_s, u"role inferred"_s, u"Audience"_s,
                                u"Format"_s, u"Length"_s})
        QVERIFY2(improvements.contains(what), qPrintable(what));

    QVERIFY(!o.suggestions.isEmpty());
    QVERIFY(o.suggestions.join(u'\n').contains(u"who will read it"));
    QVERIFY(o.confidence < 0.4);
}

void TstRuleOptimizer::typesDiffer() {
    const RulePromptOptimizer optimizer;
    const QString prompt = u"write about dogs"_s;
    const OptimizationOutcome enhancement = optimizer.optimize(prompt, OptimizationType::Enhancement);
    const OptimizationOutcome clarity = optimizer.optimize(prompt, OptimizationType::Clarity);
    const OptimizationOutcome specificity = optimizer.optimize(prompt, OptimizationType::Specificity);

    // Clarity rewords and adds no sections; what is missing becomes suggestions.
    QVERIFY(clarity.optimizedPrompt.startsWith(u"Write [text type:"));
    QVERIFY(!clarity.optimizedPrompt.contains(u"Audience:"));
    QVERIFY(clarity.suggestions.join(u'\n').contains(u"who will read it"));

    // Specificity keeps the wording and asks for audience, format, length, constraints and an example.
    QVERIFY(specificity.optimizedPrompt.startsWith(u"Task: Write about dogs.\n"));
    for (const QString& section :
         {u"Audience: ["_s, u"Format: ["_s, u"Length: ["_s, u"Constraints: ["_s, u"Examples: [example:"_s})
        QVERIFY2(specificity.optimizedPrompt.contains(section), qPrintable(section));
    QVERIFY(!specificity.optimizedPrompt.contains(u"Role:"));

    // Enhancement does everything.
    QVERIFY(enhancement.optimizedPrompt.contains(u"Role:"));
    QVERIFY(enhancement.optimizedPrompt.contains(u"[text type:"));
    QVERIFY(enhancement.optimizedPrompt.contains(u"Audience: ["));

    QVERIFY(enhancement.optimizedPrompt != clarity.optimizedPrompt);
    QVERIFY(clarity.optimizedPrompt != specificity.optimizedPrompt);
}

void TstRuleOptimizer::completePrompt() {
    const OptimizationOutcome o =
        RulePromptOptimizer().optimize(CompletePrompt, OptimizationType::Enhancement);
    QVERIFY2(!o.optimizedPrompt.contains(u'['), qPrintable(o.optimizedPrompt));
    QVERIFY(o.optimizedPrompt.startsWith(u"Role: You are a senior Python engineer.\nTask: Write a function"));
    QVERIFY(o.optimizedPrompt.contains(u"\nAudience: The readers are junior developers."));
    QVERIFY(o.optimizedPrompt.contains(u"\nFormat: Return a code block with docstrings, under 40 lines."));
    QVERIFY(o.optimizedPrompt.contains(u"\nConstraints: Do not use third-party libraries."));
    QCOMPARE(o.improvements,
             QStringList{u"Organised the prompt into labelled sections so each requirement is explicit."_s});
    QVERIFY(o.confidence >= 0.8);
}

void TstRuleOptimizer::confidenceFollowsCompleteness() {
    const RulePromptOptimizer optimizer;
    const double bare = optimizer.optimize(u"dogs"_s, OptimizationType::Enhancement).confidence;
    const double vague = optimizer.optimize(u"write about dogs"_s, OptimizationType::Enhancement).confidence;
    const double partial = optimizer
                               .optimize(u"Write a 300-word article about dog training for new owners."_s,
                                         OptimizationType::Enhancement)
                               .confidence;
    const double complete = optimizer.optimize(CompletePrompt, OptimizationType::Enhancement).confidence;
    QVERIFY(bare <= vague);
    QVERIFY(vague < partial);
    QVERIFY(partial < complete);
}

void TstRuleOptimizer::neverClaimsImprovementsForUnchangedText_data() {
    QTest::addColumn<QString>("prompt");
    QTest::addColumn<OptimizationType>("type");
    const QStringList prompts{
        u"write about dogs"_s,
        u"Write a haiku about autumn leaves, focusing on their colour."_s,
        CompletePrompt,
        u"Summarize the attached meeting notes in 5 bullet points for the team, in a neutral tone."_s,
        u"What is a monad?"_s,
        u"hello"_s,
        u"x"_s,
        u"Translate \u201cbonjour\u201d into English."_s,
    };
    for (const QString& p : prompts) {
        QTest::newRow(qPrintable(u"enhancement: "_s + p.left(30))) << p << OptimizationType::Enhancement;
        QTest::newRow(qPrintable(u"clarity: "_s + p.left(30))) << p << OptimizationType::Clarity;
        QTest::newRow(qPrintable(u"specificity: "_s + p.left(30))) << p << OptimizationType::Specificity;
    }
}

void TstRuleOptimizer::neverClaimsImprovementsForUnchangedText() {
    QFETCH(QString, prompt);
    QFETCH(OptimizationType, type);
    const OptimizationOutcome o = RulePromptOptimizer().optimize(prompt, type);
    QVERIFY(!o.optimizedPrompt.isEmpty());
    if (!o.improvements.isEmpty())
        QVERIFY(o.optimizedPrompt.trimmed() != prompt.trimmed());
    else
        QCOMPARE(o.optimizedPrompt, prompt.trimmed());
    QVERIFY(o.confidence >= 0.0 && o.confidence <= 1.0);
}

void TstRuleOptimizer::nothingToChange() {
    const QString prompt = u"Write a haiku about autumn leaves, focusing on their colour."_s;
    const OptimizationOutcome o = RulePromptOptimizer().optimize(prompt, OptimizationType::Clarity);
    QCOMPARE(o.optimizedPrompt, prompt);
    QVERIFY(o.improvements.isEmpty());
    QVERIFY(o.suggestions.join(u'\n').contains(u"nothing to change"));
}

void TstRuleOptimizer::emptyPrompt() {
    const OptimizationOutcome o = RulePromptOptimizer().optimize(u"   \n "_s, OptimizationType::Enhancement);
    QVERIFY(o.optimizedPrompt.isEmpty());
    QVERIFY(o.improvements.isEmpty());
    QCOMPARE(o.suggestions.size(), 1);
    QCOMPARE(o.confidence, 0.0);
}

QTEST_GUILESS_MAIN(TstRuleOptimizer)
#include "tst_ruleoptimizer.moc"
