#!/usr/bin/env bash
# Builds the .deb packages with cpack, installs them with their dependencies into a clean Debian root
# made by debootstrap (same release and apt mirror as this machine), and starts the programs there:
# `promptcraft-engine --version`, the engine serving a WebSocket connection (probed from the host),
# and `promptcraft --version` when the desktop package exists.
#
#   deb-install-test.sh BUILD_DIR CPACK PROJECT_VERSION EXPECT_APP(0|1)
#
# Needs root (debootstrap, chroot, mount), debootstrap, dpkg-dev, python3 and the network to the apt
# mirror. The debootstrapped root is cached in BUILD_DIR/packaging-test/cache (or $PC_DEBOOTSTRAP_CACHE),
# and so are the downloaded packages, so reruns only copy the root and install. PC_DEBIAN_MIRROR
# overrides the mirror read from /etc/apt/sources.list*.
set -euo pipefail

build=$(cd "$1" && pwd)
cpack=$2
version=$3
expect_app=$4
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
work=$build/packaging-test
cache=${PC_DEBOOTSTRAP_CACHE:-$work/cache}
root=$work/root
started=$SECONDS

say() { printf 'deb-install-test: [%4ds] %s\n' $((SECONDS - started)) "$*"; }
fail() {
    printf 'deb-install-test: FAIL: %s\n' "$*" >&2
    exit 1
}
tail_log() { [ -f "$1" ] && sed 's/^/    | /' <(tail -n "${2:-15}" "$1") >&2 || true; }

[ "$(id -u)" -eq 0 ] || fail "must run as root: debootstrap, chroot and mount need it"
for tool in debootstrap chroot mount dpkg-deb dpkg-shlibdeps python3; do
    command -v "$tool" >/dev/null 2>&1 ||
        fail "$tool not found (Debian packages: debootstrap, dpkg-dev, python3; scripts/promptcraft.sh installs them)"
done

# --- release and mirror, as this machine's apt uses them ---------------------------------------------
suite=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
[ -n "$suite" ] || fail "cannot tell the Debian release from /etc/os-release (VERSION_CODENAME)"
# "URI SUITE COMPONENTS..." for every enabled deb entry of this release and its -updates/-security.
entries=$(python3 - "$suite" <<'EOF'
import glob, re, sys
suite = sys.argv[1]
wanted = {suite, suite + "-updates", suite + "-security"}
out = []
files = ["/etc/apt/sources.list"] + sorted(glob.glob("/etc/apt/sources.list.d/*.list"))
for path in files:
    try:
        lines = open(path, encoding="utf-8").read().splitlines()
    except OSError:
        continue
    for line in lines:
        line = re.sub(r"\[[^]]*\]", " ", line.split("#", 1)[0]).split()
        if len(line) >= 4 and line[0] == "deb" and line[2] in wanted:
            out.append((line[1], line[2], line[3:]))
for path in sorted(glob.glob("/etc/apt/sources.list.d/*.sources")):
    try:
        text = open(path, encoding="utf-8").read()
    except OSError:
        continue
    for stanza in re.split(r"\n\s*\n", text):
        fields, key = {}, None
        for raw in stanza.splitlines():
            if raw.startswith("#"):
                continue
            if raw[:1].isspace() and key:
                fields[key] += " " + raw.strip()
            elif ":" in raw:
                key, value = raw.split(":", 1)
                key = key.strip().lower()
                fields[key] = value.strip()
        if "deb" not in fields.get("types", "").split() or fields.get("enabled", "yes").lower() == "no":
            continue
        for uri in fields.get("uris", "").split():
            for s in fields.get("suites", "").split():
                if s in wanted:
                    out.append((uri, s, fields.get("components", "main").split()))
for uri, s, comps in out:
    print(uri, s, " ".join(comps))
EOF
)
mirror=${PC_DEBIAN_MIRROR:-$(awk -v s="$suite" '$2 == s { print $1; exit }' <<<"$entries")}
[ -n "$mirror" ] ||
    fail "no apt source for Debian $suite in /etc/apt/sources.list or sources.list.d; set PC_DEBIAN_MIRROR"
