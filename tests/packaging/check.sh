#!/usr/bin/env bash
# Static checks of the packaging files, one ctest test per CHECK:
#
#   check.sh desktop   SOURCE_DIR                desktop-file-validate
#   check.sh metainfo  SOURCE_DIR                appstreamcli validate --no-net, ids agree with the desktop file
#   check.sh man       SOURCE_DIR ENGINE         man --warnings and groff -wall clean; every option of
#                                                `promptcraft-engine --help` and every variable documented
#   check.sh systemd   SOURCE_DIR ENGINE MANDIR  systemd-analyze verify and an offline security score
#   check.sh icons     SOURCE_DIR                PNG sizes match their folders; SVGs parse; UI icon rules
#
# Tools come from Debian's desktop-file-utils, appstream, man-db, groff-base, systemd and python3.
set -euo pipefail

check=$1
src=$2
app_id=io.promptcraft.PromptCraft

fail() {
    printf '%s: FAIL: %s\n' "$check" "$*" >&2
    exit 1
}
need() {
    command -v "$1" >/dev/null 2>&1 || fail "$1 not found (Debian package $2; scripts/promptcraft.sh installs it)"
}

case "$check" in
desktop)
    need desktop-file-validate desktop-file-utils
    file=$src/resources/linux/$app_id.desktop
    out=$(desktop-file-validate "$file" 2>&1) || fail "desktop-file-validate: $out"
    # Hints are advice; errors and warnings fail (desktop-file-validate exits 0 on warnings).
    if grep -qvE '^[^:]+: hint: ' <<<"$out" && [ -n "$out" ]; then
        fail "desktop-file-validate: $out"
    fi
    echo "desktop-file-validate $(basename "$file"): ok${out:+ ($out)}"
    ;;
metainfo)
    need appstreamcli appstream
    file=$src/resources/linux/$app_id.metainfo.xml
    appstreamcli validate --no-net "$file" || fail "appstreamcli validate --no-net failed"
    grep -q "<id>$app_id</id>" "$file" || fail "metainfo id is not $app_id"
    grep -q "<launchable type=\"desktop-id\">$app_id.desktop</launchable>" "$file" ||
        fail "metainfo does not launch $app_id.desktop"
    grep -q "^Icon=$app_id$" "$src/resources/linux/$app_id.desktop" || fail "desktop file Icon= is not $app_id"
    ;;
