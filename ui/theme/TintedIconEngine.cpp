#include "theme/TintedIconEngine.h"

#include <QPainter>

#include <cmath>
#include <utility>

using namespace Qt::Literals::StringLiterals;

namespace pc {

namespace {

constexpr qreal DisabledOpacity = 0.4;
constexpr qsizetype MaxCachedPixmaps = 32;

} // namespace

TintedIconEngine::TintedIconEngine(QString svgPath, QColor colour)
    : m_path(std::move(svgPath))
    , m_colour(colour)
    , m_source(m_path)
{}

void TintedIconEngine::paint(QPainter* painter, const QRect& rect, QIcon::Mode mode, QIcon::State state)
{
    const qreal scale = painter->device() ? painter->device()->devicePixelRatioF() : 1.0;
    const QSize pixels(int(std::ceil(rect.width() * scale)), int(std::ceil(rect.height() * scale)));
    painter->drawPixmap(rect, scaledPixmap(pixels, mode, state, scale));
}

QPixmap TintedIconEngine::pixmap(const QSize& size, QIcon::Mode mode, QIcon::State state)
{
    return scaledPixmap(size, mode, state, 1.0);
}

// QIcon::pixmap(size, ratio) asks with the size already in device pixels (size * ratio).
QPixmap TintedIconEngine::scaledPixmap(const QSize& pixels, QIcon::Mode mode, QIcon::State, qreal scale)
{
    if (pixels.isEmpty())
        return {};
    const QString key = u"%1x%2@%3/%4"_s.arg(pixels.width()).arg(pixels.height()).arg(scale).arg(int(mode));
    if (const auto found = m_cache.constFind(key); found != m_cache.constEnd())
        return *found;

    // The SVG rendered at the device's own pixel size, then filled with the colour where it is drawn.
    QPixmap pixmap = m_source.pixmap(pixels);
    if (pixmap.isNull())
        return {};
    if (pixmap.size() != pixels)
        pixmap = pixmap.scaled(pixels, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    QPainter painter(&pixmap);
    painter.setCompositionMode(QPainter::CompositionMode_SourceIn);
    QColor colour = m_colour;
    if (mode == QIcon::Disabled)
        colour.setAlphaF(colour.alphaF() * DisabledOpacity);
    painter.fillRect(pixmap.rect(), colour);
    painter.end();
    pixmap.setDevicePixelRatio(scale);
    if (m_cache.size() >= MaxCachedPixmaps)
        m_cache.clear();
    m_cache.insert(key, pixmap);
    return pixmap;
}

QSize TintedIconEngine::actualSize(const QSize& size, QIcon::Mode, QIcon::State)
{
    return size;
}

QIconEngine* TintedIconEngine::clone() const
{
    return new TintedIconEngine(m_path, m_colour);
}

QString TintedIconEngine::key() const
{
    return u"pc-tinted"_s;
}

bool TintedIconEngine::isNull()
{
    return m_source.isNull();
}

} // namespace pc
