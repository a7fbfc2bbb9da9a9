#include "UiScreenshots.h"
#include "dialogs/TemplateOpportunityDialog.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using pc::TemplateOpportunityDialog;

namespace {

pc::TemplateSuggestion suggestion()
{
    pc::TemplateSuggestion s;
    s.title = u"Weekly status email"_s;
    s.description = u"Turns bullet notes into a short status email."_s;
    s.category = u"Business"_s;
    s.confidence = 0.734;
    s.reasoning = u"You asked for the same kind of email three times with different notes."_s;
    return s;
}

} // namespace

class TestTemplateOpportunityDialog : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void showsSuggestion();
    void editedTitleAndCategoryAreCreated();
    void emptyTitleCannotBeCreated();
    void notNowAndDontSuggest();
    void unknownCategoryIsKept();
    void screenshots();
};

void TestTemplateOpportunityDialog::showsSuggestion()
{
    TemplateOpportunityDialog dialog;
    QVERIFY(!dialog.isModal());
    dialog.setSuggestion(suggestion());
    QCOMPARE(dialog.title(), u"Weekly status email"_s);
    QCOMPARE(dialog.category(), u"Business"_s);
    QCOMPARE(dialog.description(), u"Turns bullet notes into a short status email."_s);
    QCOMPARE(dialog.findChild<QLabel*>(u"confidenceLabel"_s)->text(), u"73%"_s);
    QCOMPARE(dialog.findChild<QProgressBar*>(u"confidenceBar"_s)->value(), 73);
    QCOMPARE(dialog.findChild<QLabel*>(u"reasoningLabel"_s)->text(), suggestion().reasoning);
    for (QWidget* w :
         {static_cast<QWidget*>(dialog.findChild<QLineEdit*>(u"titleEdit"_s)),
          static_cast<QWidget*>(dialog.findChild<QComboBox*>(u"categoryCombo"_s)),
          static_cast<QWidget*>(dialog.createButton()), static_cast<QWidget*>(dialog.notNowButton()),
          static_cast<QWidget*>(dialog.dontSuggestButton())})
        QVERIFY(!w->accessibleName().isEmpty());
}

void TestTemplateOpportunityDialog::editedTitleAndCategoryAreCreated()
{
    TemplateOpportunityDialog dialog;
    dialog.setSuggestion(suggestion());
    dialog.show();
    QSignalSpy create(&dialog, &TemplateOpportunityDialog::createRequested);
    auto* title = dialog.findChild<QLineEdit*>(u"titleEdit"_s);
    title->selectAll();
    QTest::keyClicks(title, u"Status update"_s);
    dialog.findChild<QComboBox*>(u"categoryCombo"_s)->setCurrentText(u"Writing"_s);
    QTest::mouseClick(dialog.createButton(), Qt::LeftButton);
    QCOMPARE(create.size(), 1);
    QCOMPARE(create.first().at(0).toString(), u"Status update"_s);
    QCOMPARE(create.first().at(1).toString(), u"Writing"_s);
    QCOMPARE(create.first().at(2).toString(), suggestion().description);
    QVERIFY(!dialog.isVisible());
}

void TestTemplateOpportunityDialog::emptyTitleCannotBeCreated()
{
    TemplateOpportunityDialog dialog;
    dialog.setSuggestion(suggestion());
    dialog.findChild<QLineEdit*>(u"titleEdit"_s)->setText(u"   "_s);
    QVERIFY(!dialog.createButton()->isEnabled());
}

void TestTemplateOpportunityDialog::notNowAndDontSuggest()
{
    TemplateOpportunityDialog dialog;
    dialog.setSuggestion(suggestion());
    QSignalSpy notNow(&dialog, &TemplateOpportunityDialog::notNowClicked);
    QSignalSpy dontSuggest(&dialog, &TemplateOpportunityDialog::dontSuggestForChatClicked);
    QSignalSpy create(&dialog, &TemplateOpportunityDialog::createRequested);
    dialog.show();
    QTest::mouseClick(dialog.notNowButton(), Qt::LeftButton);
    QCOMPARE(notNow.size(), 1);
    QVERIFY(!dialog.isVisible());
    dialog.show();
    QTest::mouseClick(dialog.dontSuggestButton(), Qt::LeftButton);
    QCOMPARE(dontSuggest.size(), 1);
    QCOMPARE(create.size(), 0);
}

void TestTemplateOpportunityDialog::unknownCategoryIsKept()
{
    TemplateOpportunityDialog dialog;
    pc::TemplateSuggestion s = suggestion();
    s.category = u"Gardening"_s;
    s.reasoning.clear();
    dialog.setSuggestion(s);
    QCOMPARE(dialog.category(), u"Gardening"_s);
    s.category = u"coding"_s; // matched case-insensitively
    dialog.setSuggestion(s);
    QCOMPARE(dialog.category(), u"Coding"_s);
}

void TestTemplateOpportunityDialog::screenshots()
{
    if (pc::testing::screenshotDir().isEmpty())
        QSKIP("PC_SCREENSHOT_DIR not set");
    TemplateOpportunityDialog dialog;
    dialog.setSuggestion(suggestion());
    QCOMPARE(pc::testing::saveScreenshots(&dialog, u"templateopportunitydialog"_s), 2);
}

QTEST_MAIN(TestTemplateOpportunityDialog)
#include "tst_templateopportunitydialog.moc"
