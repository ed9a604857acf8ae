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
CI=true, compiler warnings are errors (-DBUILD_SERVICE_WERROR=ON) and a second,
Debug build with AddressSanitizer and UndefinedBehaviorSanitizer runs the unit and
integration suites (BUILD_DIR-sanitizers; BUILD_SERVICE_SANITIZERS=1 does that
outside CI too). Extra arguments go to ctest, e.g. -L unit or -R remotebuild.

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

# CI builds a second time: Debug, with AddressSanitizer and UndefinedBehaviorSanitizer, and runs
# the unit and integration suites there (real server processes included, so memory errors in
# the server fail the test that caused them). The plugin suite stays in the normal build: it
# loads a whole KDevelop whose libraries are not instrumented.
if [[ "${CI:-}" == "true" || "${BUILD_SERVICE_SANITIZERS:-}" == "1" ]]; then
    san_start=$(date +%s)
    san_dir="${build_dir}-sanitizers"
    BUILD_DIR="$san_dir" bash "$repo_root/scripts/build.sh" -DCMAKE_BUILD_TYPE=Debug \
        -DECM_ENABLE_SANITIZERS='address;undefined' -DBUILD_SERVICE_PLUGIN=OFF "${werror[@]}"
    cd "$san_dir"
    export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0"
    export LSAN_OPTIONS="suppressions=$repo_root/tests/sanitizers/lsan.supp"
    export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
    ctest --output-on-failure -j "$(nproc 2>/dev/null || echo 2)" --timeout 900 -L 'unit|integration' "$@" || status=$?
    echo "sanitizer build and suites finished in $(( $(date +%s) - san_start )) s"
fi
exit $status
