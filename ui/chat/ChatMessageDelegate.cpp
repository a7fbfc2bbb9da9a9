#include "chat/ChatMessageDelegate.h"

#include "chat/ChatMessageModel.h"
#include "chat/MarkdownRenderer.h"
#include "theme/Theme.h"

#include <QAbstractItemView>
#include <QAbstractTextDocumentLayout>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>

#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace pc {

namespace {

constexpr int MarginX = 14;
constexpr int MarginY = 6;
constexpr int PadX = 12;
constexpr int PadY = 8;
constexpr int Radius = 10;
constexpr int MetaGap = 3;
constexpr int ReasoningIndent = 12;

QFont smallFont(const QFont& font)
{
    QFont small = font;
    if (font.pointSizeF() > 0)
        small.setPointSizeF(font.pointSizeF() * 0.86);
    else if (font.pixelSize() > 0)
        small.setPixelSize(std::max(8, int(font.pixelSize() * 0.86)));
    return small;
}

QString formatDuration(qint64 ms)
{
    if (ms < 1000)
        return ChatMessageDelegate::tr("%1 ms").arg(ms);
    return ChatMessageDelegate::tr("%1 s").arg(QLocale().toString(double(ms) / 1000.0, 'f', 1));
}

QString formatTime(const QDateTime& timestamp)
{
    if (!timestamp.isValid())
        return {};
    const QDateTime local = timestamp.toLocalTime();
    const QLocale locale;
    if (local.date() == QDate::currentDate())
        return locale.toString(local.time(), QLocale::ShortFormat);
    return locale.toString(local, QLocale::ShortFormat);
}

bool canRetry(MessageStatus status)
{
    return status == MessageStatus::Interrupted || status == MessageStatus::Offline ||
           status == MessageStatus::Error;
}

QString badgeText(MessageSender sender, MessageStatus status, const QString& errorText)
{
    const bool user = sender == MessageSender::User;
    switch (status) {
    case MessageStatus::Interrupted:
        return ChatMessageDelegate::tr("Interrupted");
    case MessageStatus::Offline:
        return ChatMessageDelegate::tr("Offline answer: no AI provider was reachable");
    case MessageStatus::Error:
        if (errorText.isEmpty())
            return user ? ChatMessageDelegate::tr("Not sent") : ChatMessageDelegate::tr("Failed");
        return user ? ChatMessageDelegate::tr("Not sent: %1").arg(errorText)
                    : ChatMessageDelegate::tr("Failed: %1").arg(errorText);
    case MessageStatus::Sending:
    case MessageStatus::Queued:
    case MessageStatus::Sent:
    case MessageStatus::Complete:
        break;
    }
    return {};
}

QColor badgeColour(const QPalette& palette, MessageStatus status)
{
    switch (status) {
    case MessageStatus::Interrupted:
        return Theme::warning(palette);
    case MessageStatus::Offline:
        return Theme::info(palette);
    case MessageStatus::Error:
        return Theme::danger(palette);
    default:
        return Theme::muted(palette);
    }
}

void drawDocument(QPainter* painter, QTextDocument* document, const QPoint& at, const QColor& text,
                  const QPalette& palette, const QRect& visible)
{
    painter->save();
    painter->translate(at);
    QAbstractTextDocumentLayout::PaintContext context;
    context.palette = palette;
    context.palette.setColor(QPalette::Text, text);
    const QRectF whole(QPointF(0, 0), document->size());
    // Only what is on screen: a long answer is laid out once but drawn a screenful at a time.
    context.clip = visible.isValid() ? whole.intersected(QRectF(visible.translated(-at))) : whole;
    if (!context.clip.isEmpty()) {
        painter->setClipRect(context.clip, Qt::IntersectClip);
        document->documentLayout()->draw(painter, context);
    }
    painter->restore();
}

void drawChevron(QPainter* painter, const QRectF& box, bool open, const QColor& colour)
{
    const qreal s = std::min(box.width(), box.height()) * 0.32;
    const QPointF c = box.center();
    QPainterPath path;
    if (open) {
        path.moveTo(c.x() - s, c.y() - s / 2);
        path.lineTo(c.x(), c.y() + s / 2);
        path.lineTo(c.x() + s, c.y() - s / 2);
    } else {
        path.moveTo(c.x() - s / 2, c.y() - s);
        path.lineTo(c.x() + s / 2, c.y());
        path.lineTo(c.x() - s / 2, c.y() + s);
    }
    painter->save();
    painter->setPen(QPen(colour, 1.6, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    painter->setBrush(Qt::NoBrush);
    painter->drawPath(path);
    painter->restore();
}

} // namespace

ChatMessageDelegate::ChatMessageDelegate(QObject* parent)
    : QStyledItemDelegate(parent)
{}

int ChatMessageDelegate::rowWidth(const QStyleOptionViewItem& option) const
{
    if (const auto* view = qobject_cast<const QAbstractItemView*>(option.widget))
        return std::max(view->viewport()->width(), 160);
    return option.rect.width() > 0 ? option.rect.width() : 640;
}

QString ChatMessageDelegate::metaText(const QModelIndex& index) const
{
    const auto sender = index.data(ChatMessageModel::SenderRole).value<MessageSender>();
    const auto status = index.data(ChatMessageModel::StatusRole).value<MessageStatus>();
    QStringList parts;
    if (const QString time = formatTime(index.data(ChatMessageModel::TimestampRole).toDateTime());
        !time.isEmpty())
        parts.append(time);
    if (sender == MessageSender::User) {
        if (status == MessageStatus::Sending)
            parts.append(tr("Sending…"));
        else if (status == MessageStatus::Queued)
            parts.append(tr("Queued: will send when connected"));
        return parts.join(u"  ·  "_s);
    }
    if (status == MessageStatus::Sending) {
        parts.append(tr("Generating…"));
    } else if (const qint64 ms = index.data(ChatMessageModel::ProcessingTimeRole).toLongLong(); ms > 0) {
        parts.append(formatDuration(ms));
    }
    const QString provider = index.data(ChatMessageModel::ProviderRole).toString();
    const QString model = index.data(ChatMessageModel::ModelRole).toString();
    if (!provider.isEmpty() && !model.isEmpty())
        parts.append(tr("%1 / %2").arg(provider, model));
    else if (!provider.isEmpty() || !model.isEmpty())
        parts.append(provider.isEmpty() ? model : provider);
    if (const QString usage = index.data(ChatMessageModel::UsageTextRole).toString(); !usage.isEmpty())
        parts.append(usage);
    return parts.join(u"  ·  "_s);
}

void ChatMessageDelegate::build(MessageLayout& layout, const QStyleOptionViewItem& option,
                                const QModelIndex& index, int width, bool reuseDocuments) const
{
    const auto sender = index.data(ChatMessageModel::SenderRole).value<MessageSender>();
    const auto status = index.data(ChatMessageModel::StatusRole).value<MessageStatus>();
    const bool isUser = sender == MessageSender::User;
    const QString reasoning = index.data(ChatMessageModel::ReasoningRole).toString();
    const bool expanded =
        !reasoning.isEmpty() && index.data(ChatMessageModel::ReasoningExpandedRole).toBool();
    const QPalette& palette = option.palette;
    const QFont font = option.font;
    const QFont small = smallFont(font);
    const QFontMetrics fm(font);
    const QFontMetrics smallFm(small);

    const int available = std::max(width - 2 * MarginX, 80);
    const int maxBubble = std::min(available, std::max(int(available * (isUser ? 0.78 : 0.92)), 120));
    const int maxText = std::max(maxBubble - 2 * PadX, 40);
    const QColor surface = isUser ? Theme::userBubble(palette) : Theme::assistantBubble(palette);

    if (!reuseDocuments || !layout.content) {
        MarkdownRenderer::Style style = MarkdownRenderer::Style::fromPalette(palette, font, surface);
        layout.content = std::make_unique<InertTextDocument>();
        layout.content->setDocumentMargin(0);
        const QString content = index.data(ChatMessageModel::ContentRole).toString();
        if (isUser)
            MarkdownRenderer::renderPlain(*layout.content, content, style);
        else if (content.isEmpty() && status == MessageStatus::Sending)
            MarkdownRenderer::renderPlain(*layout.content, u"…"_s, style);
        else
            MarkdownRenderer::render(*layout.content, content, style);
    }
    if (expanded && (!reuseDocuments || !layout.reasoning)) {
        QFont italic = font;
        italic.setItalic(true);
        const MarkdownRenderer::Style style = MarkdownRenderer::Style::fromPalette(palette, italic, surface);
        layout.reasoning = std::make_unique<InertTextDocument>();
        layout.reasoning->setDocumentMargin(0);
        MarkdownRenderer::renderPlain(*layout.reasoning, reasoning, style);
    } else if (!expanded) {
        layout.reasoning.reset();
    }

    // Shrink-wrap: a short message gets a small bubble.
    layout.content->setTextWidth(maxText);
    const int textWidth = std::clamp(int(std::ceil(layout.content->idealWidth())) + 1, 1, maxText);
    layout.content->setTextWidth(textWidth);
    int inner = textWidth;

    int y = PadY;
    layout.reasoningToggle = QRect();
    if (!reasoning.isEmpty()) {
        const QString label = expanded ? tr("Hide reasoning") : tr("Show reasoning");
        layout.reasoningToggle = QRect(PadX, y, fm.height() + fm.horizontalAdvance(label) + 4, fm.height());
        inner = std::max(inner, layout.reasoningToggle.width());
        y += fm.height() + 6;
        if (layout.reasoning) {
            layout.reasoning->setTextWidth(maxText - ReasoningIndent);
            const int reasoningWidth =
                std::clamp(int(std::ceil(layout.reasoning->idealWidth())) + 1, 1, maxText - ReasoningIndent);
            layout.reasoning->setTextWidth(reasoningWidth);
            layout.reasoningPos = QPoint(PadX + ReasoningIndent, y);
            inner = std::max(inner, reasoningWidth + ReasoningIndent);
            y += int(std::ceil(layout.reasoning->size().height())) + 10;
        }
    }
    layout.contentPos = QPoint(PadX, y);
    y += int(std::ceil(layout.content->size().height()));

    layout.badge = QRect();
    layout.retry = QRect();
    layout.badgeText = badgeText(sender, status, index.data(ChatMessageModel::ErrorTextRole).toString());
    if (!layout.badgeText.isEmpty()) {
        y += 8;
        const int h = smallFm.height() + 6;
        const int retryWidth = canRetry(status) ? smallFm.horizontalAdvance(tr("Retry")) + h + 12 : 0;
        const int maxBadge = std::max(maxText - retryWidth - 8, 60);
        layout.badgeText = smallFm.elidedText(layout.badgeText, Qt::ElideRight, maxBadge - 16);
        layout.badge = QRect(PadX, y, smallFm.horizontalAdvance(layout.badgeText) + 16, h);
        if (retryWidth > 0)
            layout.retry = QRect(layout.badge.right() + 9, y, retryWidth, h);
        inner = std::max(inner,
                         (layout.retry.isValid() ? layout.retry.right() : layout.badge.right()) + 1 - PadX);
        y += h;
    }
    y += PadY;

    const int bubbleWidth = std::min(inner, maxText) + 2 * PadX;
    const int bubbleX = isUser ? MarginX + available - bubbleWidth : MarginX;
    layout.bubble = QRect(bubbleX, MarginY, bubbleWidth, y);
    const QPoint offset = layout.bubble.topLeft();
    layout.contentPos += offset;
    layout.reasoningPos += offset;
    layout.reasoningToggle.translate(offset);
    layout.badge.translate(offset);
    layout.retry.translate(offset);

    layout.metaText = smallFm.elidedText(metaText(index), Qt::ElideRight, available);
    const int metaWidth = smallFm.horizontalAdvance(layout.metaText);
    const int metaX = isUser ? layout.bubble.right() + 1 - metaWidth - 4 : layout.bubble.left() + 4;
    layout.meta =
        QRect(std::max(metaX, MarginX), layout.bubble.bottom() + 1 + MetaGap, metaWidth, smallFm.height());
    layout.size = QSize(width, layout.meta.bottom() + 1 + MarginY);
}

MessageLayout* ChatMessageDelegate::layoutFor(const QStyleOptionViewItem& option, const QModelIndex& index,
                                              int width) const
{
    QString id = index.data(ChatMessageModel::IdRole).toString();
    if (id.isEmpty())
        id = u"#row:"_s + QString::number(index.row());
    const int revision = index.data(ChatMessageModel::RevisionRole).toInt();
    if (MessageLayout* cached = m_layouts.find(id, revision, width))
        return cached;
    std::unique_ptr<MessageLayout> layout = m_layouts.take(id, revision);
    const bool reuse = layout != nullptr;
    if (!layout)
        layout = std::make_unique<MessageLayout>();
    build(*layout, option, index, width, reuse);
    ++m_builds;
    layout->revision = revision;
    layout->width = width;
    m_sizes.insert(id, SizeEntry{revision, width, layout->size});
    return m_layouts.insert(id, std::move(layout));
}

QSize ChatMessageDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    const int width = rowWidth(option);
    const QString id = index.data(ChatMessageModel::IdRole).toString();
    const int revision = index.data(ChatMessageModel::RevisionRole).toInt();
    if (const auto found = m_sizes.constFind(id);
        !id.isEmpty() && found != m_sizes.constEnd() && found->revision == revision && found->width == width)
        return found->size;
    return layoutFor(option, index, width)->size;
}

void ChatMessageDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                                const QModelIndex& index) const
{
    const MessageLayout* l = layoutFor(option, index, rowWidth(option));
    const bool isUser =
        index.data(ChatMessageModel::SenderRole).value<MessageSender>() == MessageSender::User;
    const auto status = index.data(ChatMessageModel::StatusRole).value<MessageStatus>();
    const QPalette& palette = option.palette;
    const QColor surface = isUser ? Theme::userBubble(palette) : Theme::assistantBubble(palette);
    const QColor text = isUser ? Theme::onUserBubble(palette) : palette.color(QPalette::Text);
    const QFont small = smallFont(option.font);
    QRect visible;
    if (const auto* view = qobject_cast<const QAbstractItemView*>(option.widget))
        visible = view->viewport()->rect().translated(-option.rect.topLeft());

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->translate(option.rect.topLeft());

    painter->setPen(Qt::NoPen);
    painter->setBrush(surface);
    painter->drawRoundedRect(QRectF(l->bubble), Radius, Radius);
    if ((option.state & QStyle::State_HasFocus) && option.widget && option.widget->hasFocus()) {
        painter->setPen(QPen(Theme::accent(palette), 1.5, Qt::DashLine));
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(QRectF(l->bubble).adjusted(-2.5, -2.5, 2.5, 2.5), Radius + 2, Radius + 2);
    }

    if (!l->reasoningToggle.isEmpty()) {
        const bool open = l->reasoning != nullptr;
        const QColor link = isUser ? text : palette.color(QPalette::Link);
        const int h = l->reasoningToggle.height();
        drawChevron(painter, QRectF(l->reasoningToggle.left(), l->reasoningToggle.top(), h, h), open, link);
        painter->setPen(link);
        painter->setFont(option.font);
        painter->drawText(l->reasoningToggle.adjusted(h + 2, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter,
                          open ? tr("Hide reasoning") : tr("Show reasoning"));
    }
    if (l->reasoning) {
        const QColor muted = isUser ? text : Theme::muted(palette);
        const int h = int(std::ceil(l->reasoning->size().height()));
        painter->setPen(Qt::NoPen);
        painter->setBrush(muted);
        painter->drawRoundedRect(QRectF(l->reasoningPos.x() - ReasoningIndent + 2, l->reasoningPos.y(), 3, h),
                                 1.5, 1.5);
        drawDocument(painter, l->reasoning.get(), l->reasoningPos, muted, palette, visible);
    }
    drawDocument(painter, l->content.get(), l->contentPos, text, palette, visible);

    painter->setFont(small);
    if (!l->badge.isEmpty()) {
        const QColor colour = isUser ? text : badgeColour(palette, status);
        QColor fill = isUser ? text : Theme::tint(palette, colour);
        if (isUser)
            fill.setAlphaF(0.2f);
        painter->setPen(Qt::NoPen);
        painter->setBrush(fill);
        const qreal r = l->badge.height() / 2.0;
        painter->drawRoundedRect(QRectF(l->badge), r, r);
        painter->setPen(colour);
        painter->drawText(l->badge, Qt::AlignCenter, l->badgeText);
    }
    if (!l->retry.isEmpty()) {
        const QColor colour = isUser ? text : palette.color(QPalette::Link);
        const qreal r = l->retry.height() / 2.0;
        painter->setPen(QPen(colour, 1));
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(QRectF(l->retry).adjusted(0.5, 0.5, -0.5, -0.5), r, r);
        // A circular arrow, drawn so that it takes the text colour.
        const int h = l->retry.height();
        const QRectF arc = QRectF(l->retry.left() + 6, l->retry.top(), h, h).adjusted(4, 4, -4, -4);
        painter->setPen(QPen(colour, 1.4, Qt::SolidLine, Qt::RoundCap));
        painter->drawArc(arc, 90 * 16, 270 * 16);
        const QPointF tip(arc.center().x(), arc.top());
        painter->drawLine(tip, tip + QPointF(-2.5, -2.0));
        painter->drawLine(tip, tip + QPointF(-2.5, 2.0));
        painter->drawText(l->retry.adjusted(h + 4, 0, -6, 0), Qt::AlignLeft | Qt::AlignVCenter, tr("Retry"));
    }

    painter->setPen(Theme::muted(palette));
    painter->drawText(l->meta, Qt::AlignLeft | Qt::AlignVCenter, l->metaText);
    painter->restore();
}

ChatMessageDelegate::Hit ChatMessageDelegate::hitTest(const QStyleOptionViewItem& option,
                                                      const QModelIndex& index, const QPoint& pos,
                                                      QUrl* url) const
{
    if (!index.isValid())
        return Hit::None;
    const MessageLayout* l = layoutFor(option, index, rowWidth(option));
    const QPoint p = pos - option.rect.topLeft();
    if (l->retry.contains(p))
        return Hit::Retry;
    if (l->reasoningToggle.contains(p))
        return Hit::ReasoningToggle;
    const QPointF inContent = QPointF(p - l->contentPos);
    const QSizeF contentSize = l->content->size();
    if (inContent.x() >= 0 && inContent.y() >= 0 && inContent.x() < contentSize.width() &&
        inContent.y() < contentSize.height()) {
        const QString href = l->content->documentLayout()->anchorAt(inContent);
        const QUrl target(href, QUrl::StrictMode);
        if (!href.isEmpty() && MarkdownRenderer::isSafeLink(target)) {
            if (url)
                *url = target;
            return Hit::Link;
        }
    }
    return Hit::None;
}

bool ChatMessageDelegate::editorEvent(QEvent* event, QAbstractItemModel* model,
                                      const QStyleOptionViewItem& option, const QModelIndex& index)
{
    if (event->type() != QEvent::MouseButtonPress && event->type() != QEvent::MouseButtonRelease)
        return QStyledItemDelegate::editorEvent(event, model, option, index);
    const auto* mouse = static_cast<QMouseEvent*>(event);
    if (mouse->button() != Qt::LeftButton)
        return false;
    QUrl url;
    const Hit hit = hitTest(option, index, mouse->position().toPoint(), &url);
    if (hit == Hit::None)
        return false;
    if (event->type() == QEvent::MouseButtonPress)
        return true; // act on release, like a button
    switch (hit) {
    case Hit::Retry:
        Q_EMIT retryRequested(index.data(ChatMessageModel::IdRole).toString());
        break;
    case Hit::ReasoningToggle:
        model->setData(index, !index.data(ChatMessageModel::ReasoningExpandedRole).toBool(),
                       ChatMessageModel::ReasoningExpandedRole);
        break;
    case Hit::Link:
        Q_EMIT linkActivated(url);
        break;
    case Hit::None:
        break;
    }
    return true;
}

void ChatMessageDelegate::clearCache()
{
    m_layouts.clear();
    m_sizes.clear();
}

} // namespace pc
