#include "dialogs/TemplateFormDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleValidator>
#include <QEvent>
#include <QFormLayout>
#include <QJsonValue>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace pc {

namespace {

QString defaultText(const QJsonValue& value)
{
    if (value.isString())
        return value.toString();
    if (value.isBool())
        return value.toBool() ? u"true"_s : u"false"_s;
    if (value.isDouble())
        return QLocale::c().toString(value.toDouble(), 'g', 15);
    return {};
}

bool isTrueText(const QString& text)
{
    const QString t = text.trimmed().toLower();
    return t == u"true" || t == u"yes" || t == u"1";
}

QString displayName(const TemplateVariable& v)
{
    return v.label.isEmpty() ? v.name : v.label;
}

} // namespace

TemplateFormDialog::TemplateFormDialog(QWidget* parent)
    : QDialog(parent)
    , m_title(new QLabel(this))
    , m_description(new QLabel(this))
    , m_formHost(new QWidget(this))
    , m_noVariables(new QLabel(this))
    , m_preview(new QPlainTextEdit(this))
    , m_templateError(new QLabel(this))
    , m_use(new QPushButton(this))
    , m_scroll(new QScrollArea(this))
    , m_previewLabel(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Cancel, this))
{

    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.25);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setObjectName(u"templateTitle"_s);
    m_title->setTextFormat(Qt::PlainText);
    m_title->setWordWrap(true);
    m_description->setObjectName(u"templateDescription"_s);
    m_description->setTextFormat(Qt::PlainText);
    m_description->setWordWrap(true);
    m_description->setProperty("role", u"hint"_s);
    m_noVariables->setProperty("role", u"hint"_s);

    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setWidget(m_formHost);

    m_previewLabel->setBuddy(m_preview);
    m_preview->setObjectName(u"preview"_s);
    m_preview->setReadOnly(true);
    m_preview->setTabChangesFocus(true);
    m_templateError->setObjectName(u"templateError"_s);
    m_templateError->setProperty("role", u"error"_s);
    m_templateError->setWordWrap(true);
    m_templateError->setTextFormat(Qt::PlainText);
    m_templateError->hide();

    m_use->setObjectName(u"useButton"_s);
    m_use->setProperty("accent", true);
    m_use->setDefault(true);
    m_buttons->addButton(m_use, QDialogButtonBox::AcceptRole);
    connect(m_use, &QPushButton::clicked, this, &TemplateFormDialog::use);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_description);
    layout->addWidget(m_noVariables);
    layout->addWidget(m_scroll, 3);
    layout->addWidget(m_previewLabel);
    layout->addWidget(m_preview, 2);
    layout->addWidget(m_templateError);
    layout->addWidget(m_buttons);
    resize(580, 620);
    retranslateUi();
}

void TemplateFormDialog::retranslateUi()
{
    setWindowTitle(m_template.title.isEmpty() ? tr("Fill in template")
                                              : tr("Fill in: %1").arg(m_template.title));
    setAccessibleName(tr("Fill in template"));
    m_noVariables->setText(tr("This template has no fields to fill in."));
    m_scroll->setAccessibleName(tr("Template fields"));
    m_previewLabel->setText(tr("&Preview"));
    m_preview->setAccessibleName(tr("Preview of the filled prompt"));
    m_use->setText(tr("Use"));
    m_use->setAccessibleName(tr("Use the filled prompt"));
    m_buttons->button(QDialogButtonBox::Cancel)->setAccessibleName(tr("Cancel"));
    for (const Field& f : std::as_const(m_fields))
        retranslateField(f);
    // The preview's placeholders and the errors under the fields.
    if (m_hasTemplate)
        updatePreview();
}

void TemplateFormDialog::retranslateField(const Field& field)
{
    const TemplateVariable& v = field.variable;
    if (v.type != VariableType::Bool)
        field.label->setText(v.required ? tr("%1 *").arg(displayName(v)) : displayName(v));
    field.label->setToolTip(v.required ? tr("Required") : QString());
    if (auto* combo = qobject_cast<QComboBox*>(field.input); combo && field.hasNoneItem)
        combo->setItemText(0, tr("(none)"));
    if (v.type == VariableType::Number) {
        if (auto* edit = qobject_cast<QLineEdit*>(field.input))
            edit->setPlaceholderText(tr("A number, e.g. 42 or 3.5"));
    }
}

void TemplateFormDialog::changeEvent(QEvent* event)
{
    QDialog::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
}

TemplateFormDialog::TemplateFormDialog(const PromptTemplate& tmpl, QWidget* parent)
    : TemplateFormDialog(parent)
{
    setTemplate(tmpl);
}