man)
    need man man-db
    need groff groff-base
    engine=$3
    for page in "$src"/packaging/linux/*.1; do
        warnings=$(MANWIDTH=80 man --warnings=all -l -E UTF-8 "$page" 2>&1 >/dev/null) ||
            fail "man could not format $(basename "$page")"
        [ -z "$warnings" ] || fail "man --warnings on $(basename "$page"):"$'\n'"$warnings"
        warnings=$(groff -z -wall -man "$page" 2>&1) || fail "groff could not format $(basename "$page")"
        [ -z "$warnings" ] || fail "groff -wall on $(basename "$page"):"$'\n'"$warnings"
        echo "man --warnings / groff -z -wall $(basename "$page"): no warnings"
    done
    # The engine's page must keep up with its options (roff writes - as \-).
    page=$src/packaging/linux/promptcraft-engine.1
    plain=$(sed 's/\\-/-/g' "$page")
    for help in "$("$engine" --help)" "$("$engine" token --help)" "$("$engine" user --help)"; do
        for opt in $(grep -oE '^ +(-[a-z], )?--[a-z][a-z-]*' <<<"$help" | grep -oE -- '--[a-z][a-z-]*'); do
            grep -qF -- "$opt" <<<"$plain" || fail "promptcraft-engine(1) does not document $opt"
        done
    done
    for var in PROMPTCRAFT_JWT_SECRET DEEPSEEK_API_KEY DEEPSEEK_BASE_URL DEEPSEEK_MODEL \
               PROMPTCRAFT_FALLBACK_BASE_URL PROMPTCRAFT_FALLBACK_MODEL PROMPTCRAFT_FALLBACK_API_KEY; do
        grep -q "^\.B $var$" "$page" || fail "promptcraft-engine(1) has no ENVIRONMENT entry for $var"
    done
    echo "promptcraft-engine(1) documents every option of --help, token --help and user --help, and every variable"
    ;;
systemd)
    need systemd-analyze systemd
    engine=$3
    mandir=$4
    unit=$src/packaging/linux/promptcraft-engine.service
    # verify checks that ExecStart's program exists: point it at the built engine in a copy.
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    sed "s|^ExecStart=/usr/bin/promptcraft-engine |ExecStart=$engine |" "$unit" >"$tmp/promptcraft-engine.service"
    grep -q "^ExecStart=$engine " "$tmp/promptcraft-engine.service" || fail "ExecStart does not run /usr/bin/promptcraft-engine"
    # MANPATH lets verify find promptcraft-engine(1) from Documentation= in the build tree.
    out=$(MANPATH="$mandir:" systemd-analyze verify "$tmp/promptcraft-engine.service" 2>&1) ||
        fail "systemd-analyze verify:"$'\n'"$out"
    [ -z "$out" ] || fail "systemd-analyze verify:"$'\n'"$out"
    echo "systemd-analyze verify promptcraft-engine.service: ok"
    for setting in DynamicUser=yes StateDirectory=promptcraft EnvironmentFile=-/etc/promptcraft/engine.env \
                   NoNewPrivileges=yes ProtectSystem=strict ProtectHome=yes PrivateTmp=yes \
                   "RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX"; do
        grep -qxF "$setting" "$unit" || fail "the unit lacks $setting"
    done
    grep -q -- '--data-dir /var/lib/promptcraft' "$unit" || fail "the unit does not use --data-dir /var/lib/promptcraft"
    # Keep the hardening from eroding: systemd rates exposure from 0 (locked down) to 10 (shown; --threshold counts tenths).
    out=$(systemd-analyze security --offline=yes --threshold=20 "$tmp/promptcraft-engine.service" 2>&1) ||
        fail "systemd-analyze security: exposure above 2.0 (threshold 20 on its 0-100 scale):"$'\n'"$(tail -n 3 <<<"$out")"
    echo "systemd-analyze security --offline: $(grep -o 'Overall exposure level.*' <<<"$out")"
    ;;
icons)
    need python3 python3
    python3 - "$src/resources/icons" "$app_id" <<'EOF'
import pathlib, struct, sys
import xml.etree.ElementTree as ET

icons, app_id = pathlib.Path(sys.argv[1]), sys.argv[2]
problems = []
for size in (16, 24, 32, 48, 64, 128, 256, 512):
    png = icons / "hicolor" / f"{size}x{size}" / "apps" / f"{app_id}.png"
    if not png.exists():
        problems.append(f"{png} is missing (run scripts/render-icons.sh)")
        continue
    head = png.read_bytes()[:24]
    if head[:8] != b"\x89PNG\r\n\x1a\n":
        problems.append(f"{png} is not a PNG")
        continue
    w, h = struct.unpack(">II", head[16:24])
    if (w, h) != (size, size):
        problems.append(f"{png} is {w}x{h}")
svgs = [icons / f"{app_id}.svg"] + sorted((icons / "ui").glob("*.svg"))
for svg in svgs:
    try:
        ET.parse(svg)
    except ET.ParseError as e:
        problems.append(f"{svg}: {e}")
ui = {p.stem for p in (icons / "ui").glob("*.svg")}
wanted = {"send", "stop", "new-chat", "search", "settings", "template", "optimize", "copy", "retry", "pin",
          "archive", "delete"}
problems += [f"ui/{name}.svg is missing" for name in sorted(wanted - ui)]
for svg in sorted((icons / "ui").glob("*.svg")):
    text = svg.read_text()
    if "currentColor" in text:
        problems.append(f"{svg.name} uses currentColor")
    if 'stroke="#444"' not in text:
        problems.append(f"{svg.name} does not stroke with #444")
    if 'viewBox="0 0 24 24"' not in text:
        problems.append(f"{svg.name} is not on the 24x24 grid")
if problems:
    print("icons: FAIL:\n  " + "\n  ".join(problems), file=sys.stderr)
    sys.exit(1)
print(f"icons: 8 hicolor PNG sizes match, {len(svgs)} SVGs parse, {len(ui)} UI icons follow the rules")
EOF
    ;;
*)
    echo "usage: check.sh desktop|metainfo|man|systemd|icons SOURCE_DIR [...]" >&2
    exit 2
    ;;
esac
