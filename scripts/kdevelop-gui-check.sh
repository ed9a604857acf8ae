#!/usr/bin/env bash

# SPDX-FileCopyrightText: 2026 build-service contributors
#
# SPDX-License-Identifier: BSD-2-Clause

# Drives the real KDevelop on a virtual display: opens an example project (examples/hello-cmake
# by default), selects the runtime "Remote: localhost", clicks Build and takes a screenshot of
# the remote build's output.
set -euo pipefail

usage() {
    cat <<USAGE
Usage: $(basename "$0") [--example hello-cmake|hello-make] [--build-dir DIR] [--out PNG] [--timeout SEC] [--shots DIR]

End-to-end check of the KDevelop plugin in the real IDE, without a desktop:

1. starts Xvfb on display :99 (1600x1000) and build-service-server on 127.0.0.1:7468 with a
   temporary data directory (fails if the display or the port is already taken),
2. copies the example to a temporary directory with a project file (hello-cmake: a CMake
   project whose build directory "build" is already chosen for the host runtime, as after
   KDevelop's first-open dialog; hello-make: a Custom Makefile project) and uses a temporary
   HOME, so your own KDevelop settings are neither read nor changed,
3. starts 'kdevelop -s <pre-seeded session bs-gui-check> <project>' with the plugin from the build directory
   (QT_PLUGIN_PATH=<build>/plugins, BUILD_SERVICE_CLI=<build>/bin/build-service),
4. selects the runtime "Remote: localhost" with xdotool (mouse clicks only: without a window
   manager key presses do not reach the window); for hello-cmake the plugin gives the project
   the build directory build-remote-localhost, which KDevelop configures on the server, and
   the script waits until the configuration came back,
5. clicks Build, waits until the server's workspace holds the built program (hello-cmake:
   build-remote-localhost/hello; hello-make: app), takes a screenshot showing the Build
   output and writes it to the --out file,
6. stops everything it started and deletes its temporary files.

The build directory must be configured with -DBUILD_SERVICE_PLUGIN=ON and built.
Needs: Xvfb, xdotool, imagemagick (import), dbus-run-session, kdevelop.

  --example NAME    hello-cmake (default) or hello-make
  --build-dir DIR   build directory (default: <repo>/build)
  --out PNG         screenshot file (default: <repo>/docs/images/kdevelop-remote-build.png)
  --timeout SEC     how long to wait for the remote build (default: 120)
  --shots DIR       also keep the intermediate screenshots in DIR (for finding click positions)
  --help            show this help

Exit status: 0 when the remote workspace has the program and the screenshot was written, 1 otherwise.
USAGE
}

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir="$repo_root/build"
out="$repo_root/docs/images/kdevelop-remote-build.png"
timeout=120
shots=""
display=":99"
port=7468
session="bs-gui-check"
example="hello-cmake"

while [[ $# -gt 0 ]]; do
    case "$1" in
        --help|-h) usage; exit 0 ;;
        --example) example=${2:?--example needs hello-cmake or hello-make}; shift 2 ;;
        --build-dir) build_dir=${2:?--build-dir needs a directory}; shift 2 ;;
        --out) out=${2:?--out needs a file name}; shift 2 ;;
        --timeout) timeout=${2:?--timeout needs seconds}; shift 2 ;;
        --shots) shots=${2:?--shots needs a directory}; shift 2 ;;
        *) echo "unknown argument: $1 (see --help)" >&2; exit 1 ;;
    esac
done

fail() { echo "kdevelop-gui-check: $*" >&2; exit 1; }
log() { echo "== $*"; }

