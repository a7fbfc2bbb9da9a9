#!/usr/bin/env bash
# Regenerates the committed PNG renderings of the application icon from its SVG source:
#   resources/icons/io.promptcraft.PromptCraft.svg -> resources/icons/hicolor/NxN/apps/io.promptcraft.PromptCraft.png
# Run it after editing the SVG and commit the result. Needs rsvg-convert (Debian: librsvg2-bin).
# The PNGs are committed, not rendered at build time, so that building needs no SVG renderer.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
icons=$root/resources/icons
name=io.promptcraft.PromptCraft
sizes=(16 24 32 48 64 128 256 512)

command -v rsvg-convert >/dev/null 2>&1 || {
    echo "render-icons: rsvg-convert not found (apt-get install librsvg2-bin)" >&2
    exit 1
}

for size in "${sizes[@]}"; do
    out=$icons/hicolor/${size}x${size}/apps/$name.png
    mkdir -p "$(dirname "$out")"
    rsvg-convert --width "$size" --height "$size" --keep-aspect-ratio "$icons/$name.svg" --output "$out"
    echo "render-icons: $out"
done
