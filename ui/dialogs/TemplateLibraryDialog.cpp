#include "dialogs/TemplateLibraryDialog.h"

#include "TemplateFormat.h"
#include "UiLogging.h"
#include "dialogs/TemplateFormDialog.h"
#include "theme/Icons.h"
#include "theme/Theme.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QMap>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSplitter>
#include <QStyle>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace pc {

namespace {

constexpr int IdRole = Qt::UserRole + 1;
constexpr int CategoryRole = Qt::UserRole + 2;
constexpr int AllCategories = 0;

QString typeText(const TemplateVariable& v)
{
    switch (v.type) {
    case VariableType::Text:
        return TemplateLibraryDialog::tr("text");
    case VariableType::Multiline:
        return TemplateLibraryDialog::tr("long text");
    case VariableType::Enum:
        return TemplateLibraryDialog::tr("one of %1").arg(v.options.join(u", "_s));
    case VariableType::Number:
        return TemplateLibraryDialog::tr("number");
    case VariableType::Bool:
        return TemplateLibraryDialog::tr("yes or no");
    }
    return {};
}

} // namespace

TemplateLibraryDialog::TemplateLibraryDialog(QWidget* parent)
    : QDialog(parent)
    , m_search(new QLineEdit(this))
    , m_categories(new QListWidget(this))
    , m_list(new QListWidget(this))
    , m_title(new QLabel(this))
    , m_meta(new QLabel(this))
    , m_description(new QLabel(this))
    , m_versions(new QComboBox(this))
    , m_body(new QPlainTextEdit(this))
    , m_fields(new QLabel(this))
    , m_use(new QPushButton(this))
    , m_export(new QPushButton(this))
    , m_status(new QLabel(this))
    , m_versionLabel(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Close, this))
{
    m_search->setObjectName(u"searchEdit"_s);
    m_search->setClearButtonEnabled(true);
    m_searchIcon = m_search->addAction(QIcon(), QLineEdit::LeadingPosition);
    m_categories->setObjectName(u"categoryList"_s);
    m_list->setObjectName(u"templateList"_s);
    m_list->setUniformItemSizes(true);
    m_list->setSpacing(1);
    m_categories->setSpacing(1);

    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setObjectName(u"detailTitle"_s);
    m_title->setWordWrap(true);
    m_title->setTextFormat(Qt::PlainText);
    m_meta->setObjectName(u"detailMeta"_s);
    m_meta->setProperty("role", u"hint"_s);
    m_meta->setTextFormat(Qt::PlainText);
    m_meta->setWordWrap(true);
    m_description->setObjectName(u"detailDescription"_s);
    m_description->setWordWrap(true);
    m_description->setTextFormat(Qt::PlainText);
    m_versions->setObjectName(u"versionCombo"_s);
    m_body->setObjectName(u"bodyView"_s);
    m_body->setReadOnly(true);
    m_body->setTabChangesFocus(true);
    m_fields->setObjectName(u"detailFields"_s);
    m_fields->setWordWrap(true);
    m_fields->setTextFormat(Qt::PlainText);
    m_use->setObjectName(u"useButton"_s);
    m_use->setProperty("accent", true);
    m_export->setObjectName(u"exportButton"_s);
    m_status->setObjectName(u"statusLabel"_s);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);

    auto* versionRow = new QHBoxLayout;
    m_versionLabel->setBuddy(m_versions);
    versionRow->addWidget(m_versionLabel);
    versionRow->addWidget(m_versions, 1);

    auto* details = new QWidget(this);
    auto* detailLayout = new QVBoxLayout(details);
    detailLayout->setContentsMargins(8, 0, 0, 0);
    detailLayout->addWidget(m_title);
    detailLayout->addWidget(m_meta);
    detailLayout->addWidget(m_description);
    detailLayout->addLayout(versionRow);
    detailLayout->addWidget(m_body, 1);
    detailLayout->addWidget(m_fields);
    auto* useRow = new QHBoxLayout;
    useRow->addWidget(m_export);
    useRow->addStretch(1);
    useRow->addWidget(m_use);
    detailLayout->addLayout(useRow);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(m_categories);
    splitter->addWidget(m_list);
    splitter->addWidget(details);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 2);
    splitter->setStretchFactor(2, 4);
    splitter->setSizes({170, 240, 470});

    m_refresh = m_buttons->addButton(QString(), QDialogButtonBox::ActionRole);
    m_refresh->setObjectName(u"refreshButton"_s);
    m_import = m_buttons->addButton(QString(), QDialogButtonBox::ActionRole);
    m_import->setObjectName(u"importButton"_s);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_search);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_status);
    layout->addWidget(m_buttons);

    connect(m_search, &QLineEdit::textChanged, this, &TemplateLibraryDialog::rebuildList);
    connect(m_categories, &QListWidget::currentRowChanged, this, [this](int row) {
        if (m_updating || row < 0)
            return;
        m_category =
            row == AllCategories ? QString() : m_categories->item(row)->data(CategoryRole).toString();
        rebuildList();
    });
    connect(m_list, &QListWidget::currentRowChanged, this, [this] {
        if (!m_updating)
            showDetails();
    });
    connect(m_list, &QListWidget::itemActivated, this, [this] { openUseForm(); });
    connect(m_versions, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_updating)
            showDetails();
    });
    connect(m_use, &QPushButton::clicked, this, [this] { openUseForm(); });
    connect(m_export, &QPushButton::clicked, this, &TemplateLibraryDialog::chooseExportFile);
    connect(m_import, &QPushButton::clicked, this, &TemplateLibraryDialog::chooseImportFile);
    connect(m_refresh, &QPushButton::clicked, this, &TemplateLibraryDialog::refreshRequested);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    resize(940, 600);
    updateIcons();
    setStatus(QString(), false);
    retranslateUi();
}

