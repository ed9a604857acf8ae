#!/usr/bin/env bash

# SPDX-FileCopyrightText: 2026 build-service contributors
#
# SPDX-License-Identifier: BSD-2-Clause

# Installs the Debian packages needed to build and test build-service (no-op when all are present).
set -euo pipefail

# The single list of what the project needs. Grouped by purpose; nothing else in the project lists them.
BASE_PACKAGES=(
    # toolchain
    cmake g++ make pkg-config git
    # Qt 5.15 and the Qt tools (lupdate/lrelease)
    qtbase5-dev libqt5websockets5-dev libqt5sql5-sqlite qttools5-dev qttools5-dev-tools
    # KDE Frameworks
    libkf5archive-dev extra-cmake-modules
    # other libraries
    libtomlplusplus-dev libxxhash-dev libzstd-dev libssl-dev nlohmann-json3-dev
    # HTTP request parser for /healthz, /readyz and /metrics beside the WebSocket (llhttp is not in bookworm)
    libhttp-parser-dev
    # build sandbox (bwrap; setpriv comes with util-linux)
    bubblewrap util-linux
    # build-service debug: gdbserver runs on the server, gdb (the test's client) locally
    gdbserver gdb
    # tools used by tests and scripts
    zstd zip unzip rsync socat procps ninja-build iptables reuse openssl
    # a real Prometheus text-format parser for the metrics test
    python3-prometheus-client
    # man pages (help2man builds them, man renders them in a test); systemd-analyze verifies the unit
    help2man man-db systemd
)
PLUGIN_PACKAGES=(
    # KDevelop plugin and its GUI tests
    kdevelop-dev kdevelop xvfb xdotool imagemagick dbus-x11
)

usage() {
    cat <<USAGE
Usage: $(basename "$0") [--plugin] [--fuzz] [--list] [--help]

Installs the Debian packages needed to build and test build-service. Packages that are
already installed are skipped; when nothing is missing the script changes nothing and
needs neither root nor network. Runs apt-get as root, or through sudo otherwise.

  --plugin   also install what the KDevelop plugin and its GUI tests need
  --fuzz     also install what bench/fuzz.sh needs (clang, libFuzzer, sanitizer runtimes)
  --list     print the packages that would be required and exit
  --help     show this help
USAGE
}

# Fuzzing (bench/fuzz.sh): clang with libFuzzer and the sanitizer runtimes.
FUZZ_PACKAGES=(clang libclang-rt-14-dev)

want_plugin=0
want_fuzz=0
list_only=0
for arg in "$@"; do
    case "$arg" in
        --plugin) want_plugin=1 ;;
        --fuzz) want_fuzz=1 ;;
        --list) list_only=1 ;;
        -h|--help) usage; exit 0 ;;
        *) echo "install-deps.sh: unknown argument '$arg' (see --help)" >&2; exit 2 ;;
    esac
done

packages=("${BASE_PACKAGES[@]}")
if [[ $want_plugin -eq 1 ]]; then
    packages+=("${PLUGIN_PACKAGES[@]}")
fi
if [[ $want_fuzz -eq 1 ]]; then
    packages+=("${FUZZ_PACKAGES[@]}")
fi

if [[ $list_only -eq 1 ]]; then
    printf '%s\n' "${packages[@]}"
    exit 0
fi

if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
    echo "install-deps.sh: dpkg-query/apt-get not found; this script supports Debian and derivatives only" >&2
    exit 1
fi

missing=()
for pkg in "${packages[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
    if [[ "$status" != "install ok installed" ]]; then
        missing+=("$pkg")
    fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
    echo "install-deps.sh: all ${#packages[@]} required packages are installed"
    exit 0
fi

echo "install-deps.sh: missing packages: ${missing[*]}"

sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then
    if command -v sudo >/dev/null 2>&1; then
        sudo_cmd=(sudo)
    else
        echo "install-deps.sh: need root to install ${missing[*]}: run as root or install sudo" >&2
        exit 1
    fi
fi

"${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 update
"${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y --no-install-recommends "${missing[@]}"
echo "install-deps.sh: installed ${missing[*]}"
