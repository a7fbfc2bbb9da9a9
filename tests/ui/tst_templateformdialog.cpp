#include "UiScreenshots.h"
#include "dialogs/TemplateFormDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using pc::PromptTemplate;
using pc::TemplateFormDialog;
using pc::TemplateVariable;
using pc::VariableType;

namespace {

TemplateVariable variable(const QString& name, VariableType type, bool required = false,
                          const QJsonValue& def = QJsonValue(QJsonValue::Undefined))
{
    TemplateVariable v;
    v.name = name;
    v.type = type;
    v.required = required;
    v.defaultValue = def;
    return v;
}

PromptTemplate emailTemplate()
{
    PromptTemplate t;
    t.id = u"t1"_s;
    t.title = u"Team status email"_s;
    t.description = u"A short weekly update for the team."_s;
    t.category = u"Business"_s;
    t.systemPrompt = u"You are a concise {{tone}} writer."_s;
    t.body = u"Write an email to {{audience}} about {{topic}}.\nNotes:\n{{notes}}\nWords: {{words}}. "
             u"Sign off: {{sign_off}}."_s;
    TemplateVariable audience = variable(u"audience"_s, VariableType::Text, true);
    audience.label = u"Audience"_s;
    audience.description = u"Who receives the email."_s;
    TemplateVariable tone = variable(u"tone"_s, VariableType::Enum, false, u"friendly"_s);
    tone.options = {u"formal"_s, u"friendly"_s};
    t.variables = {audience,
                   tone,
                   variable(u"topic"_s, VariableType::Text, true, u"the release"_s),
                   variable(u"notes"_s, VariableType::Multiline),
                   variable(u"words"_s, VariableType::Number, false, 120),
                   variable(u"sign_off"_s, VariableType::Bool, false, true)};
    return t;
}

} // namespace

class TestTemplateFormDialog : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void formHasAFieldPerVariableType();
    void enumOptions();
    void optionalEnumWithoutDefaultOffersNone();
    void requiredCheckBlocksUse();
    void invalidNumberBlocksUse();
    void livePreview();
    void useEmitsFilledPrompt();
    void brokenTemplateCannotBeUsed();
    void noVariables();
    void screenshots();
};

void TestTemplateFormDialog::formHasAFieldPerVariableType()
{
    TemplateFormDialog dialog(emailTemplate());
    QVERIFY(qobject_cast<QLineEdit*>(dialog.field(u"audience"_s)));
    QVERIFY(qobject_cast<QComboBox*>(dialog.field(u"tone"_s)));
    QVERIFY(qobject_cast<QLineEdit*>(dialog.field(u"topic"_s)));
    QVERIFY(qobject_cast<QPlainTextEdit*>(dialog.field(u"notes"_s)));
    auto* words = qobject_cast<QLineEdit*>(dialog.field(u"words"_s));
    QVERIFY(words);
    QVERIFY(words->validator());
    QVERIFY(qobject_cast<QCheckBox*>(dialog.field(u"sign_off"_s)));
    QVERIFY(!dialog.field(u"missing"_s));

    // Defaults are filled in.
    const QHash<QString, QString> values = dialog.values();
    QCOMPARE(values.value(u"audience"_s), QString());
    QCOMPARE(values.value(u"tone"_s), u"friendly"_s);
    QCOMPARE(values.value(u"topic"_s), u"the release"_s);
    QCOMPARE(values.value(u"words"_s), u"120"_s);
    QCOMPARE(values.value(u"sign_off"_s), u"true"_s);

    // Labels, accessible names and the description as help.
    QCOMPARE(dialog.field(u"audience"_s)->accessibleName(), u"Audience"_s);
    QCOMPARE(dialog.field(u"audience"_s)->toolTip(), u"Who receives the email."_s);
    for (const QString& name : {u"tone"_s, u"topic"_s, u"notes"_s, u"words"_s, u"sign_off"_s})
        QCOMPARE(dialog.field(name)->accessibleName(), name);
    QVERIFY(!dialog.useButton()->accessibleName().isEmpty());
}

void TestTemplateFormDialog::enumOptions()
{
    TemplateFormDialog dialog(emailTemplate());
    auto* tone = qobject_cast<QComboBox*>(dialog.field(u"tone"_s));
    QCOMPARE(tone->count(), 2);
    QCOMPARE(tone->itemText(0), u"formal"_s);
    QCOMPARE(tone->itemText(1), u"friendly"_s);
    QVERIFY(dialog.setValue(u"tone"_s, u"formal"_s));
    QCOMPARE(dialog.values().value(u"tone"_s), u"formal"_s);
    QVERIFY(!dialog.setValue(u"tone"_s, u"rude"_s));
    QCOMPARE(dialog.values().value(u"tone"_s), u"formal"_s);
    QVERIFY(dialog.previewText().startsWith(u"You are a concise formal writer."));
}

void TestTemplateFormDialog::optionalEnumWithoutDefaultOffersNone()
{
    PromptTemplate t;
    t.title = u"Pick"_s;
    t.body = u"Colour: {{colour}}"_s;
    TemplateVariable colour = variable(u"colour"_s, VariableType::Enum);
    colour.options = {u"red"_s, u"blue"_s};
    t.variables = {colour};
    TemplateFormDialog dialog(t);
    auto* combo = qobject_cast<QComboBox*>(dialog.field(u"colour"_s));
    QCOMPARE(combo->count(), 3);
    QCOMPARE(dialog.values().value(u"colour"_s), QString());
    QCOMPARE(dialog.previewText(), u"Colour: "_s);
}