void TemplateLibraryDialog::retranslateUi()
{
    setWindowTitle(tr("Template library"));
    setAccessibleName(tr("Template library"));
    m_search->setAccessibleName(tr("Search templates"));
    m_search->setPlaceholderText(tr("Search titles, descriptions, tags and text"));
    m_categories->setAccessibleName(tr("Categories"));
    m_list->setAccessibleName(tr("Templates"));
    m_versions->setAccessibleName(tr("Version"));
    m_versionLabel->setText(tr("&Version:"));
    m_body->setAccessibleName(tr("Template text"));
    m_use->setText(tr("Use…"));
    m_use->setAccessibleName(tr("Use this template"));
    m_export->setText(tr("Export…"));
    m_export->setAccessibleName(tr("Export this template to a file"));
    m_refresh->setText(tr("&Refresh"));
    m_refresh->setAccessibleName(tr("Refresh the library"));
    m_import->setText(tr("&Import…"));
    m_import->setAccessibleName(tr("Import a template from a file"));
    m_buttons->button(QDialogButtonBox::Close)->setAccessibleName(tr("Close"));
    // The chosen category stays chosen when it is the one named by us.
    const QString uncategorized = tr("Uncategorized");
    if (!m_category.isEmpty() && m_category == m_uncategorizedName)
        m_category = uncategorized;
    m_uncategorizedName = uncategorized;
    // Category counts, "(untitled)", the details and the versions' dates; the selection stays.
    rebuildCategories();
    rebuildList();
}

QString TemplateLibraryDialog::categoryName(const PromptTemplate& t) const
{
    return t.category.trimmed().isEmpty() ? tr("Uncategorized") : t.category.trimmed();
}

void TemplateLibraryDialog::setTemplates(const QList<PromptTemplate>& templates)
{
    const std::optional<PromptTemplate> selected = selectedTemplate();
    m_templates = templates;
    std::sort(m_templates.begin(), m_templates.end(), [](const PromptTemplate& a, const PromptTemplate& b) {
        return QString::localeAwareCompare(a.title, b.title) < 0;
    });
    // Versions we hold may be stale now; ask again when a template is shown.
    m_versionsAsked.clear();
    rebuildCategories();
    rebuildList();
    if (selected)
        selectTemplate(selected->id);
}