void TemplateFormDialog::setTemplate(const PromptTemplate& tmpl)
{
    m_template = tmpl;
    m_errorsShown = false;
    rebuild();
}

void TemplateFormDialog::rebuild()
{
    m_fields.clear();
    delete m_formHost->layout();
    qDeleteAll(m_formHost->findChildren<QWidget*>(QString(), Qt::FindDirectChildrenOnly));
    auto* hostLayout = new QVBoxLayout(m_formHost);
    hostLayout->setContentsMargins(0, 0, 0, 0);
    m_form = new QFormLayout;
    m_form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    hostLayout->addLayout(m_form);
    hostLayout->addStretch(1); // spare height below the fields, not between them

    m_title->setText(m_template.title);
    m_description->setText(m_template.description);
    m_description->setVisible(!m_template.description.isEmpty());
    m_noVariables->setVisible(m_template.variables.isEmpty());

    for (const TemplateVariable& v : std::as_const(m_template.variables)) {
        auto* cell = new QWidget(m_formHost);
        auto* cellLayout = new QVBoxLayout(cell);
        cellLayout->setContentsMargins(0, 0, 0, 0);
        cellLayout->setSpacing(2);
        const QString name = displayName(v);
        const QString initial = defaultText(v.defaultValue);
        QWidget* input = nullptr;
        bool hasNoneItem = false;
        switch (v.type) {
        case VariableType::Text: {
            auto* edit = new QLineEdit(initial, cell);
            connect(edit, &QLineEdit::textChanged, this, &TemplateFormDialog::updatePreview);
            input = edit;
            break;
        }
        case VariableType::Multiline: {
            auto* edit = new QPlainTextEdit(initial, cell);
            edit->setTabChangesFocus(true);
            edit->setFixedHeight(edit->fontMetrics().lineSpacing() * 4 + 14);
            connect(edit, &QPlainTextEdit::textChanged, this, &TemplateFormDialog::updatePreview);
            input = edit;
            break;
        }
        case VariableType::Enum: {
            auto* combo = new QComboBox(cell);
            hasNoneItem = !v.required && initial.isEmpty();
            if (hasNoneItem)
                combo->addItem(QString(), QString()); // "(none)", named in retranslateField()
            for (const QString& option : v.options)
                combo->addItem(option, option);
            if (const int at = combo->findData(initial); at >= 0)
                combo->setCurrentIndex(at);
            connect(combo, &QComboBox::currentIndexChanged, this, &TemplateFormDialog::updatePreview);
            input = combo;
            break;
        }
        case VariableType::Number: {
            auto* edit = new QLineEdit(initial, cell);
            auto* validator = new QDoubleValidator(edit);
            validator->setLocale(QLocale::c()); // the template format's numbers are C-locale
            validator->setNotation(QDoubleValidator::StandardNotation);
            edit->setValidator(validator);
            connect(edit, &QLineEdit::textChanged, this, &TemplateFormDialog::updatePreview);
            input = edit;
            break;
        }
        case VariableType::Bool: {
            auto* box = new QCheckBox(name, cell);
            box->setChecked(isTrueText(initial));
            connect(box, &QCheckBox::toggled, this, &TemplateFormDialog::updatePreview);
            input = box;
            break;
        }
        }
        input->setObjectName(u"field_"_s + v.name);
        input->setAccessibleName(name);
        if (!v.description.isEmpty()) {
            input->setToolTip(v.description);
            input->setAccessibleDescription(v.description);
        }
        cellLayout->addWidget(input);
        if (!v.description.isEmpty()) {
            auto* caption = new QLabel(v.description, cell);
            caption->setTextFormat(Qt::PlainText);
            caption->setWordWrap(true);
            caption->setProperty("role", u"caption"_s);
            cellLayout->addWidget(caption);
        }
        auto* error = new QLabel(cell);
        error->setObjectName(u"error_"_s + v.name);
        error->setProperty("role", u"error"_s);
        error->setTextFormat(Qt::PlainText);
        error->setWordWrap(true);
        error->hide();
        cellLayout->addWidget(error);

        // A check box carries its own name; its label stays empty.
        auto* label = new QLabel(m_formHost);
        label->setBuddy(input);
        m_form->addRow(label, cell);
        m_fields.append(Field{v, input, error, label, hasNoneItem});
    }
    if (!m_fields.isEmpty())
        setFocusProxy(m_fields.constFirst().input);
    m_hasTemplate = true;
    retranslateUi(); // the texts, then the preview
}

