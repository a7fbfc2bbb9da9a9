#pragma once

#include "PromptTemplate.h"
#include "TemplateFormat.h"

#include <QDialog>
#include <QHash>

class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QScrollArea;

namespace pc {

// Fills in a template: one field per variable (text: line edit, multiline: plain text edit,
// enum: combo box, number: line edit with a number validator, bool: check box), defaults
// pre-filled, required fields marked, a live preview rendered with TemplateFormat::render, and
// "Use" emitting the filled prompt once every field is valid (errors shown under the fields).
class TemplateFormDialog final : public QDialog {
    Q_OBJECT

public:
    explicit TemplateFormDialog(QWidget* parent = nullptr);
    explicit TemplateFormDialog(const PromptTemplate& tmpl, QWidget* parent = nullptr);

    void setTemplate(const PromptTemplate& tmpl);
    [[nodiscard]] const PromptTemplate& promptTemplate() const { return m_template; }

    // The text of every field, by variable name ("true"/"false" for check boxes).
    [[nodiscard]] QHash<QString, QString> values() const;
    // Sets a field (an enum option, "true"/"false", a number...); false for an unknown name or option.
    bool setValue(const QString& name, const QString& value);
    [[nodiscard]] QWidget* field(const QString& name) const;
    // The inline error under a field; empty when it is fine or errors are not shown yet.
    [[nodiscard]] QString errorText(const QString& name) const;
    [[nodiscard]] QString previewText() const;
    [[nodiscard]] QPushButton* useButton() const { return m_use; }

    // Validates; when every field is fine emits templateUsed and accepts. Returns whether it did.
    bool use();

    // The prompt a chat message carries: the system prompt (when there is one), a blank line, the body.
    [[nodiscard]] static QString combinedPrompt(const TemplateFormat::Rendered& rendered);

Q_SIGNALS:
    void templateUsed(const QString& filledPrompt);

protected:
    void changeEvent(QEvent* event) override;

private:
    struct Field {
        TemplateVariable variable;
        QWidget* input = nullptr;
        QLabel* error = nullptr;
        QLabel* label = nullptr;
        bool hasNoneItem = false; // an optional enum's combo starts with "(none)"
    };

    // Every text, again after a QEvent::LanguageChange; the typed values stay.
    void retranslateUi();
    void retranslateField(const Field& field);
    void rebuild();
    void updatePreview();
    // The problem with one field's value, empty when none.
    [[nodiscard]] QString problem(const Field& field) const;
    [[nodiscard]] QString valueOf(const Field& field) const;
    void showErrors();

    PromptTemplate m_template;
    QList<Field> m_fields;
    bool m_errorsShown = false;
    bool m_hasTemplate = false; // setTemplate() was called: there is a preview to render
    QLabel* m_title;
    QLabel* m_description;
    QWidget* m_formHost;
    QFormLayout* m_form = nullptr;
    QLabel* m_noVariables;
    QPlainTextEdit* m_preview;
    QLabel* m_templateError;
    QPushButton* m_use;
    QScrollArea* m_scroll;
    QLabel* m_previewLabel;
    QDialogButtonBox* m_buttons;
};

} // namespace pc
