#include "dialogs/ShortcutsDialog.h"

#include <QDialogButtonBox>
#include <QEvent>
#include <QHeaderView>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace pc {

QList<ShortcutsDialog::Shortcut> ShortcutsDialog::shortcuts()
{
    return {
        {QKeySequence(Qt::CTRL | Qt::Key_N), tr("New chat")},
        {QKeySequence(Qt::CTRL | Qt::Key_F), tr("Search chats")},
        {QKeySequence(Qt::CTRL | Qt::Key_K), tr("Focus the message box")},
        {QKeySequence(Qt::CTRL | Qt::Key_Comma), tr("Settings")},
        {QKeySequence(Qt::Key_Escape), tr("Stop generating")},
        {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C), tr("Copy the last answer")},
        {QKeySequence(Qt::Key_Return), tr("Send the message")},
        {QKeySequence(Qt::SHIFT | Qt::Key_Return), tr("New line in the message")},
    };
}

ShortcutsDialog::ShortcutsDialog(QWidget* parent)
    : QDialog(parent)
    , m_table(new QTableWidget(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Close, this))
{
    const QList<Shortcut> list = shortcuts();
    m_table->setObjectName(u"shortcutsTable"_s);
    m_table->setColumnCount(2);
    m_table->setRowCount(int(list.size()));
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setShowGrid(false);
    m_table->setAlternatingRowColors(true);
    QFont keyFont = m_table->font();
    keyFont.setBold(true);
    for (int row = 0; row < list.size(); ++row) {
        auto* keys = new QTableWidgetItem;
        keys->setFont(keyFont);
        m_table->setItem(row, 0, keys);
        m_table->setItem(row, 1, new QTableWidgetItem);
    }
    retranslateUi();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 12);
    m_table->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);

    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_table);
    layout->addWidget(m_buttons);
    const int rowsHeight = m_table->verticalHeader()->length() + m_table->horizontalHeader()->height() + 4;
    m_table->setMinimumHeight(rowsHeight);
    resize(420, sizeHint().height());
}

void ShortcutsDialog::retranslateUi()
{
    setWindowTitle(tr("Keyboard shortcuts"));
    setAccessibleName(tr("Keyboard shortcuts"));
    m_table->setAccessibleName(tr("Keyboard shortcuts"));
    m_table->setHorizontalHeaderLabels({tr("Keys"), tr("Action")});
    // Key names are translated too ("Strg+N"), by Qt's QShortcut context.
    const QList<Shortcut> list = shortcuts();
    for (int row = 0; row < list.size() && row < m_table->rowCount(); ++row) {
        m_table->item(row, 0)->setText(list.at(row).keys.toString(QKeySequence::NativeText));
        m_table->item(row, 1)->setText(list.at(row).action);
    }
    m_buttons->button(QDialogButtonBox::Close)->setAccessibleName(tr("Close"));
}

void ShortcutsDialog::changeEvent(QEvent* event)
{
    QDialog::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
}

} // namespace pc
