#!/usr/bin/env bash

# SPDX-FileCopyrightText: 2026 build-service contributors
#
# SPDX-License-Identifier: BSD-2-Clause

# Configures and builds build-service (RelWithDebInfo) into ${BUILD_DIR:-build}.
set -euo pipefail

usage() {
    cat <<USAGE
Usage: [BUILD_DIR=dir] [JOBS=n] $(basename "$0") [cmake configure arguments...]

Configures build-service with CMAKE_BUILD_TYPE=RelWithDebInfo and builds it with
\$JOBS parallel jobs (default: nproc). Every argument is passed to the cmake configure
step, e.g. -DBUILD_SERVICE_PLUGIN=ON or -G Ninja. BUILD_DIR defaults to "build"; a
relative BUILD_DIR is taken relative to the repository root.

  --help     show this help
USAGE
}

for arg in "$@"; do
    if [[ "$arg" == "--help" || "$arg" == "-h" ]]; then
        usage
        exit 0
    fi
done

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${BUILD_DIR:-build}
if [[ "$build_dir" != /* ]]; then
    build_dir="$repo_root/$build_dir"
fi
jobs=${JOBS:-$(nproc 2>/dev/null || echo 2)}

cmake -S "$repo_root" -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@"
cmake --build "$build_dir" -j "$jobs"

echo
echo "Build directory: $build_dir"
echo "Programs and plugins:"
# List what was built, leaving out CMake internals and the test executables.
built=$(find "$build_dir" -path "$build_dir/tests" -prune -o -path '*/CMakeFiles' -prune \
    -o -type f \( -perm -u+x -o -name '*.so' \) -print | sort)
if [[ -n "$built" ]]; then
    while IFS= read -r file; do
        echo "  $file"
    done <<<"$built"
else
    echo "  (none)"
fi
echo "Tests: ctest --test-dir $build_dir --output-on-failure"