void TemplateLibraryDialog::setVersions(const QString& templateId, const QList<PromptTemplate>& versions)
{
    QList<PromptTemplate> sorted = versions;
    std::sort(sorted.begin(), sorted.end(),
              [](const PromptTemplate& a, const PromptTemplate& b) { return a.version > b.version; });
    m_versionsById.insert(templateId, sorted);
    m_versionsAsked.insert(templateId);
    if (const PromptTemplate* t = current(); t && t->id == templateId)
        showDetails();
}

void TemplateLibraryDialog::setCategoryFilter(const QString& category)
{
    for (int row = 0; row < m_categories->count(); ++row) {
        const QString name = m_categories->item(row)->data(CategoryRole).toString();
        if ((category.isEmpty() && row == AllCategories) || (row != AllCategories && name == category)) {
            m_categories->setCurrentRow(row);
            return;
        }
    }
}

void TemplateLibraryDialog::setSearchText(const QString& text)
{
    m_search->setText(text);
}

bool TemplateLibraryDialog::selectTemplate(const QString& id)
{
    for (int row = 0; row < m_list->count(); ++row) {
        if (m_list->item(row)->data(IdRole).toString() == id) {
            m_list->setCurrentRow(row);
            return true;
        }
    }
    return false;
}

bool TemplateLibraryDialog::selectVersion(int version)
{
    const int at = m_versions->findData(version);
    if (at < 0)
        return false;
    m_versions->setCurrentIndex(at);
    return true;
}

QStringList TemplateLibraryDialog::visibleTemplateIds() const
{
    QStringList ids;
    for (int row = 0; row < m_list->count(); ++row)
        ids.append(m_list->item(row)->data(IdRole).toString());
    return ids;
}

const PromptTemplate* TemplateLibraryDialog::current() const
{
    const QListWidgetItem* item = m_list->currentItem();
    if (!item)
        return nullptr;
    const QString id = item->data(IdRole).toString();
    for (const PromptTemplate& t : m_templates) {
        if (t.id == id)
            return &t;
    }
    return nullptr;
}

std::optional<PromptTemplate> TemplateLibraryDialog::selectedTemplate() const
{
    const PromptTemplate* t = current();
    if (!t)
        return std::nullopt;
    const int version = m_versions->currentData().toInt();
    for (const PromptTemplate& v : m_versionsById.value(t->id)) {
        if (v.version == version)
            return v;
    }
    return *t;
}

QString TemplateLibraryDialog::statusText() const
{
    return m_status->text();
}

bool TemplateLibraryDialog::matches(const PromptTemplate& t) const
{
    if (!m_category.isEmpty() && categoryName(t) != m_category)
        return false;
    const QString query = m_search->text().trimmed();
    if (query.isEmpty())
        return true;
    // Every word must appear somewhere.
    const QStringList words = query.split(QRegularExpression(u"\\s+"_s), Qt::SkipEmptyParts);
    const QString haystack =
        QStringList{t.title, t.description, t.category, t.tags.join(u' '), t.body, t.systemPrompt}.join(
            u'\n');
    for (const QString& word : words) {
        if (!haystack.contains(word, Qt::CaseInsensitive))
            return false;
    }
    return true;
}

void TemplateLibraryDialog::rebuildCategories()
{
    QMap<QString, int> counts;
    for (const PromptTemplate& t : std::as_const(m_templates))
        ++counts[categoryName(t)];
    m_updating = true;
    m_categories->clear();
    auto* all = new QListWidgetItem(tr("All templates (%1)").arg(m_templates.size()), m_categories);
    all->setData(CategoryRole, QString());
    int selectRow = AllCategories;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
        auto* item = new QListWidgetItem(tr("%1 (%2)").arg(it.key()).arg(it.value()), m_categories);
        item->setData(CategoryRole, it.key());
        if (it.key() == m_category)
            selectRow = m_categories->count() - 1;
    }
    if (selectRow == AllCategories)
        m_category.clear();
    m_categories->setCurrentRow(selectRow);
    m_updating = false;
}

