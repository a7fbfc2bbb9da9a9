#!/bin/sh
# Refreshes translations/promptcraft_<lang>.ts from the sources: texts added to the code appear as
# unfinished entries, texts gone from the code are dropped. Then translate the unfinished entries
# (Qt Linguist, or scripts/fill-translations.py with a dictionary) and rebuild: the .qm files are
# compiled and embedded by the build (ui/CMakeLists.txt).
#
#   scripts/update-translations.sh            (or: cmake --build build --target update_translations)
#   scripts/fill-translations.py --todo       what is left to translate, as JSON to fill in
#
# What is scanned: every user-facing tr() text lives in ui/, app/ (messages the client reports to
# people), engine/ai (the provider chain's notices) and engine/protocol (template format problems,
# shown by the template dialogs). Add a folder here when it starts carrying such texts.
# Locations are left out (-locations none): they churn on every edit and make merges conflict.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

if [ -z "${LUPDATE:-}" ]; then
    if [ -x /usr/lib/qt6/bin/lupdate ]; then
        LUPDATE=/usr/lib/qt6/bin/lupdate
    elif command -v qmake6 >/dev/null 2>&1; then
        LUPDATE="$(qmake6 -query QT_HOST_BINS)/lupdate"
    else
        LUPDATE=lupdate
    fi
fi

sources="ui app engine/ai engine/protocol"
options="-no-obsolete -locations none -source-language en -extensions cpp,h"

# shellcheck disable=SC2086 # word splitting of the lists is wanted
"$LUPDATE" $options $sources -ts translations/promptcraft_zh_CN.ts translations/promptcraft_de.ts
# English is the source language: its file only gives the plural forms of %n texts.
# shellcheck disable=SC2086
"$LUPDATE" $options -pluralonly $sources -ts translations/promptcraft_en.ts
