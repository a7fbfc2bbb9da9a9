#include "theme/Icons.h"

#include <QFile>
#include <QHash>
#include <QPainter>
#include <QWidget>

using namespace Qt::Literals::StringLiterals;

namespace pc {

namespace {

QString iconPath(const QString& name)
{
    return u":/icons/ui/"_s + name + u".svg"_s;
}

} // namespace

bool Icons::exists(const QString& name)
{
    return QFile::exists(iconPath(name));
}

QIcon Icons::icon(const QString& name, const QColor& colour)
{
    static QHash<QString, QIcon> cache;
    const QString key = name + u'|' + colour.name(QColor::HexArgb);
    if (const auto found = cache.constFind(key); found != cache.constEnd())
        return *found;

    const QIcon source(iconPath(name));
    QIcon tinted;
    for (const int size : {16, 20, 24, 32, 48}) {
        for (const qreal ratio : {1.0, 2.0}) {
            const int pixels = int(size * ratio);
            QPixmap pixmap = source.pixmap(QSize(pixels, pixels));
            if (pixmap.isNull())
                continue;
            QPainter painter(&pixmap);
            painter.setCompositionMode(QPainter::CompositionMode_SourceIn);
            painter.fillRect(pixmap.rect(), colour);
            painter.end();
            pixmap.setDevicePixelRatio(ratio);
            tinted.addPixmap(pixmap);
        }
    }
    cache.insert(key, tinted);
    return tinted;
}

QIcon Icons::icon(const QString& name, const QWidget* widget)
{
    return icon(name, widget ? widget->palette().color(QPalette::ButtonText) : QColor(Qt::black));
}

} // namespace pc
