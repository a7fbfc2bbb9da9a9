#include "TemplateFormat.h"
#include "UiScreenshots.h"
#include "dialogs/TemplateFormDialog.h"
#include "dialogs/TemplateLibraryDialog.h"

#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using pc::PromptTemplate;
using pc::TemplateLibraryDialog;

namespace {

PromptTemplate make(const QString& id, const QString& title, const QString& category, const QString& body,
                    int version = 1)
{
    PromptTemplate t;
    t.id = id;
    t.title = title;
    t.category = category;
    t.body = body;
    t.version = version;
    t.description = u"About %1."_s.arg(title);
    t.createdAt = QDateTime(QDate(2025, 3, version), QTime(9, 30), Qt::UTC);
    for (const QString& name : pc::TemplateFormat::placeholders(body)) {
        pc::TemplateVariable v;
        v.name = name;
        v.required = true;
        t.variables.append(v);
    }
    return t;
}

QList<PromptTemplate> library()
{
    PromptTemplate email = make(u"email"_s, u"Status email"_s, u"Business"_s, u"Write to {{audience}}."_s, 3);
    email.tags = {u"email"_s, u"weekly"_s};
    return {email, make(u"review"_s, u"Code review"_s, u"Coding"_s, u"Review this diff:\n{{diff}}"_s),
            make(u"haiku"_s, u"Haiku"_s, u"Creative"_s, u"A haiku about {{topic}}."_s),
            make(u"plan"_s, u"Project plan"_s, u"Business"_s, u"Plan the project."_s)};
}

} // namespace

class TestTemplateLibraryDialog : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void listsAndCategories();
    void categoryFilter();
    void search();
    void detailsAndVersions();
    void useOpensFormAndEmitsPrompt();
    void exportAndImportRoundTrip();
    void importRejectsBadFiles();
    void refresh();
    void emptyLibrary();
    void screenshots();
};

void TestTemplateLibraryDialog::listsAndCategories()
{
    TemplateLibraryDialog dialog;
    dialog.setTemplates(library());
    // Sorted by title.
    QCOMPARE(dialog.visibleTemplateIds(), QStringList({u"review"_s, u"haiku"_s, u"plan"_s, u"email"_s}));
    QStringList categories;
    for (int i = 0; i < dialog.categoryList()->count(); ++i)
        categories.append(dialog.categoryList()->item(i)->text());
    QCOMPARE(categories,
             QStringList({u"All templates (4)"_s, u"Business (2)"_s, u"Coding (1)"_s, u"Creative (1)"_s}));
    QVERIFY(!dialog.categoryList()->accessibleName().isEmpty());
    QVERIFY(!dialog.templateList()->accessibleName().isEmpty());
    QVERIFY(!dialog.findChild<QLineEdit*>(u"searchEdit"_s)->accessibleName().isEmpty());
}

void TestTemplateLibraryDialog::categoryFilter()
{
    TemplateLibraryDialog dialog;
    dialog.setTemplates(library());
    dialog.categoryList()->setCurrentRow(1); // Business
    QCOMPARE(dialog.visibleTemplateIds(), QStringList({u"plan"_s, u"email"_s}));
    dialog.setCategoryFilter(u"Creative"_s);
    QCOMPARE(dialog.visibleTemplateIds(), QStringList({u"haiku"_s}));
    // The filter survives new data.
    dialog.setTemplates(library());
    QCOMPARE(dialog.visibleTemplateIds(), QStringList({u"haiku"_s}));
    dialog.setCategoryFilter(QString());
    QCOMPARE(dialog.visibleTemplateIds().size(), 4);
}

