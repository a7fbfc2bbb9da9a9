#include "dialogs/PromptOptimizerDialog.h"

#include "theme/Theme.h"

#include <QDialogButtonBox>
#include <QEvent>
#include <QGridLayout>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QTextCursor>
#include <QTextEdit>
#include <QVBoxLayout>

#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace pc {

namespace {

// A bold title above a view; the title's text comes with retranslateUi().
QWidget* titled(QLabel*& label, QWidget* content, QWidget* parent)
{
    auto* box = new QWidget(parent);
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    label = new QLabel(box);
    QFont bold = label->font();
    bold.setBold(true);
    label->setFont(bold);
    label->setBuddy(content);
    layout->addWidget(label);
    layout->addWidget(content, 1);
    return box;
}

QListWidget* makeList(QWidget* parent)
{
    auto* list = new QListWidget(parent);
    list->setWordWrap(true);
    list->setSelectionMode(QAbstractItemView::NoSelection);
    list->setFocusPolicy(Qt::TabFocus);
    list->setMaximumHeight(list->fontMetrics().lineSpacing() * 6 + 8);
    return list;
}

void fillList(QListWidget* list, const QStringList& items, const QString& empty)
{
    list->clear();
    for (const QString& item : items)
        list->addItem(u"•  "_s + item);
    if (items.isEmpty()) {
        auto* none = new QListWidgetItem(empty, list);
        none->setFlags(Qt::NoItemFlags);
    }
}

} // namespace

PromptOptimizerDialog::PromptOptimizerDialog(QWidget* parent)
    : QDialog(parent)
    , m_original(new QTextEdit(this))
    , m_optimized(new QTextEdit(this))
    , m_improvements(makeList(this))
    , m_suggestions(makeList(this))
    , m_confidence(new QLabel(this))
    , m_source(new QLabel(this))
    , m_use(new QPushButton(this))
{
    for (QTextEdit* view : {m_original, m_optimized}) {
        view->setReadOnly(true);
        view->setAcceptRichText(false);
        view->setTabChangesFocus(true);
    }
    m_original->setObjectName(u"originalView"_s);
    m_optimized->setObjectName(u"optimizedView"_s);
    m_improvements->setObjectName(u"improvementsList"_s);
    m_suggestions->setObjectName(u"suggestionsList"_s);
    m_confidence->setObjectName(u"confidenceLabel"_s);
    m_source->setObjectName(u"sourceLabel"_s);
    m_source->setProperty("role", u"hint"_s);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(titled(m_originalTitle, m_original, splitter));
    splitter->addWidget(titled(m_optimizedTitle, m_optimized, splitter));

    auto* lists = new QGridLayout;
    lists->addWidget(titled(m_improvementsTitle, m_improvements, this), 0, 0);
    lists->addWidget(titled(m_suggestionsTitle, m_suggestions, this), 0, 1);

    auto* meta = new QHBoxLayout;
    meta->addWidget(m_confidence);
    meta->addStretch(1);
    meta->addWidget(m_source);

    m_use->setObjectName(u"useOptimizedButton"_s);
    m_use->setProperty("accent", true);
    m_use->setDefault(true);
    auto* buttons = new QDialogButtonBox(this);
    buttons->addButton(m_use, QDialogButtonBox::AcceptRole);
    m_keep = buttons->addButton(QString(), QDialogButtonBox::RejectRole);
    m_keep->setObjectName(u"keepOriginalButton"_s);
    connect(m_use, &QPushButton::clicked, this, [this] {
        Q_EMIT useOptimized(m_result.optimizedPrompt);
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(splitter, 3);
    layout->addLayout(lists, 1);
    layout->addLayout(meta);
    layout->addWidget(buttons);
    resize(820, 560);
    retranslateUi();
}

void PromptOptimizerDialog::retranslateUi()
{
    setWindowTitle(tr("Optimized prompt"));
    setAccessibleName(tr("Prompt optimizer"));
    m_original->setAccessibleName(tr("Original prompt, removed words struck through"));
    m_optimized->setAccessibleName(tr("Optimized prompt, added words highlighted"));
    m_improvements->setAccessibleName(tr("Improvements"));
    m_suggestions->setAccessibleName(tr("Suggestions"));
    m_originalTitle->setText(tr("&Original"));
    m_optimizedTitle->setText(tr("O&ptimized"));
    m_improvementsTitle->setText(tr("&Improvements"));
    m_suggestionsTitle->setText(tr("&Suggestions"));
    m_use->setText(tr("Use optimized"));
    m_use->setAccessibleName(tr("Use the optimized prompt"));
    m_keep->setText(tr("Keep original"));
    m_keep->setAccessibleName(tr("Keep the original prompt"));
    if (m_hasResult)
        showResultTexts();
}

void PromptOptimizerDialog::setResult(const OptimizationResult& result)
{
    m_result = result;
    m_hasResult = true;
    m_spans = WordDiff::diff(result.originalPrompt, result.optimizedPrompt);
    renderDiff();
    showResultTexts();
    m_use->setEnabled(!result.optimizedPrompt.trimmed().isEmpty());
}

void PromptOptimizerDialog::showResultTexts()
{
    // The lists' items and the provider come from the engine as they are; only our words change.
    fillList(m_improvements, m_result.improvements, tr("None listed."));
    fillList(m_suggestions, m_result.suggestions, tr("None listed."));
    const QLocale locale;
    const int percent = int(std::lround(std::clamp(m_result.confidence, 0.0, 1.0) * 100));
    m_confidence->setText(tr("Confidence: %1%").arg(locale.toString(percent)));
    QStringList source;
    if (!m_result.provider.isEmpty())
        source.append(m_result.provider);
    if (m_result.processingTimeMs > 0)
        source.append(tr("%1 s").arg(locale.toString(double(m_result.processingTimeMs) / 1000.0, 'f', 1)));
    m_source->setText(source.join(u"  ·  "_s));
}

void PromptOptimizerDialog::renderDiff()
{
    // Built with char formats, not HTML: prompt text is never interpreted.
    const QPalette& pal = palette();
    QTextCharFormat plain;
    QTextCharFormat removed;
    removed.setBackground(Theme::tint(pal, Theme::danger(pal)));
    removed.setForeground(Theme::danger(pal));
    removed.setFontStrikeOut(true);
    QTextCharFormat added;
    added.setBackground(Theme::tint(pal, Theme::success(pal)));
    added.setForeground(Theme::success(pal));

    m_original->clear();
    m_optimized->clear();
    QTextCursor left(m_original->document());
    QTextCursor right(m_optimized->document());
    for (const WordDiff::Span& span : std::as_const(m_spans)) {
        switch (span.kind) {
        case WordDiff::Span::Kind::Same:
            left.insertText(span.text, plain);
            right.insertText(span.text, plain);
            break;
        case WordDiff::Span::Kind::Removed:
            left.insertText(span.text, removed);
            break;
        case WordDiff::Span::Kind::Added:
            right.insertText(span.text, added);
            break;
        }
    }
}

void PromptOptimizerDialog::changeEvent(QEvent* event)
{
    QDialog::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && !m_spans.isEmpty())
        renderDiff();
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
}

} // namespace pc
