#!/usr/bin/env bash
# Builds the desktop program and runs its screenshot tour under a virtual X server:
#   promptcraft --screenshot-dir docs/screenshots
# (a throwaway profile with a demo conversation, the main window light and dark, every dialog, and the
# Chinese UI, main-zh_CN.png, when a zh_CN translation is embedded). Needs xvfb and xauth, and a CJK
# font such as fonts-wqy-microhei for the Chinese screenshot.
#
#   scripts/screenshots.sh [output folder, default docs/screenshots]
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=${1:-$root/docs/screenshots}
builddir=${PC_BUILD_DIR:-$root/build}

command -v xvfb-run >/dev/null 2>&1 || { echo "screenshots: xvfb-run is missing (apt-get install xvfb xauth)" >&2; exit 1; }
if command -v fc-list >/dev/null 2>&1 && [ -z "$(fc-list :lang=zh 2>/dev/null)" ]; then
    echo "screenshots: no Chinese font, main-zh_CN.png will show boxes (apt-get install fonts-wqy-microhei)" >&2
fi
if [ ! -f "$builddir/build.ninja" ]; then
    cmake -S "$root" -B "$builddir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
fi
cmake --build "$builddir" --target promptcraft --parallel "${PC_JOBS:-2}"

mkdir -p "$out"
work=$(mktemp -d "${TMPDIR:-/tmp}/promptcraft-shots.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/home" "$work/runtime" "$work/config" "$work/data"
chmod 700 "$work/runtime"
# A private HOME keeps the tour away from the user's profile and keychain; the tour itself uses a
# temporary profile and keeps secrets in memory.
env -u QT_QPA_PLATFORM HOME="$work/home" XDG_RUNTIME_DIR="$work/runtime" XDG_CONFIG_HOME="$work/config" \
    XDG_DATA_HOME="$work/data" LANG=C.UTF-8 \
    xvfb-run -a -s "-screen 0 1440x900x24" "$builddir/bin/promptcraft" --screenshot-dir "$out"
echo "screenshots written to $out"
