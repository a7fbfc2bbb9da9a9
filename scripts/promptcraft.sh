#!/usr/bin/env bash
# PromptCraft set-up entry point: installs what is missing (Debian/Ubuntu), builds incrementally,
# then runs the program (`run`: the desktop app when a display is available, else the headless
# engine) or the whole test suite (`test`).
#
#   scripts/promptcraft.sh run [program arguments]
#   scripts/promptcraft.sh test [ctest arguments]
#
# Environment: PC_SANITIZE=1 builds and tests with AddressSanitizer + UBSan in build-asan/;
# PC_BUILD_DIR overrides the build folder; PC_SKIP_INSTALL=1 skips the package check.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
mode=${1:-}
[ $# -gt 0 ] && shift

packages=(build-essential cmake ninja-build file pkg-config
    qt6-base-dev qt6-websockets-dev qt6-httpserver-dev qtkeychain-qt6-dev qt6-tools-dev qt6-l10n-tools
    libqt6sql6-sqlite libqt6svg6 libgl-dev ca-certificates
    dbus gnome-keyring libsecret-1-0 python3 python3-jwt
    desktop-file-utils appstream man-db groff-base systemd dpkg-dev debootstrap)
# For the tests only, and not needed to build: the browser test (web_guide_browser) is skipped without it.
test_packages=(chromium)

install_missing() {
    [ "${PC_SKIP_INSTALL:-0}" = 1 ] && return 0
    command -v dpkg-query >/dev/null 2>&1 || { echo "promptcraft: not a Debian system; install the packages listed in README.md" >&2; return 0; }
    local wanted=("${packages[@]}" "$@")
    command -v node >/dev/null 2>&1 || wanted+=(nodejs)
    command -v npm >/dev/null 2>&1 || wanted+=(npm)
    local missing=()
    for p in "${wanted[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "promptcraft: installing ${missing[*]}"
    local sudo=()
    [ "$(id -u)" -ne 0 ] && sudo=(sudo)
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

build() {
    local type=RelWithDebInfo
    local extra=()
    builddir=${PC_BUILD_DIR:-$root/build}
    if [ "${PC_SANITIZE:-0}" = 1 ]; then
        builddir=${PC_BUILD_DIR:-$root/build-asan}
        type=Debug
        extra+=(-DPC_SANITIZE=ON)
    fi
    if [ ! -f "$builddir/build.ninja" ]; then
        cmake -S "$root" -B "$builddir" -G Ninja -DCMAKE_BUILD_TYPE=$type "${extra[@]}"
    fi
    cmake --build "$builddir" --parallel "$(nproc)"
}

run_tests() {
    work=$(mktemp -d "${TMPDIR:-/tmp}/promptcraft-test.XXXXXX")
    trap 'rm -rf "${work:-}"' EXIT
    mkdir -p "$work/home" "$work/runtime" "$work/data" "$work/config" "$work/cache"
    chmod 700 "$work/runtime"
    # npm ci when node_modules is missing or was installed from another package-lock.json.
    local web=$root/tests/web
    if [ -f "$web/package-lock.json" ] && ! cmp -s "$web/package-lock.json" "$web/node_modules/.pc-package-lock.json" \
        && command -v npm >/dev/null 2>&1; then
        if (cd "$web" && npm ci --no-audit --no-fund --loglevel=error); then
            cp "$web/package-lock.json" "$web/node_modules/.pc-package-lock.json"
        else
            echo "promptcraft: npm install failed; web client tests will report it"
        fi
    fi
    env HOME="$work/home" XDG_RUNTIME_DIR="$work/runtime" XDG_DATA_HOME="$work/data" \
        XDG_CONFIG_HOME="$work/config" XDG_CACHE_HOME="$work/cache" QT_QPA_PLATFORM=offscreen \
        PC_TEST_WORKDIR="$work" \
        dbus-run-session -- sh -c '
            printf %s promptcraft-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1
            exec ctest --test-dir "$0" --output-on-failure --timeout 600 -j "$(nproc)" "$@"' "$builddir" "$@"
}

case "$mode" in
run)
    install_missing
    build
    # The desktop app where a display exists; the headless engine otherwise (with no arguments: anonymous
    # sessions on 127.0.0.1:8000, which needs no signing secret).
    if [ -x "$builddir/bin/promptcraft" ] && { [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; }; then
        exec "$builddir/bin/promptcraft" "$@"
    fi
    [ $# -gt 0 ] || set -- --allow-anonymous
    exec "$builddir/bin/promptcraft-engine" "$@"
    ;;
test)
    install_missing
    install_missing "${test_packages[@]}" || echo "promptcraft: could not install ${test_packages[*]}; the browser test will be skipped" >&2
    build
    run_tests "$@"
    ;;
*)
    echo "usage: scripts/promptcraft.sh run|test [arguments]" >&2
    exit 2
    ;;
esac
