#pragma once

#include "Messages.h"

#include <QDialog>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;

namespace pc {

// "This conversation would make a good template": the engine's suggestion, with title and category
// editable before the user creates it. Non-modal: the chat stays usable while it is open.
class TemplateOpportunityDialog final : public QDialog {
    Q_OBJECT

public:
    explicit TemplateOpportunityDialog(QWidget* parent = nullptr);

    void setSuggestion(const TemplateSuggestion& suggestion);
    // Categories offered in the combo (the user may type another). Until this is called the combo
    // offers defaultCategories(), in the current language.
    void setCategories(const QStringList& categories);
    [[nodiscard]] static QStringList defaultCategories();

    [[nodiscard]] QString title() const;
    [[nodiscard]] QString category() const;
    [[nodiscard]] QString description() const;
    [[nodiscard]] QPushButton* createButton() const { return m_create; }
    [[nodiscard]] QPushButton* notNowButton() const { return m_notNow; }
    [[nodiscard]] QPushButton* dontSuggestButton() const { return m_dontSuggest; }

Q_SIGNALS:
    void createRequested(const QString& title, const QString& category, const QString& description);
    void notNowClicked();
    void dontSuggestForChatClicked();

protected:
    void changeEvent(QEvent* event) override;

private:
    // Every text, again after a QEvent::LanguageChange.
    void retranslateUi();
    void updateCreateEnabled();

    bool m_defaultCategories = true;
    int m_percent = -1; // the suggestion's confidence, once there is one
    QLabel* m_intro;
    QFormLayout* m_form = nullptr;
    QLabel* m_titleLabel = nullptr;
    QLabel* m_categoryLabel = nullptr;
    QLabel* m_descriptionLabel = nullptr;
    QLabel* m_confidenceLabel = nullptr;
    QLabel* m_reasoningLabel = nullptr;
    QLineEdit* m_title;
    QComboBox* m_category;
    QPlainTextEdit* m_description;
    QLabel* m_confidenceText;
    QProgressBar* m_confidence;
    QLabel* m_reasoning;
    QPushButton* m_create;
    QPushButton* m_notNow;
    QPushButton* m_dontSuggest;
};

} // namespace pc