void TemplateLibraryDialog::rebuildList()
{
    const QString previous =
        m_list->currentItem() ? m_list->currentItem()->data(IdRole).toString() : QString();
    m_updating = true;
    m_list->clear();
    int selectRow = -1;
    for (const PromptTemplate& t : std::as_const(m_templates)) {
        if (!matches(t))
            continue;
        auto* item = new QListWidgetItem(t.title.isEmpty() ? tr("(untitled)") : t.title, m_list);
        item->setData(IdRole, t.id);
        item->setToolTip(t.description);
        if (t.id == previous)
            selectRow = m_list->count() - 1;
    }
    if (selectRow < 0 && m_list->count() > 0)
        selectRow = 0;
    m_list->setCurrentRow(selectRow);
    m_updating = false;
    showDetails();
}

void TemplateLibraryDialog::showDetails()
{
    const PromptTemplate* t = current();
    m_use->setEnabled(t != nullptr);
    m_export->setEnabled(t != nullptr);
    m_versions->setEnabled(t != nullptr);
    if (!t) {
        m_title->setText(m_templates.isEmpty() ? tr("No templates yet") : tr("No template matches"));
        m_meta->clear();
        m_description->setText(m_templates.isEmpty()
                                   ? tr("Templates you create from conversations or import appear here.")
                                   : tr("Try other words or another category."));
        m_updating = true;
        m_versions->clear();
        m_updating = false;
        m_body->clear();
        m_fields->clear();
        return;
    }

    // The version list: what setVersions gave, or just the latest one until it does.
    const bool known = m_versionsById.contains(t->id);
    if (!m_versionsAsked.contains(t->id)) {
        m_versionsAsked.insert(t->id);
        Q_EMIT versionsRequested(t->id);
    }
    QList<PromptTemplate> versions = known ? m_versionsById.value(t->id) : QList<PromptTemplate>{*t};
    const int wanted = m_versions->currentData().isValid() && m_versions->property("templateId") == t->id
                           ? m_versions->currentData().toInt()
                           : t->version;
    m_updating = true;
    m_versions->clear();
    m_versions->setProperty("templateId", t->id);
    const QLocale locale;
    for (const PromptTemplate& v : std::as_const(versions)) {
        const QDateTime when = v.updatedAt.isValid() ? v.updatedAt : v.createdAt;
        const QString label = when.isValid()
                                  ? tr("Version %1, %2")
                                        .arg(v.version)
                                        .arg(locale.toString(when.toLocalTime(), QLocale::ShortFormat))
                                  : tr("Version %1").arg(v.version);
        m_versions->addItem(label, v.version);
    }
    const int at = m_versions->findData(wanted);
    m_versions->setCurrentIndex(at >= 0 ? at : 0);
    m_updating = false;

    const PromptTemplate shown = selectedTemplate().value_or(*t);
    m_title->setText(shown.title);
    QStringList meta{categoryName(shown)};
    if (!shown.tags.isEmpty())
        meta.append(shown.tags.join(u", "_s));
    m_meta->setText(meta.join(u"  ·  "_s));
    m_description->setText(shown.description);
    m_description->setVisible(!shown.description.isEmpty());
    m_body->setPlainText(shown.systemPrompt.isEmpty()
                             ? shown.body
                             : tr("System: %1").arg(shown.systemPrompt) + u"\n\n"_s + shown.body);
    QStringList fields;
    for (const TemplateVariable& v : shown.variables) {
        const QString name = v.label.isEmpty() ? v.name : v.label;
        fields.append(v.required ? tr("%1 (%2, required)").arg(name, typeText(v))
                                 : tr("%1 (%2)").arg(name, typeText(v)));
    }
    m_fields->setText(fields.isEmpty() ? tr("No fields to fill in.")
                                       : tr("Fields: %1").arg(fields.join(u"; "_s)));
}

