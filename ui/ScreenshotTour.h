#pragma once

#include <QString>

namespace pc {

// `promptcraft --screenshot-dir DIR`: a throwaway profile with a demo conversation (Markdown, code, a
// table, an interrupted answer), the main window in the light and dark theme, each dialog, and the
// Chinese UI when a zh_CN translation is embedded, saved as PNGs for the README.
class ScreenshotTour final {
public:
    // Returns the exit code (0 when every picture was written).
    [[nodiscard]] static int run(const QString& directory);
};

} // namespace pc
