#pragma once

#include <QList>

namespace pc {

// Qt's own texts that PromptCraft's windows show (standard dialog buttons, key names), as
// {context, source} pairs. They are listed for lupdate so that PromptCraft's catalogues translate
// them too: Qt's qtbase_<lang>.qm is often not installed (a separate package on Linux, not deployed
// on Windows or macOS), and a dialog with "Cancel" in English among German labels looks broken.
struct QtString {
    const char* context;
    const char* source;
};

[[nodiscard]] const QList<QtString>& qtStrings();

} // namespace pc
