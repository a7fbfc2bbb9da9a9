#include "theme/Theme.h"

#include "UiLogging.h"

#include <QApplication>
#include <QStyle>
#include <QStyleFactory>

#include <optional>

using namespace Qt::Literals::StringLiterals;

namespace pc {

namespace {

struct PlatformLook {
    QPalette palette;
    QString styleName; // empty when it cannot be told (an application style sheet hides it)
    bool fusionSetHere = false;
};

// The platform's palette and style before the first apply(), so that "System" can go back to them.
std::optional<PlatformLook>& platformLook()
{
    static std::optional<PlatformLook> look;
    return look;
}

bool& darkActive()
{
    static bool dark = false;
    return dark;
}

QColor mix(const QColor& a, const QColor& b, qreal t)
{
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * t),
                            float(a.greenF() + (b.greenF() - a.greenF()) * t),
                            float(a.blueF() + (b.blueF() - a.blueF()) * t));
}

} // namespace

void Theme::apply(Settings::Theme mode)
{
    auto* app = qobject_cast<QApplication*>(QCoreApplication::instance());
    if (!app)
        return;
    if (!platformLook())
        platformLook() = PlatformLook{QApplication::palette(), QApplication::style()->name(), false};

    QPalette palette;
    switch (mode) {
    case Settings::Theme::Light:
        palette = lightPalette();
        break;
    case Settings::Theme::Dark:
        palette = darkPalette();
        break;
    case Settings::Theme::System:
        palette = platformLook()->palette;
        break;
    }
    // QApplication::style() is a style sheet proxy once a sheet is set, so what was set is remembered.
    PlatformLook& look = *platformLook();
    const bool platformIsFusion = look.styleName.compare(u"fusion"_s, Qt::CaseInsensitive) == 0;
    if (mode == Settings::Theme::System) {
        if (look.fusionSetHere && !look.styleName.isEmpty()) {
            QApplication::setStyle(look.styleName);
            look.fusionSetHere = false;
        }
    } else if (!platformIsFusion && !look.fusionSetHere) {
        // Native styles (Windows, macOS) ignore much of a custom palette; Fusion paints with it.
        QApplication::setStyle(QStyleFactory::create(u"Fusion"_s));
        look.fusionSetHere = true;
    }
    darkActive() = isDark(palette);
    QApplication::setPalette(palette);
    app->setStyleSheet(styleSheet(palette));
    qCDebug(lcUi) << "theme applied, dark:" << darkActive();
}

bool Theme::isDarkActive()
{
    return darkActive();
}

bool Theme::isDark(const QPalette& palette)
{
    return palette.color(QPalette::Window).lightnessF() < 0.5;
}

QPalette Theme::lightPalette()
{
    QPalette p;
    const QColor window(0xf6, 0xf7, 0xf9);
    const QColor text(0x1f, 0x23, 0x28);
    const QColor accent(0x25, 0x63, 0xeb);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, Qt::white);
    p.setColor(QPalette::AlternateBase, QColor(0xf0, 0xf2, 0xf5));
    p.setColor(QPalette::ToolTipBase, QColor(0x1f, 0x23, 0x28));
    p.setColor(QPalette::ToolTipText, Qt::white);
    p.setColor(QPalette::PlaceholderText, QColor(0x6b, 0x72, 0x80));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0xee, 0xf0, 0xf3));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::white);
    p.setColor(QPalette::Light, Qt::white);
    p.setColor(QPalette::Midlight, QColor(0xe5, 0xe7, 0xeb));
    p.setColor(QPalette::Mid, QColor(0xc4, 0xc8, 0xcf));
    p.setColor(QPalette::Dark, QColor(0x9c, 0xa3, 0xaf));
    p.setColor(QPalette::Shadow, QColor(0x4b, 0x55, 0x63));
    p.setColor(QPalette::Highlight, accent);
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x1d, 0x4e, 0xd8));
    p.setColor(QPalette::LinkVisited, QColor(0x6d, 0x28, 0xd9));
    const QColor disabledText(0x9c, 0xa3, 0xaf);
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, disabledText);
    p.setColor(QPalette::Disabled, QPalette::Highlight, QColor(0x93, 0xa8, 0xd8));
    p.setColor(QPalette::Disabled, QPalette::Base, window);
    return p;
}