[[ "$build_dir" == /* ]] || build_dir="$PWD/$build_dir"
[[ "$out" == /* ]] || out="$PWD/$out"
[[ "$example" == hello-cmake || "$example" == hello-make ]] || fail "--example must be hello-cmake or hello-make, got '$example'"
[[ "$timeout" =~ ^[0-9]+$ ]] || fail "--timeout must be a number of seconds, got '$timeout'"
bin="$build_dir/bin"
plugin_dir="$build_dir/plugins"

for tool in Xvfb xdotool xwininfo import convert dbus-run-session kdevelop; do
    command -v "$tool" >/dev/null || fail "'$tool' not found in PATH (apt-get install xvfb xdotool imagemagick dbus kdevelop)"
done
[[ -x "$bin/build-service-server" ]] || fail "$bin/build-service-server not found: build $build_dir first"
[[ -x "$bin/build-service" ]] || fail "$bin/build-service not found: build $build_dir first"
ls "$plugin_dir"/kdevplatform/*/kdevbuildservice.so >/dev/null 2>&1 \
    || fail "no kdevbuildservice.so under $plugin_dir/kdevplatform: configure $build_dir with -DBUILD_SERVICE_PLUGIN=ON"
if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    fail "port $port is busy (another build-service-server?): stop it first, this check needs its own server"
fi
[[ -e "/tmp/.X${display#:}-lock" ]] && fail "display $display is taken (/tmp/.X${display#:}-lock exists)"

tmp=$(mktemp -d /tmp/bs-gui-check.XXXXXX)
xvfb_pid="" server_pid="" kdev_pid=""
stop() { # pid: TERM the process group, then KILL what is left after 5 s
    local pid=$1
    [[ -n "$pid" ]] || return 0
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || return 0
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}
cleanup() {
    stop "$kdev_pid"
    stop "$server_pid"
    stop "$xvfb_pid"
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

shot_no=0
shot() { # name: keep an intermediate screenshot when --shots is given
    [[ -n "$shots" ]] || return 0
    mkdir -p "$shots"
    shot_no=$((shot_no + 1))
    DISPLAY=$display import -window root "$shots/$(printf %02d "$shot_no")-$1.png"
}
click() { # x y: move the mouse there and click the left button
    DISPLAY=$display xdotool mousemove "$1" "$2" sleep 0.3 click 1
    sleep 1
}

log "starting Xvfb on $display"
setsid Xvfb "$display" -screen 0 1600x1000x24 -nolisten tcp >"$tmp/xvfb.log" 2>&1 &
xvfb_pid=$!
for _ in $(seq 1 100); do DISPLAY=$display xdotool getdisplaygeometry >/dev/null 2>&1 && break; sleep 0.1; done
DISPLAY=$display xdotool getdisplaygeometry >/dev/null 2>&1 || { cat "$tmp/xvfb.log"; fail "Xvfb did not start"; }

log "starting build-service-server on 127.0.0.1:$port (data in $tmp/data)"
setsid "$bin/build-service-server" --listen 127.0.0.1 --port "$port" --data-dir "$tmp/data" >"$tmp/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
    grep -q "listening on" "$tmp/server.log" && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$tmp/server.log"; fail "build-service-server exited"; }
    sleep 0.1
done
grep -q "listening on" "$tmp/server.log" || { cat "$tmp/server.log"; fail "build-service-server did not start listening"; }

project="$tmp/$example"
mkdir -p "$project"
cp -a "$repo_root/examples/$example/." "$project/"
rm -rf "$project/build" "$project/app" "$project/.build-service"
if [[ "$example" == hello-cmake ]]; then
    printf '[Project]\nName=%s\nManager=KDevCMakeManager\n' "$example" >"$project/$example.kdev4"
    # What KDevelop's "Configure a build directory" dialog stores on first open (host runtime).
    mkdir -p "$project/.kdev4"
    printf '[CMake]\nBuild Directory Count=1\nCurrent Build Directory Index-Host System=0\n\n[CMake][CMake Build Directory 0]\nBuild Directory Path=%s/build\nBuild Type=Debug\nCMake Executable=/usr/bin/cmake\nExtra Arguments=\nInstall Directory=\nRuntime=Host System\n' \
        "$project" >"$project/.kdev4/$example.kdev4"
    program="build-remote-localhost/hello"
else
    printf '[Project]\nName=%s\nManager=KDevCustomMakeManager\n' "$example" >"$project/$example.kdev4"
    program="app"
fi

# A fresh HOME: no server is configured in kdeveloprc, so the plugin offers the default
# "Remote: localhost" (ws://127.0.0.1:7468). KDevelop does not persist the current runtime,
# so it is selected below with the mouse. A pre-seeded session disables the other runtime
# plugins (enabled plugins are a per-session setting), so that the runtime menu holds just
# "Host System" and "Remote: localhost"; otherwise their order depends on plugin load order.
home="$tmp/home"
session_id="{6f1c2a8e-0b5d-4c3e-9a47-b5e1d0c0ffee}"
session_dir="$home/.local/share/kdevelop/sessions/$session_id"
mkdir -p "$home/.config" "$session_dir"
cat >"$session_dir/sessionrc" <<RC
SessionName=$session

[Plugins]
kdevandroidEnabled=false
kdevdockerEnabled=false
kdevflatpakEnabled=false
kdevcraftEnabled=false
RC

log "starting KDevelop (session $session) on $project"
env HOME="$home" XDG_CONFIG_HOME="$home/.config" XDG_DATA_HOME="$home/.local/share" \
    XDG_CACHE_HOME="$home/.cache" XDG_RUNTIME_DIR="$tmp/runtime" \
    DISPLAY="$display" QT_PLUGIN_PATH="$plugin_dir" PATH="$bin:$PATH" \
    BUILD_SERVICE_CLI="$bin/build-service" QT_LOGGING_RULES="buildservice.plugin.debug=true" \
    setsid dbus-run-session -- kdevelop -s "$session_id" "$project" >"$tmp/kdevelop.log" 2>&1 &
kdev_pid=$!
mkdir -p "$tmp/runtime" && chmod 700 "$tmp/runtime"

window=""
for _ in $(seq 1 600); do
    window=$(DISPLAY=$display xdotool search --onlyvisible --name "^$session:" 2>/dev/null | head -n 1 || true)
    [[ -n "$window" ]] && break
    kill -0 "$kdev_pid" 2>/dev/null || { tail -n 30 "$tmp/kdevelop.log"; fail "KDevelop exited before showing its window"; }
    sleep 0.1
done
[[ -n "$window" ]] || { tail -n 30 "$tmp/kdevelop.log"; fail "no KDevelop window within 60 s"; }
# Without a window manager the window opens at 870x650 at the top-left, which hides the
# runtime button in the toolbar's overflow; make it fill the screen. The click positions
# below are for this 1600x1000 layout.
DISPLAY=$display xdotool windowsize "$window" 1600 1000
# Let the project finish loading (the Custom Makefile manager parses the Makefile).
for _ in $(seq 1 150); do
    grep -q "added runtime" "$tmp/kdevelop.log" && break
    sleep 0.2
done
grep -q "added runtime \"Remote: localhost\"" "$tmp/kdevelop.log" \
    || { tail -n 30 "$tmp/kdevelop.log"; fail "the plugin did not add the runtime \"Remote: localhost\" (is kdevbuildservice.so in $plugin_dir?)"; }
sleep 5
shot window

log "selecting the runtime \"Remote: localhost\""
# The "Runtime: Host System" toolbar button; its arrow on the right opens the runtime menu.
click 605 38
shot runtime-menu
# The menu is a separate override-redirect window of kdevelop; "Host System" always comes
# first, so with the other runtime plugins disabled the plugin's runtime is the last entry
# (entries are about 25 px high).
menu_geometry=$(DISPLAY=$display xwininfo -root -tree | awk '/"kdevelop" "kdevelop"/ && $0 !~ /1600x1000/ { print $(NF-1); exit }')
[[ "$menu_geometry" =~ ^([0-9]+)x([0-9]+)\+([0-9]+)\+([0-9]+)$ ]] \
    || fail "the runtime menu did not open (no popup window found)"
menu_w=${BASH_REMATCH[1]} menu_h=${BASH_REMATCH[2]} menu_x=${BASH_REMATCH[3]} menu_y=${BASH_REMATCH[4]}
click $((menu_x + menu_w / 2)) $((menu_y + menu_h - 13))
for _ in $(seq 1 25); do
    grep -q "\"Remote: localhost\" enabled" "$tmp/kdevelop.log" && break
    sleep 0.2
done
grep -q "\"Remote: localhost\" enabled" "$tmp/kdevelop.log" || { shot runtime-not-selected; fail "selecting \"Remote: localhost\" in the runtime menu did not enable it"; }
shot runtime-selected
if [[ "$example" == hello-cmake ]]; then
    log "waiting for the remote configure of build-remote-localhost"
    for _ in $(seq 1 $((timeout * 2))); do
        [[ -d "$project/build-remote-localhost/.cmake/api/v1/reply" ]] && break
        sleep 0.5
    done
    [[ -d "$project/build-remote-localhost/.cmake/api/v1/reply" ]] \
        || { shot no-configure; tail -n 30 "$tmp/kdevelop.log"; fail "the remote configure did not bring back build-remote-localhost"; }
    sleep 3 # the project reloads from the replies
    shot configured
fi

log "clicking Build"
click 28 38

log "waiting up to ${timeout}s for the remote workspace to hold '$program'"
built=""
for _ in $(seq 1 $((timeout * 2))); do
    built=$(compgen -G "$tmp/data/persistent/ws_*/$program" | head -n 1 || true)
    [[ -n "$built" ]] && break
    sleep 0.5
done
[[ -n "$built" ]] || {
    shot timeout
    tail -n 30 "$tmp/kdevelop.log"; tail -n 30 "$tmp/server.log"
    fail "the remote workspace has no '$program' after ${timeout}s"
}
log "remote build produced $built"
sleep 3 # let the Build view show the last lines and the exit status
mkdir -p "$(dirname "$out")"
DISPLAY=$display import -window root "$tmp/full.png"
convert "$tmp/full.png" -resize 1280x -strip -colors 256 "png8:$out" 2>/dev/null \
    || convert "$tmp/full.png" -resize 1280x -strip "$out"
size=$(stat -c %s "$out")
log "screenshot written to $out ($((size / 1024)) KB)"
