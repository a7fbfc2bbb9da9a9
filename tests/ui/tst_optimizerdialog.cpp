#include "UiScreenshots.h"
#include "dialogs/PromptOptimizerDialog.h"
#include "dialogs/WordDiff.h"

#include <QElapsedTimer>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTextBlock>
#include <QTextEdit>

using namespace Qt::Literals::StringLiterals;
using pc::PromptOptimizerDialog;
using pc::WordDiff;
using Kind = pc::WordDiff::Span::Kind;

Q_DECLARE_METATYPE(QList<pc::WordDiff::Span>)

namespace {

pc::OptimizationResult sampleResult()
{
    pc::OptimizationResult r;
    r.originalPrompt = u"write a poem about the sea"_s;
    r.optimizedPrompt = u"Write a short rhyming poem about the sea at night, in four stanzas."_s;
    r.improvements = {u"States the length and form"_s, u"Adds a setting"_s};
    r.suggestions = {u"Name the audience"_s};
    r.confidence = 0.87;
    r.provider = u"deepseek"_s;
    r.processingTimeMs = 1500;
    return r;
}

QString joined(const QList<WordDiff::Span>& spans, Kind skip)
{
    QString out;
    for (const auto& s : spans) {
        if (s.kind != skip)
            out += s.text;
    }
    return out;
}

// (text, strike-out) of every fragment that has a background colour.
QList<QPair<QString, bool>> marked(const QTextEdit* view)
{
    QList<QPair<QString, bool>> out;
    for (QTextBlock b = view->document()->begin(); b.isValid(); b = b.next()) {
        for (auto it = b.begin(); !it.atEnd(); ++it) {
            const QTextCharFormat f = it.fragment().charFormat();
            if (f.background().style() != Qt::NoBrush)
                out.append({it.fragment().text(), f.fontStrikeOut()});
        }
    }
    return out;
}

} // namespace

class TestOptimizerDialog : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void tokenize();
    void diff_data();
    void diff();
    void diffSpellsBothTexts();
    void hugeInputIsBounded();
    void showsResult();
    void changedWordsAreMarked();
    void useOptimized();
    void keepOriginal();
    void promptTextIsNotHtml();
    void screenshots();
};

void TestOptimizerDialog::tokenize()
{
    QCOMPARE(WordDiff::tokenize(u"a  b\nc"_s), QStringList({u"a"_s, u"  "_s, u"b"_s, u"\n"_s, u"c"_s}));
    QCOMPARE(WordDiff::tokenize(u" x "_s), QStringList({u" "_s, u"x"_s, u" "_s}));
    QCOMPARE(WordDiff::tokenize(QString()), QStringList());
}

void TestOptimizerDialog::diff_data()
{
    QTest::addColumn<QString>("before");
    QTest::addColumn<QString>("after");
    QTest::addColumn<QList<WordDiff::Span>>("expected");
    QTest::newRow("same") << u"a b"_s << u"a b"_s << QList<WordDiff::Span>{{Kind::Same, u"a b"_s}};
    QTest::newRow("added word") << u"a c"_s << u"a b c"_s
                                << QList<WordDiff::Span>{
                                       {Kind::Same, u"a "_s}, {Kind::Added, u"b "_s}, {Kind::Same, u"c"_s}};
    QTest::newRow("removed word") << u"a b c"_s << u"a c"_s
                                  << QList<WordDiff::Span>{{Kind::Same, u"a "_s},
                                                           {Kind::Removed, u"b "_s},
                                                           {Kind::Same, u"c"_s}};
    QTest::newRow("replaced") << u"the quick fox"_s << u"the slow fox"_s
                              << QList<WordDiff::Span>{{Kind::Same, u"the "_s},
                                                       {Kind::Removed, u"quick"_s},
                                                       {Kind::Added, u"slow"_s},
                                                       {Kind::Same, u" fox"_s}};
    QTest::newRow("from empty") << QString() << u"new"_s << QList<WordDiff::Span>{{Kind::Added, u"new"_s}};
    QTest::newRow("to empty") << u"old"_s << QString() << QList<WordDiff::Span>{{Kind::Removed, u"old"_s}};
}

void TestOptimizerDialog::diff()
{
    QFETCH(QString, before);
    QFETCH(QString, after);
    QFETCH(QList<WordDiff::Span>, expected);
    QCOMPARE(WordDiff::diff(before, after), expected);
}

void TestOptimizerDialog::diffSpellsBothTexts()
{
    const pc::OptimizationResult r = sampleResult();
    const QList<WordDiff::Span> spans = WordDiff::diff(r.originalPrompt, r.optimizedPrompt);
    QCOMPARE(joined(spans, Kind::Added), r.originalPrompt);
    QCOMPARE(joined(spans, Kind::Removed), r.optimizedPrompt);
}

