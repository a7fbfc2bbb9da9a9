#pragma once

#include "PromptTemplate.h"
#include "Result.h"

#include <QDialog>
#include <QHash>
#include <QPointer>
#include <QSet>

#include <optional>

class QAction;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace pc {

class TemplateFormDialog;

// The user's templates: categories on the left, a searchable list in the middle, the selected
// template's details (body, fields, versions) on the right. "Use…" opens a TemplateFormDialog and
// hands the filled prompt back; "Import…" and "Export…" read and write promptcraft.template/1 JSON.
// Plain data in (setTemplates, setVersions), requests out: the library itself is stored elsewhere.
class TemplateLibraryDialog final : public QDialog {
    Q_OBJECT

public:
    explicit TemplateLibraryDialog(QWidget* parent = nullptr);

    // The latest version of each template.
    void setTemplates(const QList<PromptTemplate>& templates);
    // Every stored version of one template (any order); the versions combo offers them.
    void setVersions(const QString& templateId, const QList<PromptTemplate>& versions);

    void setCategoryFilter(const QString& category); // empty: all categories
    void setSearchText(const QString& text);
    bool selectTemplate(const QString& id);
    bool selectVersion(int version);

    // Ids of the templates listed after the category and search filters, in list order.
    [[nodiscard]] QStringList visibleTemplateIds() const;
    // The selected template in the selected version.
    [[nodiscard]] std::optional<PromptTemplate> selectedTemplate() const;
    [[nodiscard]] QString statusText() const;

    // Reads a promptcraft.template/1 file; on success emits importRequested. Errors are also shown.
    Result<PromptTemplate> importFile(const QString& path);
    // Writes the selected template (selected version) as promptcraft.template/1 JSON.
    Result<void> exportSelected(const QString& path);
    // Opens the form for the selected template (what "Use…" does); null without a selection.
    TemplateFormDialog* openUseForm();

    [[nodiscard]] QListWidget* categoryList() const { return m_categories; }
    [[nodiscard]] QListWidget* templateList() const { return m_list; }
    [[nodiscard]] QComboBox* versionCombo() const { return m_versions; }
    [[nodiscard]] QPlainTextEdit* bodyView() const { return m_body; }
    [[nodiscard]] QPushButton* useButton() const { return m_use; }

Q_SIGNALS:
    void refreshRequested();
    // The dialog has no versions of this template yet; answer with setVersions().
    void versionsRequested(const QString& templateId);
    void importRequested(const PromptTemplate& tmpl);
    void useTemplate(const QString& filledPrompt);

protected:
    void changeEvent(QEvent* event) override;

private:
    // Every text, again after a QEvent::LanguageChange.
    void retranslateUi();
    void updateIcons();
    void rebuildCategories();
    void rebuildList();
    void showDetails();
    void chooseImportFile();
    void chooseExportFile();
    void setStatus(const QString& text, bool error);
    [[nodiscard]] bool matches(const PromptTemplate& t) const;
    [[nodiscard]] const PromptTemplate* current() const;
    [[nodiscard]] QString categoryName(const PromptTemplate& t) const;

    QList<PromptTemplate> m_templates;
    QHash<QString, QList<PromptTemplate>> m_versionsById;
    QSet<QString> m_versionsAsked;
    QString m_category;
    QString m_uncategorizedName; // what categoryName() called templates without one, last time
    bool m_updating = false;
    QPointer<TemplateFormDialog> m_form;

    QLineEdit* m_search;
    QAction* m_searchIcon = nullptr;
    QListWidget* m_categories;
    QListWidget* m_list;
    QLabel* m_title;
    QLabel* m_meta;
    QLabel* m_description;
    QComboBox* m_versions;
    QPlainTextEdit* m_body;
    QLabel* m_fields;
    QPushButton* m_use;
    QPushButton* m_export;
    QLabel* m_status;
    QLabel* m_versionLabel;
    QDialogButtonBox* m_buttons;
    QPushButton* m_refresh = nullptr;
    QPushButton* m_import = nullptr;
};

} // namespace pc
