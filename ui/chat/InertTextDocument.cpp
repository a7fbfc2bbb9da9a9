#include "chat/InertTextDocument.h"

#include "UiLogging.h"

#include <QPainter>
#include <QPainterPath>

namespace pc {

InertTextDocument::InertTextDocument(QObject* parent)
    : QTextDocument(parent)
{}

QImage InertTextDocument::placeholderImage()
{
    static const QImage image = [] {
        QImage img(44, 32, QImage::Format_ARGB32_Premultiplied);
        img.fill(Qt::transparent);
        QPainter p(&img);
        p.setRenderHint(QPainter::Antialiasing);
        const QColor grey(128, 128, 128);
        p.setPen(QPen(grey, 1.5));
        p.setBrush(QColor(128, 128, 128, 40));
        p.drawRoundedRect(QRectF(1, 1, 42, 30), 4, 4);
        // A mountain and a sun: "a picture was here".
        QPainterPath mountain;
        mountain.moveTo(7, 25);
        mountain.lineTo(17, 13);
        mountain.lineTo(24, 20);
        mountain.lineTo(29, 16);
        mountain.lineTo(37, 25);
        p.drawPath(mountain);
        p.drawEllipse(QPointF(31, 9), 3, 3);
        // Struck through: it was not loaded.
        p.setPen(QPen(grey, 1.5));
        p.drawLine(QPointF(5, 28), QPointF(39, 4));
        return img;
    }();
    return image;
}

QVariant InertTextDocument::loadResource(int type, const QUrl& name)
{
    ++m_refused;
    qCDebug(lcUi) << "refused resource of type" << type << "scheme" << name.scheme();
    // Always a valid value: an invalid one would make QTextDocument fall back to the default resource
    // provider and the image handler to load the file itself.
    if (type == QTextDocument::ImageResource) {
        // Cached under the name, so repaints do not ask again.
        addResource(type, name, placeholderImage());
        return placeholderImage();
    }
    return QByteArray();
}

} // namespace pc
