#!/usr/bin/env bash

# SPDX-FileCopyrightText: 2026 build-service contributors
#
# SPDX-License-Identifier: BSD-2-Clause

# Installs dependencies, builds everything and runs the whole test suite with CTest.
set -euo pipefail

usage() {
    cat <<USAGE
Usage: [BUILD_DIR=dir] $(basename "$0") [ctest arguments...]

Installs the Debian packages build-service and its KDevelop plugin need
(scripts/install-deps.sh --plugin), builds everything including the plugin
(scripts/build.sh -DBUILD_SERVICE_PLUGIN=ON) and runs every CTest suite: unit tests,
the plugin's tests in a headless KDevelop core, and the integration tests that
start the real server and build the example projects with real compilers. With
CI=true, compiler warnings are errors (-DBUILD_SERVICE_WERROR=ON). Extra
arguments go to ctest, e.g. -L unit or -R remotebuild.

  --help     show this help
USAGE
}
[[ "${1:-}" == "--help" || "${1:-}" == "-h" ]] && { usage; exit 0; }

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${BUILD_DIR:-build}
[[ "$build_dir" == /* ]] || build_dir="$repo_root/$build_dir"

start=$(date +%s)
# The KDevelop plugin is part of the suite: its tests run a real KDevelop core.
bash "$repo_root/scripts/install-deps.sh" --plugin
# CI treats warnings as errors; a local run only reports them.
werror=()
[[ "${CI:-}" == "true" ]] && werror=(-DBUILD_SERVICE_WERROR=ON)
BUILD_DIR="$build_dir" bash "$repo_root/scripts/build.sh" -DBUILD_SERVICE_PLUGIN=ON "${werror[@]}"
cd "$build_dir"
status=0
ctest --output-on-failure -j "$(nproc 2>/dev/null || echo 2)" --timeout 900 "$@" || status=$?
echo "test suite finished in $(( $(date +%s) - start )) s (including install and build)"
exit $status
