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
        QImage img(30, 20, QImage::Format_ARGB32_Premultiplied);
        img.fill(Qt::transparent);
        QPainter p(&img);
        p.setRenderHint(QPainter::Antialiasing);
        const QColor grey(128, 128, 128);
        p.setPen(QPen(grey, 1.5));
        p.setBrush(QColor(128, 128, 128, 40));
        p.drawRoundedRect(QRectF(1, 1, 28, 18), 3, 3);
        // A mountain and a sun: "a picture was here".
        QPainterPath mountain;
        mountain.moveTo(5, 16);
        mountain.lineTo(11, 9);
        mountain.lineTo(16, 13);
        mountain.lineTo(19, 11);
        mountain.lineTo(25, 16);
        p.drawPath(mountain);
        p.drawEllipse(QPointF(21, 6), 2, 2);
        // Struck through: it was not loaded.
        p.drawLine(QPointF(4, 18), QPointF(26, 2));
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
