#pragma once

#include <QDialog>
#include <QKeySequence>
#include <QList>

class QDialogButtonBox;
class QTableWidget;

namespace pc {

// The keyboard shortcuts, listed. shortcuts() is the one list the main window binds as well, so
// that what is shown is what works.
class ShortcutsDialog final : public QDialog {
    Q_OBJECT

public:
    struct Shortcut {
        QKeySequence keys;
        QString action; // translated
    };

    explicit ShortcutsDialog(QWidget* parent = nullptr);

    [[nodiscard]] static QList<Shortcut> shortcuts();
    [[nodiscard]] QTableWidget* table() const { return m_table; }

protected:
    void changeEvent(QEvent* event) override;

private:
    // Every text, again after a QEvent::LanguageChange.
    void retranslateUi();

    QTableWidget* m_table;
    QDialogButtonBox* m_buttons;
};

} // namespace pc