void TestTemplateFormDialog::requiredCheckBlocksUse()
{
    TemplateFormDialog dialog(emailTemplate());
    QSignalSpy used(&dialog, &TemplateFormDialog::templateUsed);
    dialog.show();
    QVERIFY(dialog.errorText(u"audience"_s).isEmpty()); // no errors before the first try
    QTest::mouseClick(dialog.useButton(), Qt::LeftButton);
    QCOMPARE(used.size(), 0);
    QCOMPARE(dialog.errorText(u"audience"_s), u"Required."_s);
    QVERIFY(dialog.errorText(u"topic"_s).isEmpty());
    QVERIFY(dialog.field(u"audience"_s)->hasFocus() || !QApplication::focusWidget());
    QVERIFY(dialog.isVisible());

    // Fixing the field clears the error at once.
    QTest::keyClicks(dialog.field(u"audience"_s), u"the team"_s);
    QVERIFY(dialog.errorText(u"audience"_s).isEmpty());
    // Clearing a required field with a default brings its error back.
    qobject_cast<QLineEdit*>(dialog.field(u"topic"_s))->clear();
    QCOMPARE(dialog.errorText(u"topic"_s), u"Required."_s);
    QVERIFY(!dialog.use());
    QCOMPARE(used.size(), 0);
}

void TestTemplateFormDialog::invalidNumberBlocksUse()
{
    TemplateFormDialog dialog(emailTemplate());
    QVERIFY(dialog.setValue(u"audience"_s, u"everyone"_s));
    auto* words = qobject_cast<QLineEdit*>(dialog.field(u"words"_s));
    words->clear();
    QTest::keyClicks(words, u"12abc"_s); // the validator drops the letters
    QCOMPARE(words->text(), u"12"_s);
    words->setText(u"1e"_s); // intermediate input a validator lets through
    QVERIFY(!dialog.use());
    QVERIFY(dialog.errorText(u"words"_s).contains(u"number"));
    words->setText(u"250"_s);
    QVERIFY(dialog.errorText(u"words"_s).isEmpty());
    QVERIFY(dialog.use());
}

void TestTemplateFormDialog::livePreview()
{
    TemplateFormDialog dialog(emailTemplate());
    // Missing required values show as placeholders.
    QVERIFY2(dialog.previewText().contains(u"Write an email to ‹Audience› about the release."),
             qPrintable(dialog.previewText()));
    QTest::keyClicks(dialog.field(u"audience"_s), u"the team"_s);
    QVERIFY(dialog.previewText().contains(u"Write an email to the team about the release."));
    QTest::keyClicks(dialog.field(u"notes"_s), u"shipped {{x}}"_s);
    QVERIFY(dialog.previewText().contains(u"Notes:\nshipped {{x}}\n")); // values are never re-scanned
    qobject_cast<QCheckBox*>(dialog.field(u"sign_off"_s))->setChecked(false);
    QVERIFY(dialog.previewText().endsWith(u"Sign off: false."));
    QVERIFY(dialog.previewText().startsWith(u"You are a concise friendly writer.\n\n"));
}

void TestTemplateFormDialog::useEmitsFilledPrompt()
{
    TemplateFormDialog dialog(emailTemplate());
    QSignalSpy used(&dialog, &TemplateFormDialog::templateUsed);
    QVERIFY(dialog.setValue(u"audience"_s, u"the board"_s));
    QVERIFY(dialog.setValue(u"notes"_s, u"all good"_s));
    QVERIFY(dialog.setValue(u"sign_off"_s, u"false"_s));
    QVERIFY(dialog.use());
    QCOMPARE(used.size(), 1);
    QCOMPARE(
        used.first().first().toString(),
        u"You are a concise friendly writer.\n\nWrite an email to the board about the release.\nNotes:\nall "
        u"good\nWords: 120. Sign off: false."_s);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
}

void TestTemplateFormDialog::brokenTemplateCannotBeUsed()
{
    PromptTemplate t;
    t.title = u"Broken"_s;
    t.body = u"Hello {{name"_s; // unclosed tag
    TemplateFormDialog dialog(t);
    QVERIFY(!dialog.useButton()->isEnabled());
    auto* error = dialog.findChild<QLabel*>(u"templateError"_s);
    QVERIFY(error && !error->isHidden());
    QVERIFY(!error->text().isEmpty());
    QVERIFY(!dialog.use());
}

void TestTemplateFormDialog::noVariables()
{
    PromptTemplate t;
    t.title = u"Fixed"_s;
    t.body = u"Tell me a joke."_s;
    TemplateFormDialog dialog(t);
    QSignalSpy used(&dialog, &TemplateFormDialog::templateUsed);
    QCOMPARE(dialog.previewText(), u"Tell me a joke."_s);
    QVERIFY(dialog.use());
    QCOMPARE(used.first().first().toString(), u"Tell me a joke."_s);
}

void TestTemplateFormDialog::screenshots()
{
    if (pc::testing::screenshotDir().isEmpty())
        QSKIP("PC_SCREENSHOT_DIR not set");
    TemplateFormDialog dialog(emailTemplate());
    QVERIFY(dialog.setValue(u"notes"_s, u"Release 2.1 shipped on Tuesday.\nNo incidents."_s));
    QVERIFY(!dialog.use()); // show the inline error for the audience
    QCOMPARE(pc::testing::saveScreenshots(&dialog, u"templateformdialog"_s), 2);
}

QTEST_MAIN(TestTemplateFormDialog)
#include "tst_templateformdialog.moc"
