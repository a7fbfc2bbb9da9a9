#include "dialogs/TemplateOpportunityDialog.h"

#include "TemplateFormat.h"

#include <QComboBox>
#include <QDialogButtonBox>
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
    , m_title(new QLineEdit(this))
    , m_category(new QComboBox(this))
    , m_description(new QPlainTextEdit(this))
    , m_confidenceText(new QLabel(this))
    , m_confidence(new QProgressBar(this))
    , m_reasoning(new QLabel(this))
    , m_create(new QPushButton(tr("Create template"), this))
    , m_notNow(new QPushButton(tr("Not now"), this))
    , m_dontSuggest(new QPushButton(tr("Don't suggest for this chat"), this))
{
    setWindowTitle(tr("Save as a template?"));
    setAccessibleName(tr("Template suggestion"));
    setModal(false);

    auto* intro = new QLabel(tr("This conversation looks reusable. Save it as a prompt template?"), this);
    intro->setWordWrap(true);

    m_title->setObjectName(u"titleEdit"_s);
    m_title->setAccessibleName(tr("Template title"));
    m_title->setMaxLength(TemplateFormat::MaxTitleLength);
    m_category->setObjectName(u"categoryCombo"_s);
    m_category->setAccessibleName(tr("Category"));
    m_category->setEditable(true);
    m_category->setInsertPolicy(QComboBox::NoInsert);
    setCategories({tr("General"), tr("Writing"), tr("Coding"), tr("Business"), tr("Education"),
                   tr("Analysis"), tr("Creative")});
    m_description->setObjectName(u"descriptionEdit"_s);
    m_description->setAccessibleName(tr("Description"));
    m_description->setTabChangesFocus(true);
    m_description->setFixedHeight(m_description->fontMetrics().lineSpacing() * 4 + 14);
    m_confidence->setObjectName(u"confidenceBar"_s);
    m_confidence->setAccessibleName(tr("Confidence"));
    m_confidence->setRange(0, 100);
    m_confidence->setTextVisible(false);
    m_confidence->setFixedHeight(6);
    m_confidenceText->setObjectName(u"confidenceLabel"_s);
    m_reasoning->setObjectName(u"reasoningLabel"_s);
    m_reasoning->setAccessibleName(tr("Why this was suggested"));
    m_reasoning->setWordWrap(true);
    m_reasoning->setTextFormat(Qt::PlainText);
    m_reasoning->setProperty("role", u"hint"_s);

    auto* confidence = new QHBoxLayout;
    confidence->setSpacing(8);
    confidence->addWidget(m_confidence, 1);
    confidence->addWidget(m_confidenceText);

    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("&Title:"), m_title);
    form->addRow(tr("&Category:"), m_category);
    form->addRow(tr("&Description:"), m_description);
    form->addRow(tr("Confidence:"), confidence);
    form->addRow(tr("Why:"), m_reasoning);

    m_create->setObjectName(u"createButton"_s);
    m_create->setAccessibleName(tr("Create template"));
    m_create->setProperty("accent", true);
    m_create->setDefault(true);
    m_notNow->setObjectName(u"notNowButton"_s);
    m_notNow->setAccessibleName(tr("Not now"));
    m_dontSuggest->setObjectName(u"dontSuggestButton"_s);
    m_dontSuggest->setAccessibleName(tr("Don't suggest templates for this chat"));
    auto* buttons = new QDialogButtonBox(this);
    buttons->addButton(m_create, QDialogButtonBox::AcceptRole);
    buttons->addButton(m_notNow, QDialogButtonBox::RejectRole);
    buttons->addButton(m_dontSuggest, QDialogButtonBox::DestructiveRole);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
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
    updateCreateEnabled();
}

void TemplateOpportunityDialog::setCategories(const QStringList& categories)
{
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
    const int percent = int(std::lround(std::clamp(suggestion.confidence, 0.0, 1.0) * 100));
    m_confidence->setValue(percent);
    m_confidenceText->setText(tr("%1%").arg(QLocale().toString(percent)));
    m_confidence->setAccessibleDescription(m_confidenceText->text());
    m_reasoning->setText(suggestion.reasoning);
    if (auto* form = findChild<QFormLayout*>())
        form->setRowVisible(m_reasoning, !suggestion.reasoning.isEmpty());
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