void TestTemplateLibraryDialog::search()
{
    TemplateLibraryDialog dialog;
    dialog.setTemplates(library());
    QTest::keyClicks(dialog.findChild<QLineEdit*>(u"searchEdit"_s), u"WEEKLY"_s); // a tag, any case
    QCOMPARE(dialog.visibleTemplateIds(), QStringList({u"email"_s}));
    dialog.setSearchText(u"diff review"_s); // every word, anywhere
    QCOMPARE(dialog.visibleTemplateIds(), QStringList({u"review"_s}));
    dialog.setSearchText(u"nothing like this"_s);
    QVERIFY(dialog.visibleTemplateIds().isEmpty());
    QVERIFY(!dialog.selectedTemplate());
    QVERIFY(!dialog.useButton()->isEnabled());
    QCOMPARE(dialog.findChild<QLabel*>(u"detailTitle"_s)->text(), u"No template matches"_s);
}

void TestTemplateLibraryDialog::detailsAndVersions()
{
    TemplateLibraryDialog dialog;
    QSignalSpy asked(&dialog, &TemplateLibraryDialog::versionsRequested);
    dialog.setTemplates(library());
    QVERIFY(dialog.selectTemplate(u"email"_s));
    QVERIFY(asked.contains(QVariantList{u"email"_s}));
    QCOMPARE(dialog.findChild<QLabel*>(u"detailTitle"_s)->text(), u"Status email"_s);
    QVERIFY(dialog.findChild<QLabel*>(u"detailMeta"_s)->text().contains(u"email, weekly"));
    QCOMPARE(dialog.bodyView()->toPlainText(), u"Write to {{audience}}."_s);
    QVERIFY(dialog.findChild<QLabel*>(u"detailFields"_s)->text().contains(u"audience (text, required)"));
    QCOMPARE(dialog.versionCombo()->count(), 1);

    dialog.setVersions(u"email"_s,
                       {make(u"email"_s, u"Status email"_s, u"Business"_s, u"v1 {{audience}}"_s, 1),
                        library().constFirst(), // the latest, v3
                        make(u"email"_s, u"Status email"_s, u"Business"_s, u"v2 {{audience}}"_s, 2)});
    QCOMPARE(dialog.versionCombo()->count(), 3);
    QVERIFY(dialog.versionCombo()->itemText(0).startsWith(u"Version 3"));
    QCOMPARE(dialog.selectedTemplate()->version, 3);
    QVERIFY(dialog.selectVersion(1));
    QCOMPARE(dialog.selectedTemplate()->version, 1);
    QCOMPARE(dialog.bodyView()->toPlainText(), u"v1 {{audience}}"_s);
    QVERIFY(!dialog.selectVersion(7));
    // Versions are asked for once per template.
    const auto before = asked.size();
    dialog.selectTemplate(u"haiku"_s);
    dialog.selectTemplate(u"email"_s);
    QCOMPARE(asked.size(), before + 1);
}

void TestTemplateLibraryDialog::useOpensFormAndEmitsPrompt()
{
    TemplateLibraryDialog dialog;
    dialog.setTemplates(library());
    dialog.show();
    QVERIFY(dialog.selectTemplate(u"haiku"_s));
    QSignalSpy used(&dialog, &TemplateLibraryDialog::useTemplate);
    pc::TemplateFormDialog* form = dialog.openUseForm();
    QVERIFY(form);
    QCOMPARE(form->promptTemplate().id, u"haiku"_s);
    QVERIFY(!form->use()); // topic is required
    QVERIFY(form->setValue(u"topic"_s, u"autumn rain"_s));
    QVERIFY(form->use());
    QCOMPARE(used.size(), 1);
    QCOMPARE(used.first().first().toString(), u"A haiku about autumn rain."_s);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
}

void TestTemplateLibraryDialog::exportAndImportRoundTrip()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    TemplateLibraryDialog dialog;
    dialog.setTemplates(library());
    QVERIFY(dialog.selectTemplate(u"email"_s));
    const QString path = dir.filePath(u"email.json"_s);
    QVERIFY(dialog.exportSelected(path).ok());
    QVERIFY(dialog.statusText().contains(u"Exported"));

    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.readAll().contains("\"schema\": \"promptcraft.template/1\""));

    QSignalSpy imported(&dialog, &TemplateLibraryDialog::importRequested);
    const pc::Result<PromptTemplate> back = dialog.importFile(path);
    QVERIFY(back.ok());
    QCOMPARE(imported.size(), 1);
    const auto t = imported.first().first().value<PromptTemplate>();
    QCOMPARE(t.id, u"email"_s);
    QCOMPARE(t.title, u"Status email"_s);
    QCOMPARE(t.body, u"Write to {{audience}}."_s);
    QCOMPARE(t.tags, QStringList({u"email"_s, u"weekly"_s}));
    QCOMPARE(t.version, 3);
    QVERIFY(dialog.statusText().contains(u"Imported"));
}