TemplateFormDialog* TemplateLibraryDialog::openUseForm()
{
    const std::optional<PromptTemplate> t = selectedTemplate();
    if (!t)
        return nullptr;
    if (m_form)
        m_form->close();
    m_form = new TemplateFormDialog(*t, this);
    m_form->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_form, &TemplateFormDialog::templateUsed, this, [this](const QString& prompt) {
        Q_EMIT useTemplate(prompt);
        accept();
    });
    m_form->open();
    return m_form;
}

Result<PromptTemplate> TemplateLibraryDialog::importFile(const QString& path)
{
    const auto fail = [this](const QString& message) -> Result<PromptTemplate> {
        setStatus(message, true);
        return Error{ErrorCode::InvalidMessage, message};
    };
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(tr("Could not open %1: %2").arg(QFileInfo(path).fileName(), file.errorString()));
    if (file.size() > TemplateFormat::MaxJsonSize)
        return fail(tr("%1 is too large to be a template.").arg(QFileInfo(path).fileName()));
    const QByteArray data = file.read(TemplateFormat::MaxJsonSize + 1);
    Result<PromptTemplate> parsed = TemplateFormat::fromJson(data);
    if (!parsed)
        return fail(tr("Could not import %1: %2").arg(QFileInfo(path).fileName(), parsed.error().message));
    setStatus(tr("Imported \u201c%1\u201d.").arg(parsed->title), false);
    Q_EMIT importRequested(parsed.value());
    return parsed;
}

Result<void> TemplateLibraryDialog::exportSelected(const QString& path)
{
    const std::optional<PromptTemplate> t = selectedTemplate();
    if (!t) {
        const QString message = tr("Select a template to export.");
        setStatus(message, true);
        return Error{ErrorCode::InvalidMessage, message};
    }
    QSaveFile file(path);
    const QByteArray json = QJsonDocument(TemplateFormat::toJson(*t)).toJson(QJsonDocument::Indented);
    if (!file.open(QIODevice::WriteOnly) || file.write(json) != json.size() || !file.commit()) {
        const QString message =
            tr("Could not write %1: %2").arg(QFileInfo(path).fileName(), file.errorString());
        setStatus(message, true);
        return Error{ErrorCode::InternalError, message};
    }
    setStatus(tr("Exported \u201c%1\u201d to %2.").arg(t->title, QFileInfo(path).fileName()), false);
    return {};
}

void TemplateLibraryDialog::chooseImportFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Import template"), QString(),
                                                      tr("PromptCraft templates (*.json);;All files (*)"));
    if (!path.isEmpty())
        (void)importFile(path);
}

void TemplateLibraryDialog::chooseExportFile()
{
    const std::optional<PromptTemplate> t = selectedTemplate();
    if (!t)
        return;
    // A file name from the title, without characters file systems refuse.
    QString name = t->title.simplified();
    name.replace(QRegularExpression(u"[^\\w\\- ]+"_s), QString());
    if (name.isEmpty())
        name = u"template"_s;
    const QString path = QFileDialog::getSaveFileName(this, tr("Export template"), name + u".json"_s,
                                                      tr("PromptCraft templates (*.json)"));
    if (!path.isEmpty())
        (void)exportSelected(path);
}

void TemplateLibraryDialog::updateIcons()
{
    m_searchIcon->setIcon(Icons::icon(u"search"_s, Theme::muted(palette())));
    m_use->setIcon(Icons::icon(u"template"_s, Theme::onAccent(palette())));
}

void TemplateLibraryDialog::changeEvent(QEvent* event)
{
    QDialog::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        updateIcons();
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
}

void TemplateLibraryDialog::setStatus(const QString& text, bool error)
{
    m_status->setText(text);
    m_status->setVisible(!text.isEmpty());
    m_status->setProperty("role", error ? u"error"_s : u"hint"_s);
    // Style sheets read properties when polishing.
    m_status->style()->unpolish(m_status);
    m_status->style()->polish(m_status);
    if (error)
        qCInfo(lcUi) << "template library:" << text;
}

} // namespace pc
