#include "UiScreenshots.h"
#include "dialogs/ShortcutsDialog.h"

#include <QTableWidget>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using pc::ShortcutsDialog;

class TestShortcutsDialog : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void listsTheShortcuts();
    void screenshots();
};

void TestShortcutsDialog::listsTheShortcuts()
{
    ShortcutsDialog dialog;
    QTableWidget* table = dialog.table();
    const QList<ShortcutsDialog::Shortcut> list = ShortcutsDialog::shortcuts();
    QCOMPARE(table->rowCount(), list.size());
    QStringList keys;
    for (int row = 0; row < table->rowCount(); ++row)
        keys.append(QKeySequence(table->item(row, 0)->text(), QKeySequence::NativeText)
                        .toString(QKeySequence::PortableText));
    for (const QString& expected :
         {u"Ctrl+N"_s, u"Ctrl+F"_s, u"Ctrl+K"_s, u"Ctrl+,"_s, u"Esc"_s, u"Ctrl+Shift+C"_s})
        QVERIFY2(keys.contains(expected), qPrintable(keys.join(u" | ")));
    for (int row = 0; row < table->rowCount(); ++row)
        QVERIFY(!table->item(row, 1)->text().isEmpty());
    QVERIFY(!table->accessibleName().isEmpty());
    QCOMPARE(table->editTriggers(), QAbstractItemView::NoEditTriggers);
}

void TestShortcutsDialog::screenshots()
{
    if (pc::testing::screenshotDir().isEmpty())
        QSKIP("PC_SCREENSHOT_DIR not set");
    ShortcutsDialog dialog;
    QCOMPARE(pc::testing::saveScreenshots(&dialog, u"shortcutsdialog"_s), 2);
}

QTEST_MAIN(TestShortcutsDialog)
#include "tst_shortcutsdialog.moc"
