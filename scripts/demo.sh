#!/usr/bin/env bash

# SPDX-FileCopyrightText: 2026 build-service contributors
#
# SPDX-License-Identifier: BSD-2-Clause

# The main job: set everything up, start a local server with zero configuration and build the
# example project remotely twice, showing that the second build reuses the workspace.
set -euo pipefail

usage() {
    cat <<USAGE
Usage: [BUILD_DIR=dir] $(basename "$0")

1. installs the Debian packages build-service and its KDevelop plugin need
   (scripts/install-deps.sh --plugin),
2. builds build-service with the KDevelop plugin (scripts/build.sh -DBUILD_SERVICE_PLUGIN=ON)
   and installs it: build-service and build-service-server into /usr/local/bin, the plugin
   into Qt's plugin directory, where the system 'kdevelop' loads it,
3. starts build-service-server with no configuration (127.0.0.1:7468, data under
   ~/.local/share/build-service), unless one already answers there,
4. copies examples/hello-cmake to a temporary checkout and runs
   'build-service build -- cmake ... && cmake --build build' in it: the first build creates a
   workspace and compiles everything (or, when the server has built these sources before, is
   replayed with its outputs restored), the second reuses the workspace and compiles nothing,
   the third runs in a new workspace and is answered from the server's build cache, outputs
   included, and the program it built runs there,
5. stops the server it started.

  --help     show this help
USAGE
}
[[ "${1:-}" == "--help" || "${1:-}" == "-h" ]] && { usage; exit 0; }

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${BUILD_DIR:-build}
[[ "$build_dir" == /* ]] || build_dir="$repo_root/$build_dir"

bash "$repo_root/scripts/install-deps.sh" --plugin
# KDE_INSTALL_USE_QT_SYS_PATHS: the plugin goes where KDevelop looks (Qt's plugin directory),
# whatever the prefix of the programs.
BUILD_DIR="$build_dir" bash "$repo_root/scripts/build.sh" -DBUILD_SERVICE_PLUGIN=ON \
    -DKDE_INSTALL_USE_QT_SYS_PATHS=ON -DCMAKE_INSTALL_PREFIX=/usr/local >/dev/null
sudo=""
[[ $(id -u) -eq 0 ]] || sudo="sudo"
echo "== installing build-service, build-service-server and the KDevelop plugin"
$sudo cmake --install "$build_dir" | sed -n 's/^-- \(Installing\|Up-to-date\): /   /p'
bin="$build_dir/bin"

server_pid=""
log=$(mktemp)
second_log=$(mktemp)
cleanup() {
    if [[ -n "$server_pid" ]]; then
        kill -TERM "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
    fi
    rm -f "$log" "$second_log"
    [[ -n "${checkout:-}" ]] && rm -rf "$checkout"
}
trap cleanup EXIT

if "$bin/build-service" status >/dev/null 2>&1; then
    echo "== a build-service-server already runs on 127.0.0.1:7468; using it"
else
    echo "== starting build-service-server (zero configuration)"
    "$bin/build-service-server" >"$log" 2>&1 &
    server_pid=$!
    for _ in $(seq 1 100); do
        grep -q "listening on" "$log" && break
        kill -0 "$server_pid" 2>/dev/null || { cat "$log"; exit 1; }
        sleep 0.1
    done
    grep "listening on" "$log"
fi

checkout=$(mktemp -d)
cp -a "$repo_root/examples/hello-cmake/." "$checkout/"
cd "$checkout"
command='cmake -S . -B build -DCMAKE_BUILD_TYPE=Release && cmake --build build'

echo
echo "== first remote build of $checkout (new workspace: compiles everything, or replays an earlier demo's build with its outputs)"
"$bin/build-service" build --artifacts build/hello -- "$command"
echo
echo "== second remote build: same workspace, only changes uploaded, the real incremental build recompiles nothing"
"$bin/build-service" build --artifacts build/hello -- "$command" | tee "$second_log"
echo
if grep -q "Building CXX object" "$second_log"; then
    echo "!! the second build recompiled something"; exit 1
fi
echo "== the second build reused workspace $(cat .build-service/workspace-id) and compiled nothing"
echo "== the artifact came back: $(./build/hello)"
echo
echo "== third build in a new workspace (--fresh-workspace): replayed from the server's build cache, outputs restored"
"$bin/build-service" build --fresh-workspace --artifacts build/hello -- "$command" >/dev/null
echo "== the replay left the program in the new workspace: $("$bin/build-service" build -q -- ./build/hello)"
echo
echo "== done. In KDevelop: start 'build-service-server' (keep it running), start 'kdevelop',"
echo "   open $repo_root/examples/hello-cmake, choose Run > Runtime > Remote: localhost, click Build."
