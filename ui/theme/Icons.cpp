#include "theme/Icons.h"

#include "theme/TintedIconEngine.h"

#include <QFile>
#include <QHash>
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

    const QIcon tinted(new TintedIconEngine(iconPath(name), colour));
    cache.insert(key, tinted);
    return tinted;
}

QIcon Icons::icon(const QString& name, const QWidget* widget)
{
    return icon(name, widget ? widget->palette().color(QPalette::ButtonText) : QColor(Qt::black));
}

} // namespace pc
