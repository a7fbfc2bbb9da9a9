#include "widgets/Composer.h"

#include "Messages.h"
#include "theme/Icons.h"

#include <QAbstractTextDocumentLayout>
#include <QEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStyle>
#include <QTextBlock>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace pc {

namespace {
constexpr int MinLines = 2;
constexpr int MaxLines = 10;
// The counter appears near the limit, not all the time.
constexpr qsizetype CounterFrom = MaxChatContentLength * 9 / 10;
} // namespace

Composer::Composer(QWidget* parent)
    : QWidget(parent)
    , m_editor(new QPlainTextEdit(this))
    , m_template(new QPushButton(this))
    , m_optimize(new QPushButton(this))
    , m_hint(new QLabel(this))
    , m_counter(new QLabel(this))
    , m_send(new QPushButton(this))
{
    m_editor->setObjectName(u"composerEditor"_s);
    m_editor->setTabChangesFocus(true);
    m_editor->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_editor->document()->setDocumentMargin(6);
    m_editor->installEventFilter(this);

    m_template->setObjectName(u"insertTemplateButton"_s);
    m_optimize->setObjectName(u"optimizePromptButton"_s);
    m_hint->setObjectName(u"composerHint"_s);
    m_hint->setProperty("role", u"hint"_s);
    m_hint->hide();
    m_counter->setObjectName(u"composerCounter"_s);
    m_counter->setProperty("role", u"hint"_s);
    m_counter->hide();
    m_send->setObjectName(u"sendButton"_s);
    m_send->setProperty("accent", true);
    m_send->setDefault(false);
    m_send->setAutoDefault(false);

    auto* buttons = new QHBoxLayout;
    buttons->setSpacing(6);
    buttons->addWidget(m_template);
    buttons->addWidget(m_optimize);
    buttons->addSpacing(6);
    buttons->addWidget(m_hint);
    buttons->addStretch(1);
    buttons->addWidget(m_counter);
    buttons->addWidget(m_send);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 6, 10, 10);
    layout->setSpacing(6);
    layout->addWidget(m_editor);
    layout->addLayout(buttons);

    connect(m_send, &QPushButton::clicked, this, &Composer::sendOrStop);
    connect(m_template, &QPushButton::clicked, this, &Composer::insertTemplateRequested);
    connect(m_optimize, &QPushButton::clicked, this, [this] {
        const QString text = draft().trimmed();
        if (!text.isEmpty())
            Q_EMIT optimizeRequested(text);
    });
    connect(m_editor, &QPlainTextEdit::textChanged, this, [this] {
        updateState();
        updateEditorHeight();
    });
    retranslateUi();
    updateEditorHeight();
}

void Composer::retranslateUi()
{
    setAccessibleName(tr("Message composer"));
    m_editor->setAccessibleName(tr("Message"));
    m_editor->setPlaceholderText(tr("Message PromptCraft (Enter sends, Shift+Enter starts a new line)"));
    m_template->setText(tr("Insert template"));
    m_template->setAccessibleName(tr("Insert template"));
    m_template->setToolTip(tr("Fill in a prompt template"));
    m_optimize->setText(tr("Optimize prompt"));
    m_optimize->setAccessibleName(tr("Optimize prompt"));
    m_optimize->setToolTip(tr("Let PromptCraft suggest a clearer version of this prompt"));
    m_hint->setText(tr("Offline: your message will send when connected."));
    m_hint->setAccessibleName(tr("Connection hint"));
    m_counter->setAccessibleName(tr("Characters used"));
    // The Send/Stop texts and the counter depend on the state.
    updateIcons();
    updateState();
}

QString Composer::draft() const
{
    return m_editor->toPlainText();
}

void Composer::setDraft(const QString& text)
{
    m_editor->setPlainText(text);
    m_editor->moveCursor(QTextCursor::End);
}

void Composer::setGenerating(bool generating)
{
    m_generating = generating;
    updateIcons();
    updateState();
}