void TestTemplateLibraryDialog::importRejectsBadFiles()
{
    QTemporaryDir dir;
    TemplateLibraryDialog dialog;
    QSignalSpy imported(&dialog, &TemplateLibraryDialog::importRequested);

    QVERIFY(!dialog.importFile(dir.filePath(u"missing.json"_s)).ok());
    QVERIFY(dialog.statusText().startsWith(u"Could not open"));

    const QString bad = dir.filePath(u"bad.json"_s);
    QFile file(bad);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"schema": "promptcraft.template/1", "title": "x", "body": "Hello {{name"})");
    file.close();
    QVERIFY(!dialog.importFile(bad).ok());
    QVERIFY(dialog.statusText().startsWith(u"Could not import bad.json"));
    auto* status = dialog.findChild<QLabel*>(u"statusLabel"_s);
    QCOMPARE(status->property("role").toString(), u"error"_s);

    const QString huge = dir.filePath(u"huge.json"_s);
    QFile big(huge);
    QVERIFY(big.open(QIODevice::WriteOnly));
    big.write(QByteArray(pc::TemplateFormat::MaxJsonSize + 10, ' '));
    big.close();
    QVERIFY(!dialog.importFile(huge).ok());
    QVERIFY(dialog.statusText().contains(u"too large"));
    QCOMPARE(imported.size(), 0);

    // Nothing selected: nothing to export.
    QVERIFY(!dialog.exportSelected(dir.filePath(u"out.json"_s)).ok());
}

void TestTemplateLibraryDialog::refresh()
{
    TemplateLibraryDialog dialog;
    QSignalSpy refresh(&dialog, &TemplateLibraryDialog::refreshRequested);
    dialog.show();
    auto* button = dialog.findChild<QPushButton*>(u"refreshButton"_s);
    QVERIFY(button);
    QTest::mouseClick(button, Qt::LeftButton);
    QCOMPARE(refresh.size(), 1);
}

void TestTemplateLibraryDialog::emptyLibrary()
{
    TemplateLibraryDialog dialog;
    QCOMPARE(dialog.findChild<QLabel*>(u"detailTitle"_s)->text(), u"No templates yet"_s);
    QVERIFY(!dialog.useButton()->isEnabled());
    QVERIFY(!dialog.openUseForm());
}

void TestTemplateLibraryDialog::screenshots()
{
    if (pc::testing::screenshotDir().isEmpty())
        QSKIP("PC_SCREENSHOT_DIR not set");
    TemplateLibraryDialog dialog;
    QList<PromptTemplate> templates = library();
    templates[0].systemPrompt = u"You are a concise writer."_s;
    templates[0].body =
        u"Write an email to {{audience}} about {{topic}}.\n\nKeep it under {{words}} words."_s;
    templates[0].variables.clear();
    for (const QString& name : {u"audience"_s, u"topic"_s, u"words"_s}) {
        pc::TemplateVariable v;
        v.name = name;
        v.required = name != u"words";
        v.type = name == u"words" ? pc::VariableType::Number : pc::VariableType::Text;
        templates[0].variables.append(v);
    }
    dialog.setTemplates(templates);
    dialog.selectTemplate(u"email"_s);
    dialog.setVersions(u"email"_s,
                       {templates[0], make(u"email"_s, u"Status email"_s, u"Business"_s, u"x"_s, 2)});
    QCOMPARE(pc::testing::saveScreenshots(&dialog, u"templatelibrarydialog"_s), 2);
}

QTEST_MAIN(TestTemplateLibraryDialog)
#include "tst_templatelibrarydialog.moc"
