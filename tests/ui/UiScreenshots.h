#pragma once

// Header-only helper for the widget tests: when PC_SCREENSHOT_DIR is set, save a light and a dark
// PNG of a widget there (for people to look at; nothing is compared).

#include "theme/Theme.h"

#include <QApplication>
#include <QDir>
#include <QLayout>
#include <QTest>
#include <QWidget>

namespace pc::testing {

inline QString screenshotDir()
{
    return qEnvironmentVariable("PC_SCREENSHOT_DIR");
}

// Returns the number of files written (0 when screenshots are off).
inline int saveScreenshots(QWidget* widget, const QString& name)
{
    const QString dir = screenshotDir();
    if (dir.isEmpty() || !widget)
        return 0;
    QDir().mkpath(dir);
    int written = 0;
    const bool wasVisible = widget->isVisible();
    for (const auto& [mode, suffix] : {std::pair{Settings::Theme::Light, QStringLiteral("light")},
                                       std::pair{Settings::Theme::Dark, QStringLiteral("dark")}}) {
        Theme::apply(mode);
        if (widget->layout())
            widget->layout()->activate();
        widget->show();
        QApplication::processEvents();
        QTest::qWait(50);
        const QString file = QDir(dir).filePath(name + QLatin1Char('-') + suffix + QStringLiteral(".png"));
        if (widget->grab().save(file))
            ++written;
    }
    Theme::apply(Settings::Theme::Light);
    if (!wasVisible)
        widget->hide();
    return written;
}

} // namespace pc::testing
