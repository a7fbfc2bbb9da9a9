#pragma once

#include "settings/Settings.h"

#include <QColor>
#include <QPalette>
#include <QString>

namespace pc {

// Light and dark palettes, a small style sheet, and the semantic colours widgets paint with.
//
// Qt 6.4 has no QStyleHints::colorScheme(), so "System" keeps the platform's palette and tells dark
// from light by the lightness of its window colour.
//
// Style sheet hooks for widgets: QPushButton[accent="true"] (the primary action), QLabel[role="hint"],
// QLabel[role="error"], QLabel[role="caption"], QFrame[role="card"].
class Theme final {
public:
    // Palette, style sheet and (for Light and Dark) the Fusion style, on the whole application.
    static void apply(Settings::Theme mode);
    // What apply() chose last; for System, what the platform palette looks like.
    [[nodiscard]] static bool isDarkActive();

    [[nodiscard]] static bool isDark(const QPalette& palette);
    [[nodiscard]] static QPalette lightPalette();
    [[nodiscard]] static QPalette darkPalette();
    [[nodiscard]] static QString styleSheet(const QPalette& palette);

    // Semantic colours for a palette (each readable on the palette's window and base colours).
    [[nodiscard]] static QColor accent(const QPalette& palette);
    [[nodiscard]] static QColor onAccent(const QPalette& palette);
    [[nodiscard]] static QColor success(const QPalette& palette);
    [[nodiscard]] static QColor warning(const QPalette& palette);
    [[nodiscard]] static QColor danger(const QPalette& palette);
    [[nodiscard]] static QColor info(const QPalette& palette);
    [[nodiscard]] static QColor muted(const QPalette& palette);
    // Chat bubbles.
    [[nodiscard]] static QColor userBubble(const QPalette& palette);
    [[nodiscard]] static QColor onUserBubble(const QPalette& palette);
    [[nodiscard]] static QColor assistantBubble(const QPalette& palette);
    // A tint of colour for a banner or badge background, readable with text() of the palette.
    [[nodiscard]] static QColor tint(const QPalette& palette, const QColor& colour);
};

} // namespace pc