QPalette Theme::darkPalette()
{
    QPalette p;
    const QColor window(0x1e, 0x20, 0x24);
    const QColor base(0x17, 0x19, 0x1c);
    const QColor text(0xe6, 0xe8, 0xeb);
    // The light theme's blue: white text on it stays above 4.5:1 (a lighter blue reads better on the dark
    // window but fails that for the Send button and the user's bubbles).
    const QColor accent(0x25, 0x63, 0xeb);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x25, 0x28, 0x2d));
    p.setColor(QPalette::ToolTipBase, QColor(0x2d, 0x31, 0x37));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x8b, 0x93, 0x9e));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x2b, 0x2f, 0x35));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::white);
    p.setColor(QPalette::Light, QColor(0x3a, 0x3f, 0x46));
    p.setColor(QPalette::Midlight, QColor(0x33, 0x37, 0x3d));
    p.setColor(QPalette::Mid, QColor(0x45, 0x4b, 0x54));
    p.setColor(QPalette::Dark, QColor(0x10, 0x11, 0x13));
    p.setColor(QPalette::Shadow, Qt::black);
    p.setColor(QPalette::Highlight, accent);
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x7c, 0xb4, 0xff));
    p.setColor(QPalette::LinkVisited, QColor(0xc4, 0xa7, 0xff));
    const QColor disabledText(0x6b, 0x72, 0x7d);
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, disabledText);
    p.setColor(QPalette::Disabled, QPalette::Highlight, QColor(0x34, 0x4a, 0x6e));
    p.setColor(QPalette::Disabled, QPalette::Base, window);
    return p;
}

QString Theme::styleSheet(const QPalette& palette)
{
    const QColor accentColour = accent(palette);
    const bool dark = isDark(palette);
    const QColor hover = dark ? accentColour.lighter(115) : accentColour.darker(110);
    const QColor disabled = mix(accentColour, palette.color(QPalette::Window), 0.55);
    const QColor border = palette.color(QPalette::Mid);
    const QString sheet = uR"(
QPushButton[accent="true"] {
    background-color: %1; color: %2; border: 1px solid %1; border-radius: 5px; padding: 5px 14px;
}
QPushButton[accent="true"]:hover { background-color: %3; border-color: %3; }
QPushButton[accent="true"]:disabled { background-color: %4; border-color: %4; color: %2; }
QLabel[role="hint"] { color: %5; }
QLabel[role="caption"] { color: %5; }
QLabel[role="error"] { color: %6; }
QFrame[role="card"] { border: 1px solid %7; border-radius: 6px; background-color: %8; }
)"_s.arg(accentColour.name(), onAccent(palette).name(), hover.name(), disabled.name(), muted(palette).name(),
         danger(palette).name(), border.name(), palette.color(QPalette::Base).name());
    if (!dark)
        return sheet;
    // Fusion draws input frames a shade darker than the window: invisible on a dark one.
    return sheet + uR"(
QLineEdit { border: 1px solid %1; border-radius: 3px; padding: 2px 3px; background-color: %2; }
QLineEdit:focus { border-color: %3; }
QPlainTextEdit, QTextEdit, QListWidget, QTableWidget, QTreeWidget { border: 1px solid %1; border-radius: 3px; }
QPlainTextEdit:focus, QTextEdit:focus, QListWidget:focus, QTableWidget:focus { border-color: %3; }
)"_s.arg(border.name(), palette.color(QPalette::Base).name(), accentColour.name());
}

QColor Theme::accent(const QPalette& palette)
{
    return palette.color(QPalette::Active, QPalette::Highlight);
}

QColor Theme::onAccent(const QPalette& palette)
{
    return palette.color(QPalette::Active, QPalette::HighlightedText);
}

QColor Theme::success(const QPalette& palette)
{
    return isDark(palette) ? QColor(0x4a, 0xde, 0x80) : QColor(0x15, 0x80, 0x3d);
}

QColor Theme::warning(const QPalette& palette)
{
    return isDark(palette) ? QColor(0xfb, 0xbf, 0x24) : QColor(0xb4, 0x53, 0x09);
}

QColor Theme::danger(const QPalette& palette)
{
    return isDark(palette) ? QColor(0xf8, 0x71, 0x71) : QColor(0xc5, 0x22, 0x1f);
}

QColor Theme::info(const QPalette& palette)
{
    return isDark(palette) ? QColor(0x60, 0xa5, 0xfa) : QColor(0x1d, 0x4e, 0xd8);
}

QColor Theme::muted(const QPalette& palette)
{
    return mix(palette.color(QPalette::WindowText), palette.color(QPalette::Window), 0.42);
}

QColor Theme::userBubble(const QPalette& palette)
{
    return accent(palette);
}

QColor Theme::onUserBubble(const QPalette& palette)
{
    return onAccent(palette);
}

QColor Theme::assistantBubble(const QPalette& palette)
{
    const QColor base = palette.color(QPalette::Base);
    return isDark(palette) ? mix(base, Qt::white, 0.07) : mix(base, QColor(0x64, 0x74, 0x8b), 0.08);
}

QColor Theme::tint(const QPalette& palette, const QColor& colour)
{
    return mix(palette.color(QPalette::Base), colour, isDark(palette) ? 0.22 : 0.14);
}

} // namespace pc