[ -n "$entries" ] || entries="$mirror $suite main"
say "Debian $suite from $mirror"

# --- mounts are always undone, the engine always stopped ---------------------------------------------
engine_pid=
cleanup() {
    [ -n "$engine_pid" ] && kill "$engine_pid" 2>/dev/null && wait "$engine_pid" 2>/dev/null
    for m in "$root/var/cache/apt/archives" "$root/proc"; do
        mountpoint -q "$m" 2>/dev/null && { umount "$m" || umount -l "$m"; }
    done
    return 0
}
trap cleanup EXIT
trap 'exit 143' TERM INT

# --- 1. packages ----------------------------------------------------------------------------------
mkdir -p "$work" "$cache"
rm -rf "$work/debs"
say "building the .deb packages with cpack"
if ! "$cpack" -G DEB --config "$build/CPackConfig.cmake" -B "$work/debs" >"$work/cpack.log" 2>&1; then
    tail_log "$work/cpack.log" 30
    fail "cpack -G DEB failed (log: $work/cpack.log)"
fi
debs=("$work"/debs/*.deb)
[ -e "${debs[0]}" ] || fail "cpack made no .deb (log: $work/cpack.log)"
for deb in "${debs[@]}"; do
    say "built $(basename "$deb"): $(dpkg-deb -f "$deb" Depends)"
done
ls "$work"/debs/promptcraft-engine_*.deb >/dev/null 2>&1 || fail "no promptcraft-engine package was built"
if [ "$expect_app" = 1 ]; then
    ls "$work"/debs/promptcraft_*.deb >/dev/null 2>&1 || fail "the desktop app exists but no promptcraft package was built"
fi

# --- 2. a clean Debian root: debootstrap once, copy per run ----------------------------------------
pristine=$cache/$suite-minbase
stamp="$suite $mirror"
if [ ! -f "$pristine.ok" ] || [ "$(cat "$pristine.ok")" != "$stamp" ]; then
    say "debootstrap --variant=minbase $suite (first run; cached in $pristine)"
    rm -rf "$pristine" "$pristine.tmp" "$pristine.ok"
    if ! debootstrap --variant=minbase "$suite" "$pristine.tmp" "$mirror" >"$work/debootstrap.log" 2>&1; then
        tail_log "$work/debootstrap.log" 20
        fail "debootstrap could not build a Debian $suite root from $mirror: is the mirror reachable? (log: $work/debootstrap.log)"
    fi
    : >"$pristine.tmp/etc/apt/sources.list"
    while read -r uri s comps; do
        echo "deb $uri $s $comps" >>"$pristine.tmp/etc/apt/sources.list"
    done <<<"$entries"
    # No service may start inside the chroot.
    printf '#!/bin/sh\nexit 101\n' >"$pristine.tmp/usr/sbin/policy-rc.d"
    chmod 755 "$pristine.tmp/usr/sbin/policy-rc.d"
    chroot "$pristine.tmp" apt-get clean
    mv "$pristine.tmp" "$pristine"
    echo "$stamp" >"$pristine.ok"
else
    say "using the cached $suite root ($pristine)"
fi

if [ -d "$root" ]; then
    for m in "$root/var/cache/apt/archives" "$root/proc"; do
        mountpoint -q "$m" && umount -l "$m"
    done
    rm -rf "$root"
fi
cp -a "$pristine" "$root"
cp -L /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
mount -t proc proc "$root/proc"
mkdir -p "$cache/archives/partial"
mount --bind "$cache/archives" "$root/var/cache/apt/archives"
say "fresh root ready in $root"

# A clean environment inside, except a proxy the host's downloads go through.
proxies=()
for v in http_proxy https_proxy no_proxy; do
    [ -n "${!v:-}" ] && proxies+=("$v=${!v}")
done
in_root() {
    chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
        ${proxies[@]+"${proxies[@]}"} "$@"
}

# --- 3. install the packages with their dependencies -----------------------------------------------
if ! in_root apt-get update >"$work/apt-update.log" 2>&1 || grep -qE '^(W|E): ' "$work/apt-update.log"; then
    tail_log "$work/apt-update.log" 20
    fail "apt-get update inside the root failed: is $mirror reachable? (log: $work/apt-update.log)"
fi
mkdir -p "$root/tmp/debs"
cp "${debs[@]}" "$root/tmp/debs/"
inside=()
for deb in "${debs[@]}"; do inside+=("/tmp/debs/$(basename "$deb")"); done
say "apt-get install --no-install-recommends ${inside[*]}"
if ! in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${inside[@]}" \
        >"$work/apt-install.log" 2>&1; then
    tail_log "$work/apt-install.log" 30
    fail "installing the packages into a clean $suite root failed (log: $work/apt-install.log)"
fi
say "installed: $(grep -c '^Setting up' "$work/apt-install.log") packages set up"

for f in /usr/bin/promptcraft-engine /usr/share/man/man1/promptcraft-engine.1.gz \
         /usr/lib/systemd/system/promptcraft-engine.service /usr/share/doc/promptcraft-engine/copyright; do
    [ -e "$root$f" ] || fail "$f is missing after installing promptcraft-engine"
done

# --- 4. run the engine --------------------------------------------------------------------------------
got=$(in_root promptcraft-engine --version 2>&1) || fail "promptcraft-engine --version failed: $got"
[ "$got" = "promptcraft-engine $version" ] || fail "promptcraft-engine --version printed '$got', expected 'promptcraft-engine $version'"
say "in the root: $got"

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# chroot and env exec, so $! is the engine itself.
chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
    promptcraft-engine --allow-anonymous --listen "127.0.0.1:$port" --data-dir /var/lib/promptcraft \
    >"$work/engine.log" 2>&1 &
engine_pid=$!
for _ in $(seq 1 100); do
    grep -q 'listening on' "$work/engine.log" 2>/dev/null && break
    kill -0 "$engine_pid" 2>/dev/null || break
    sleep 0.2
done
if ! grep -q 'listening on' "$work/engine.log"; then
    tail_log "$work/engine.log"
    fail "the engine did not start listening in the root"
fi
say "engine in the root: $(grep 'listening on' "$work/engine.log")"
if ! python3 "$here/ws_probe.py" 127.0.0.1 "$port" --chat; then
    tail_log "$work/engine.log"
    fail "the engine in the root did not serve the WebSocket probe"
fi
[ -s "$root/var/lib/promptcraft/engine.sqlite" ] ||
    fail "the engine stored nothing in /var/lib/promptcraft/engine.sqlite (is Qt's SQLite driver installed?)"
kill -TERM "$engine_pid"
status=0
wait "$engine_pid" || status=$?
engine_pid=
[ "$status" -eq 0 ] || { tail_log "$work/engine.log"; fail "the engine exited with $status after SIGTERM"; }
say "engine served a connection and shut down cleanly on SIGTERM"

# --- 5. the desktop app, when it exists ------------------------------------------------------------------
if [ -e "$root/usr/bin/promptcraft" ]; then
    for f in /usr/share/applications/io.promptcraft.PromptCraft.desktop \
             /usr/share/metainfo/io.promptcraft.PromptCraft.metainfo.xml \
             /usr/share/icons/hicolor/scalable/apps/io.promptcraft.PromptCraft.svg \
             /usr/share/icons/hicolor/48x48/apps/io.promptcraft.PromptCraft.png \
             /usr/share/man/man1/promptcraft.1.gz; do
        [ -e "$root$f" ] || fail "$f is missing after installing promptcraft"
    done
    install -d -m 700 "$root/run/user/0"
    got=$(in_root env QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR=/run/user/0 promptcraft --version 2>&1) ||
        fail "promptcraft --version failed: $got"
    # The desktop app names itself by its product name.
    [ "$(tail -n 1 <<<"$got")" = "PromptCraft $version" ] ||
        fail "promptcraft --version printed '$got', expected 'PromptCraft $version'"
    say "in the root: $got"
elif [ "$expect_app" = 1 ]; then
    fail "the desktop app exists but /usr/bin/promptcraft was not installed"
else
    say "no desktop app yet: promptcraft --version skipped"
fi

cleanup
trap - EXIT
rm -rf "$root"
say "PASS in $((SECONDS - started)) s"
