#pragma once

#include <QColor>
#include <QIcon>
#include <QString>

class QWidget;

namespace pc {

// The line icons of resources/icons/ui (":/icons/ui/<name>.svg"), tinted to a colour so that they
// read on light and dark palettes alike. Names: send, stop, new-chat, search, settings, template,
// optimize, copy, retry, pin, archive, delete.
class Icons final {
public:
    [[nodiscard]] static QIcon icon(const QString& name, const QColor& colour);
    // Tinted with the widget's button text colour.
    [[nodiscard]] static QIcon icon(const QString& name, const QWidget* widget);
    [[nodiscard]] static bool exists(const QString& name);
};

} // namespace pc
