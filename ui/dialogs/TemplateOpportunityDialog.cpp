#include "dialogs/TemplateOpportunityDialog.h"

#include "TemplateFormat.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace pc {

TemplateOpportunityDialog::TemplateOpportunityDialog(QWidget* parent)
    : QDialog(parent)
    , m_intro(new QLabel(this))
    , m_title(new QLineEdit(this))
    , m_category(new QComboBox(this))
    , m_description(new QPlainTextEdit(this))
    , m_confidenceText(new QLabel(this))
    , m_confidence(new QProgressBar(this))
    , m_reasoning(new QLabel(this))
    , m_create(new QPushButton(this))
    , m_notNow(new QPushButton(this))
    , m_dontSuggest(new QPushButton(this))
{
    setModal(false);
    m_intro->setWordWrap(true);

    m_title->setObjectName(u"titleEdit"_s);
    m_title->setMaxLength(TemplateFormat::MaxTitleLength);
    m_category->setObjectName(u"categoryCombo"_s);
    m_category->setEditable(true);
    m_category->setInsertPolicy(QComboBox::NoInsert);
    m_description->setObjectName(u"descriptionEdit"_s);
    m_description->setTabChangesFocus(true);
    m_description->setFixedHeight(m_description->fontMetrics().lineSpacing() * 4 + 14);
    m_confidence->setObjectName(u"confidenceBar"_s);
    m_confidence->setRange(0, 100);
    m_confidence->setTextVisible(false);
    m_confidence->setFixedHeight(6);
    m_confidenceText->setObjectName(u"confidenceLabel"_s);
    m_reasoning->setObjectName(u"reasoningLabel"_s);
    m_reasoning->setWordWrap(true);
    m_reasoning->setTextFormat(Qt::PlainText);
    m_reasoning->setProperty("role", u"hint"_s);

    auto* confidence = new QHBoxLayout;
    confidence->setSpacing(8);
    confidence->addWidget(m_confidence, 1);
    confidence->addWidget(m_confidenceText);

    m_form = new QFormLayout;
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_titleLabel = new QLabel(this);
    m_categoryLabel = new QLabel(this);
    m_descriptionLabel = new QLabel(this);
    m_confidenceLabel = new QLabel(this);
    m_reasoningLabel = new QLabel(this);
    // Only QFormLayout's text rows set buddies; these labels carry the '&' shortcuts.
    m_titleLabel->setBuddy(m_title);
    m_categoryLabel->setBuddy(m_category);
    m_descriptionLabel->setBuddy(m_description);
    m_form->addRow(m_titleLabel, m_title);
    m_form->addRow(m_categoryLabel, m_category);
    m_form->addRow(m_descriptionLabel, m_description);
    m_form->addRow(m_confidenceLabel, confidence);
    m_form->addRow(m_reasoningLabel, m_reasoning);

    m_create->setObjectName(u"createButton"_s);
    m_create->setProperty("accent", true);
    m_create->setDefault(true);
    m_notNow->setObjectName(u"notNowButton"_s);
    m_dontSuggest->setObjectName(u"dontSuggestButton"_s);
    auto* buttons = new QDialogButtonBox(this);
    buttons->addButton(m_create, QDialogButtonBox::AcceptRole);
    buttons->addButton(m_notNow, QDialogButtonBox::RejectRole);
    buttons->addButton(m_dontSuggest, QDialogButtonBox::DestructiveRole);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addLayout(m_form);
    layout->addSpacing(4);
    layout->addWidget(buttons);

    connect(m_create, &QPushButton::clicked, this, [this] {
        if (title().isEmpty())
            return;
        Q_EMIT createRequested(title(), category(), description());
        accept();
    });
    connect(m_notNow, &QPushButton::clicked, this, [this] {
        Q_EMIT notNowClicked();
        reject();
    });
    connect(m_dontSuggest, &QPushButton::clicked, this, [this] {
        Q_EMIT dontSuggestForChatClicked();
        reject();
    });
    connect(m_title, &QLineEdit::textChanged, this, &TemplateOpportunityDialog::updateCreateEnabled);
    setMinimumWidth(540);
    retranslateUi();
    updateCreateEnabled();
}