QString TemplateFormDialog::valueOf(const Field& field) const
{
    if (auto* edit = qobject_cast<QLineEdit*>(field.input))
        return edit->text();
    if (auto* multiline = qobject_cast<QPlainTextEdit*>(field.input))
        return multiline->toPlainText();
    if (auto* combo = qobject_cast<QComboBox*>(field.input))
        return combo->currentData().toString();
    if (auto* box = qobject_cast<QCheckBox*>(field.input))
        return box->isChecked() ? u"true"_s : u"false"_s;
    return {};
}

QHash<QString, QString> TemplateFormDialog::values() const
{
    QHash<QString, QString> out;
    for (const Field& f : m_fields)
        out.insert(f.variable.name, valueOf(f));
    return out;
}

bool TemplateFormDialog::setValue(const QString& name, const QString& value)
{
    for (const Field& f : std::as_const(m_fields)) {
        if (f.variable.name != name)
            continue;
        if (auto* edit = qobject_cast<QLineEdit*>(f.input)) {
            edit->setText(value);
        } else if (auto* multiline = qobject_cast<QPlainTextEdit*>(f.input)) {
            multiline->setPlainText(value);
        } else if (auto* combo = qobject_cast<QComboBox*>(f.input)) {
            const int at = combo->findData(value);
            if (at < 0)
                return false;
            combo->setCurrentIndex(at);
        } else if (auto* box = qobject_cast<QCheckBox*>(f.input)) {
            box->setChecked(isTrueText(value));
        }
        return true;
    }
    return false;
}

QWidget* TemplateFormDialog::field(const QString& name) const
{
    for (const Field& f : m_fields) {
        if (f.variable.name == name)
            return f.input;
    }
    return nullptr;
}

QString TemplateFormDialog::errorText(const QString& name) const
{
    for (const Field& f : m_fields) {
        if (f.variable.name == name)
            return f.error->isHidden() ? QString() : f.error->text();
    }
    return {};
}

QString TemplateFormDialog::previewText() const
{
    return m_preview->toPlainText();
}

QString TemplateFormDialog::problem(const Field& field) const
{
    const QString value = valueOf(field).trimmed();
    if (value.isEmpty())
        return field.variable.required ? tr("Required.") : QString();
    if (field.variable.type == VariableType::Number) {
        bool ok = false;
        const double d = QLocale::c().toDouble(value, &ok);
        if (!ok || !std::isfinite(d))
            return tr("Enter a number, like 42 or 3.5.");
    }
    if (field.variable.type == VariableType::Enum && !field.variable.options.contains(value))
        return tr("Choose one of the options.");
    return {};
}

void TemplateFormDialog::showErrors()
{
    for (const Field& f : std::as_const(m_fields)) {
        const QString message = problem(f);
        f.error->setText(message);
        f.error->setVisible(!message.isEmpty());
        f.input->setProperty("invalid", !message.isEmpty());
    }
}

void TemplateFormDialog::updatePreview()
{
    // Empty or invalid fields show as ‹name› so the preview works before the form is complete.
    QHash<QString, QString> previewValues;
    for (const Field& f : std::as_const(m_fields)) {
        const QString value = valueOf(f);
        previewValues.insert(f.variable.name,
                             problem(f).isEmpty() ? value : tr("‹%1›").arg(displayName(f.variable)));
    }
    const Result<TemplateFormat::Rendered> rendered = TemplateFormat::render(m_template, previewValues);
    if (rendered) {
        m_preview->setPlainText(combinedPrompt(rendered.value()));
        m_templateError->hide();
    } else {
        // The template itself is broken (a hand-edited import): say so; Use stays off.
        m_preview->clear();
        m_templateError->setText(rendered.error().message);
        m_templateError->show();
    }
    m_use->setEnabled(rendered.ok());
    if (m_errorsShown)
        showErrors();
}

bool TemplateFormDialog::use()
{
    m_errorsShown = true;
    showErrors();
    for (const Field& f : std::as_const(m_fields)) {
        if (!problem(f).isEmpty()) {
            f.input->setFocus(Qt::OtherFocusReason);
            return false;
        }
    }
    const Result<TemplateFormat::Rendered> rendered = TemplateFormat::render(m_template, values());
    if (!rendered) {
        m_templateError->setText(rendered.error().message);
        m_templateError->show();
        return false;
    }
    Q_EMIT templateUsed(combinedPrompt(rendered.value()));
    accept();
    return true;
}

QString TemplateFormDialog::combinedPrompt(const TemplateFormat::Rendered& rendered)
{
    if (rendered.systemPrompt.trimmed().isEmpty())
        return rendered.body;
    return rendered.systemPrompt + u"\n\n"_s + rendered.body;
}

} // namespace pc