void TestOptimizerDialog::hugeInputIsBounded()
{
    QString a;
    QString b;
    for (int i = 0; i < 6000; ++i) {
        a += u"word%1 "_s.arg(i);
        b += u"word%1 "_s.arg(i % 2 ? i : i + 1);
    }
    // Past the size where a word LCS would be quadratic, the diff is one replacement: bounded by
    // construction (whole removed, whole added), not by a clock.
    const QList<WordDiff::Span> spans = WordDiff::diff(a, b);
    QCOMPARE(joined(spans, Kind::Added), a);
    QCOMPARE(joined(spans, Kind::Removed), b);
}

void TestOptimizerDialog::showsResult()
{
    PromptOptimizerDialog dialog;
    dialog.setResult(sampleResult());
    QCOMPARE(dialog.originalView()->toPlainText(), sampleResult().originalPrompt);
    QCOMPARE(dialog.optimizedView()->toPlainText(), sampleResult().optimizedPrompt);
    QCOMPARE(dialog.improvementsList()->count(), 2);
    QVERIFY(dialog.improvementsList()->item(0)->text().contains(u"States the length and form"));
    QCOMPARE(dialog.suggestionsList()->count(), 1);
    QCOMPARE(dialog.confidenceLabel()->text(), u"Confidence: 87%"_s);
    QVERIFY(dialog.originalView()->isReadOnly());
    QVERIFY(!dialog.originalView()->accessibleName().isEmpty());
    QVERIFY(!dialog.useButton()->accessibleName().isEmpty());

    pc::OptimizationResult empty = sampleResult();
    empty.suggestions.clear();
    dialog.setResult(empty);
    QCOMPARE(dialog.suggestionsList()->count(), 1); // "None listed."
    QCOMPARE(dialog.suggestionsList()->item(0)->flags(), Qt::NoItemFlags);
}

void TestOptimizerDialog::changedWordsAreMarked()
{
    PromptOptimizerDialog dialog;
    dialog.setResult(sampleResult());
    const auto removed = marked(dialog.originalView());
    const auto added = marked(dialog.optimizedView());
    QCOMPARE(removed.size(), 1);
    QCOMPARE(removed.first().first, u"write"_s);
    QVERIFY(removed.first().second); // struck through
    QStringList addedTexts;
    for (const auto& a : added) {
        QVERIFY(!a.second);
        addedTexts.append(a.first);
    }
    QVERIFY2(addedTexts.join(u'|').contains(u"short rhyming "), qPrintable(addedTexts.join(u'|')));
    QVERIFY(addedTexts.join(u'|').contains(u"Write"));
    QVERIFY(addedTexts.join(u'|').contains(u"in four stanzas."));
}

void TestOptimizerDialog::useOptimized()
{
    PromptOptimizerDialog dialog;
    dialog.setResult(sampleResult());
    QSignalSpy use(&dialog, &PromptOptimizerDialog::useOptimized);
    dialog.show();
    QTest::mouseClick(dialog.useButton(), Qt::LeftButton);
    QCOMPARE(use.size(), 1);
    QCOMPARE(use.first().first().toString(), sampleResult().optimizedPrompt);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
}

void TestOptimizerDialog::keepOriginal()
{
    PromptOptimizerDialog dialog;
    dialog.setResult(sampleResult());
    QSignalSpy use(&dialog, &PromptOptimizerDialog::useOptimized);
    dialog.show();
    auto* keep = dialog.findChild<QPushButton*>(u"keepOriginalButton"_s);
    QVERIFY(keep);
    QTest::mouseClick(keep, Qt::LeftButton);
    QCOMPARE(use.size(), 0);
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
}

void TestOptimizerDialog::promptTextIsNotHtml()
{
    PromptOptimizerDialog dialog;
    pc::OptimizationResult r = sampleResult();
    r.originalPrompt = u"<b>bold</b> <img src=\"http://x/y.png\">"_s;
    r.optimizedPrompt = u"<i>it</i>"_s;
    dialog.setResult(r);
    QCOMPARE(dialog.originalView()->toPlainText(), r.originalPrompt);
    QCOMPARE(dialog.optimizedView()->toPlainText(), r.optimizedPrompt);
}

void TestOptimizerDialog::screenshots()
{
    if (pc::testing::screenshotDir().isEmpty())
        QSKIP("PC_SCREENSHOT_DIR not set");
    PromptOptimizerDialog dialog;
    pc::OptimizationResult r = sampleResult();
    r.originalPrompt = u"write a poem about the sea, make it good and not too long"_s;
    r.optimizedPrompt =
        u"Write a rhyming poem about the sea at night in four stanzas of four lines each, with a calm, "
        u"reflective tone."_s;
    r.improvements = {u"States the form: rhyming, four stanzas of four lines"_s,
                      u"Replaces \"not too long\" with a measurable length"_s, u"Sets a tone"_s};
    dialog.setResult(r);
    QCOMPARE(pc::testing::saveScreenshots(&dialog, u"optimizerdialog"_s), 2);
}

QTEST_MAIN(TestOptimizerDialog)
#include "tst_optimizerdialog.moc"
