#include "chat/ThinkingIndicator.h"

#include "theme/Theme.h"

#include <QEvent>
#include <QPainter>

namespace pc {

namespace {
constexpr int DotCount = 3;
constexpr int Frames = 6;
} // namespace

ThinkingIndicator::ThinkingIndicator(QWidget* parent)
    : QWidget(parent)
    , m_text(defaultText())
{
    setAccessibleName(m_text);
    setAttribute(Qt::WA_TransparentForMouseEvents);
    m_timer.setInterval(180);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        m_phase = (m_phase + 1) % Frames;
        update();
    });
}

QString ThinkingIndicator::defaultText()
{
    return tr("PromptCraft is thinking…");
}

void ThinkingIndicator::setText(const QString& text)
{
    m_customText = true;
    m_text = text;
    setAccessibleName(text);
    updateGeometry();
    update();
}

QSize ThinkingIndicator::sizeHint() const
{
    const QFontMetrics fm(font());
    return {fm.horizontalAdvance(m_text) + fm.height() * 3 + 28, fm.height() + 12};
}

void ThinkingIndicator::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QFontMetrics fm(font());
    const qreal dot = std::max(4.0, fm.height() / 3.5);
    const qreal y = height() / 2.0;
    qreal x = 16;
    const QColor accent = Theme::accent(palette());
    for (int i = 0; i < DotCount; ++i) {
        QColor c = accent;
        // The lit dot walks left to right; the others fade.
        c.setAlphaF(i == m_phase % DotCount ? 1.0f : (m_phase / DotCount == 0 ? 0.35f : 0.55f));
        painter.setPen(Qt::NoPen);
        painter.setBrush(c);
        painter.drawEllipse(QPointF(x + dot / 2, y), dot / 2, dot / 2);
        x += dot * 1.8;
    }
    painter.setPen(Theme::muted(palette()));
    painter.drawText(QRectF(x + 6, 0, width() - x - 6, height()), Qt::AlignLeft | Qt::AlignVCenter, m_text);
}

void ThinkingIndicator::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    m_timer.start();
}

void ThinkingIndicator::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    // A caller's own text is the caller's to translate.
    if (event->type() == QEvent::LanguageChange && !m_customText) {
        m_text = defaultText();
        setAccessibleName(m_text);
        updateGeometry();
        update();
    }
}

void ThinkingIndicator::hideEvent(QHideEvent* event)
{
    QWidget::hideEvent(event);
    m_timer.stop();
}

} // namespace pc
