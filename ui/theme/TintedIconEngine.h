#pragma once

#include <QColor>
#include <QHash>
#include <QIcon>
#include <QIconEngine>
#include <QPixmap>
#include <QString>

namespace pc {

// An SVG drawn in one colour at whatever size and device pixel ratio it is asked for (1.25x, 1.5x,
// 3x screens get sharp pixels, not a scaled 1x or 2x bitmap). Disabled icons are drawn faded.
class TintedIconEngine final : public QIconEngine {
public:
    TintedIconEngine(QString svgPath, QColor colour);

    void paint(QPainter* painter, const QRect& rect, QIcon::Mode mode, QIcon::State state) override;
    QPixmap pixmap(const QSize& size, QIcon::Mode mode, QIcon::State state) override;
    // `pixels`: the size in device pixels (as QIcon asks); `scale`: the device pixel ratio.
    QPixmap scaledPixmap(const QSize& pixels, QIcon::Mode mode, QIcon::State state, qreal scale) override;
    [[nodiscard]] QSize actualSize(const QSize& size, QIcon::Mode mode, QIcon::State state) override;
    [[nodiscard]] QIconEngine* clone() const override;
    [[nodiscard]] QString key() const override;
    [[nodiscard]] bool isNull() override;

private:
    QString m_path;
    QColor m_colour;
    QIcon m_source;
    QHash<QString, QPixmap> m_cache; // "<width>x<height>@<scale>/<mode>"
};

} // namespace pc