void Composer::setConnected(bool connected)
{
    m_connected = connected;
    m_hint->setVisible(!connected);
}

void Composer::focusEditor()
{
    m_editor->setFocus(Qt::ShortcutFocusReason);
}

void Composer::send()
{
    const QString text = draft().trimmed();
    if (text.isEmpty() || text.size() > MaxChatContentLength || m_generating)
        return;
    // Cleared first: a receiver that cannot send puts the text back (setDraft), so nothing typed is lost.
    m_editor->clear();
    Q_EMIT sendRequested(text);
}

void Composer::sendOrStop()
{
    if (m_generating)
        Q_EMIT stopRequested();
    else
        send();
}

void Composer::updateState()
{
    const qsizetype length = draft().trimmed().size();
    const bool tooLong = length > MaxChatContentLength;
    m_send->setEnabled(m_generating || (length > 0 && !tooLong));
    m_optimize->setEnabled(length > 0 && !tooLong && !m_generating);
    const QLocale locale;
    m_counter->setVisible(length >= CounterFrom);
    m_counter->setText(tr("%1 / %2").arg(locale.toString(length), locale.toString(MaxChatContentLength)));
    m_counter->setToolTip(tooLong ? tr("Too long to send: shorten the message.") : QString());
    const QString role = tooLong ? u"error"_s : u"hint"_s;
    if (m_counter->property("role").toString() != role) {
        m_counter->setProperty("role", role);
        // Style sheets read properties when polishing.
        m_counter->style()->unpolish(m_counter);
        m_counter->style()->polish(m_counter);
    }
}

void Composer::updateIcons()
{
    const QColor onAccent = palette().color(QPalette::HighlightedText);
    if (m_generating) {
        m_send->setText(tr("Stop"));
        m_send->setIcon(Icons::icon(u"stop"_s, onAccent));
        m_send->setToolTip(tr("Stop generating (Esc)"));
        m_send->setAccessibleName(tr("Stop generating"));
    } else {
        m_send->setText(tr("Send"));
        m_send->setIcon(Icons::icon(u"send"_s, onAccent));
        m_send->setToolTip(tr("Send (Enter)"));
        m_send->setAccessibleName(tr("Send message"));
    }
    m_template->setIcon(Icons::icon(u"template"_s, m_template));
    m_optimize->setIcon(Icons::icon(u"optimize"_s, m_optimize));
}

void Composer::updateEditorHeight()
{
    // Grow with the text from MinLines up to MaxLines, then scroll.
    const QFontMetrics fm(m_editor->font());
    int lines = 0;
    for (QTextBlock block = m_editor->document()->begin(); block.isValid() && lines <= MaxLines;
         block = block.next())
        lines += std::max(1, block.layout() ? block.layout()->lineCount() : 1);
    lines = std::clamp(lines, MinLines, MaxLines);
    const QMargins margins = m_editor->contentsMargins();
    const int frame = 2 * m_editor->frameWidth();
    const int height = lines * fm.lineSpacing() + int(2 * m_editor->document()->documentMargin()) + frame +
                       margins.top() + margins.bottom();
    m_editor->setFixedHeight(height);
}

bool Composer::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_editor && event->type() == QEvent::KeyPress) {
        auto* key = static_cast<QKeyEvent*>(event);
        const bool enter = key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter;
        if (enter && !(key->modifiers() & Qt::ShiftModifier)) {
            // Ctrl/Alt+Enter send too; only Shift makes a new line.
            send();
            return true;
        }
        if (enter) {
            m_editor->insertPlainText(u"\n"_s);
            return true;
        }
        if (key->key() == Qt::Key_Escape && m_generating) {
            Q_EMIT stopRequested();
            return true;
        }
    }
    if (watched == m_editor && event->type() == QEvent::Resize)
        updateEditorHeight();
    return QWidget::eventFilter(watched, event);
}

void Composer::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange)
        updateIcons();
    if (event->type() == QEvent::FontChange)
        updateEditorHeight();
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
}

} // namespace pc