QStringList TemplateOpportunityDialog::defaultCategories()
{
    return {tr("General"),   tr("Writing"),  tr("Coding"),  tr("Business"),
            tr("Education"), tr("Analysis"), tr("Creative")};
}

void TemplateOpportunityDialog::retranslateUi()
{
    setWindowTitle(tr("Save as a template?"));
    setAccessibleName(tr("Template suggestion"));
    m_intro->setText(tr("This conversation looks reusable. Save it as a prompt template?"));
    m_title->setAccessibleName(tr("Template title"));
    m_category->setAccessibleName(tr("Category"));
    m_description->setAccessibleName(tr("Description"));
    m_confidence->setAccessibleName(tr("Confidence"));
    m_reasoning->setAccessibleName(tr("Why this was suggested"));
    m_titleLabel->setText(tr("&Title:"));
    m_categoryLabel->setText(tr("&Category:"));
    m_descriptionLabel->setText(tr("&Description:"));
    m_confidenceLabel->setText(tr("Confidence:"));
    m_reasoningLabel->setText(tr("Why:"));
    m_create->setText(tr("Create template"));
    m_create->setAccessibleName(tr("Create template"));
    m_notNow->setText(tr("Not now"));
    m_notNow->setAccessibleName(tr("Not now"));
    m_dontSuggest->setText(tr("Don't suggest for this chat"));
    m_dontSuggest->setAccessibleName(tr("Don't suggest templates for this chat"));

    // The built-in categories in the new language; a chosen one stays chosen, by position.
    if (m_defaultCategories) {
        const int chosen = m_category->findText(m_category->currentText(), Qt::MatchFixedString);
        const bool typed = chosen < 0 && !m_category->currentText().isEmpty();
        const QString text = m_category->currentText();
        m_category->clear();
        m_category->addItems(defaultCategories());
        if (typed)
            m_category->setCurrentText(text);
        else
            m_category->setCurrentIndex(std::max(chosen, 0));
    }
    if (m_percent >= 0) {
        m_confidenceText->setText(tr("%1%").arg(QLocale().toString(m_percent)));
        m_confidence->setAccessibleDescription(m_confidenceText->text());
    }
}

void TemplateOpportunityDialog::changeEvent(QEvent* event)
{
    QDialog::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
}

void TemplateOpportunityDialog::setCategories(const QStringList& categories)
{
    m_defaultCategories = false;
    const QString current = m_category->currentText();
    m_category->clear();
    m_category->addItems(categories);
    if (!current.isEmpty())
        m_category->setCurrentText(current);
}

void TemplateOpportunityDialog::setSuggestion(const TemplateSuggestion& suggestion)
{
    m_title->setText(suggestion.title.left(TemplateFormat::MaxTitleLength));
    if (!suggestion.category.isEmpty()) {
        const int found = m_category->findText(suggestion.category, Qt::MatchFixedString);
        if (found >= 0)
            m_category->setCurrentIndex(found);
        else
            m_category->setCurrentText(suggestion.category);
    }
    m_description->setPlainText(suggestion.description);
    m_percent = int(std::lround(std::clamp(suggestion.confidence, 0.0, 1.0) * 100));
    m_confidence->setValue(m_percent);
    m_confidenceText->setText(tr("%1%").arg(QLocale().toString(m_percent)));
    m_confidence->setAccessibleDescription(m_confidenceText->text());
    m_reasoning->setText(suggestion.reasoning);
    m_form->setRowVisible(m_reasoning, !suggestion.reasoning.isEmpty());
    // The wrapped reasoning decides the height.
    adjustSize();
}

QString TemplateOpportunityDialog::title() const
{
    return m_title->text().trimmed();
}

QString TemplateOpportunityDialog::category() const
{
    return m_category->currentText().trimmed();
}

QString TemplateOpportunityDialog::description() const
{
    return m_description->toPlainText().trimmed();
}

void TemplateOpportunityDialog::updateCreateEnabled()
{
    m_create->setEnabled(!title().isEmpty());
}

} // namespace pc
