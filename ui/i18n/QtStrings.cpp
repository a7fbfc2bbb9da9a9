#include "i18n/QtStrings.h"

#include <QtGlobal>

namespace pc {

const QList<QtString>& qtStrings()
{
    // QPlatformTheme::defaultStandardButtonText (every platform) and QGnomeTheme::standardButtonText
    // (GNOME and similar desktops) in Qt 6.4: the buttons of QDialogButtonBox.
    static const QList<QtString> strings{
        {"QPlatformTheme", QT_TRANSLATE_NOOP("QPlatformTheme", "OK")},
        {"QPlatformTheme", QT_TRANSLATE_NOOP("QPlatformTheme", "Cancel")},
        {"QPlatformTheme", QT_TRANSLATE_NOOP("QPlatformTheme", "Apply")},
        {"QPlatformTheme", QT_TRANSLATE_NOOP("QPlatformTheme", "Close")},
        {"QGnomeTheme", QT_TRANSLATE_NOOP("QGnomeTheme", "&OK")},
        {"QGnomeTheme", QT_TRANSLATE_NOOP("QGnomeTheme", "&Cancel")},
        {"QGnomeTheme", QT_TRANSLATE_NOOP("QGnomeTheme", "&Close")},
        // QKeySequence::toString(NativeText): the key names in the shortcuts list.
        {"QShortcut", QT_TRANSLATE_NOOP("QShortcut", "Ctrl")},
        {"QShortcut", QT_TRANSLATE_NOOP("QShortcut", "Shift")},
        {"QShortcut", QT_TRANSLATE_NOOP("QShortcut", "Esc")},
        {"QShortcut", QT_TRANSLATE_NOOP("QShortcut", "Return")},
    };
    return strings;
}

} // namespace pc
