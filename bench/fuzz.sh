#!/usr/bin/env bash

# SPDX-FileCopyrightText: 2026 build-service contributors
#
# SPDX-License-Identifier: BSD-2-Clause

# Builds the libFuzzer targets (clang, ASan + UBSan) and runs each for a given time.
set -euo pipefail

usage() {
    cat <<USAGE
Usage: $(basename "$0") [--seconds N] [--target NAME]... [--help]

Configures a separate clang build (BUILD_DIR, default build-fuzz) with
-DBUILD_SERVICE_FUZZERS=ON, builds the fuzz targets of tests/fuzz and runs each
with libFuzzer for N seconds (default 600), starting from the committed corpus
tests/fuzz/corpus/<name>/. New interesting inputs go to BUILD_DIR/corpus/<name>/
(the committed corpus is never modified); crashes go to BUILD_DIR/crashes/<name>/.
Prints, per target, the executions, executions per second, coverage (edges) and
features libFuzzer reports, and whether it found a crash.

A crash becomes a regression test: copy the crash file into
tests/fuzz/corpus/<name>/, fix the bug, and the CTest test fuzz_<name>_corpus
runs it from then on.

Targets: tarstream zstdstream zipdirectory protocolmessage

  --seconds N   run time per target (default 600)
  --target NAME run only this target (repeatable)
  --help        show this help
USAGE
}

seconds=600
targets=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --seconds) seconds=$2; shift 2 ;;
        --target) targets+=("$2"); shift 2 ;;
        --help|-h) usage; exit 0 ;;
        *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
    esac
done
[[ ${#targets[@]} -eq 0 ]] && targets=(tarstream zstdstream zipdirectory protocolmessage)

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${BUILD_DIR:-$repo_root/build-fuzz}
bash "$repo_root/scripts/install-deps.sh" --fuzz

CC=clang CXX=clang++ cmake -S "$repo_root" -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DBUILD_SERVICE_FUZZERS=ON -DBUILD_SERVICE_PLUGIN=OFF >/dev/null
cmake --build "$build_dir" -j "$(nproc)" --target "${targets[@]/#/fuzz_}" >/dev/null

printf '%-16s %12s %10s %8s %8s  %s\n' target execs exec/s cov ft result
status=0
for name in "${targets[@]}"; do
    corpus="$build_dir/corpus/$name"
    crashes="$build_dir/crashes/$name"
    mkdir -p "$corpus" "$crashes"
    log="$build_dir/fuzz-$name.log"
    result=ok
    # The committed corpus is read as a second corpus directory, so it is never written to.
    (cd "$crashes" && "$build_dir/tests/fuzz/fuzz_$name" -max_total_time="$seconds" -print_final_stats=1 \
        -rss_limit_mb=2048 -timeout=10 "$corpus" "$repo_root/tests/fuzz/corpus/$name") >"$log" 2>&1 || {
        result="CRASH: see $log and $crashes"
        status=1
    }
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
    rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
    last=$(grep -E '^#[0-9]+' "$log" | tail -1)
    cov=$(grep -o 'cov: [0-9]*' <<<"$last" | grep -o '[0-9]*' || echo '?')
    ft=$(grep -o 'ft: [0-9]*' <<<"$last" | grep -o '[0-9]*' || echo '?')
    printf '%-16s %12s %10s %8s %8s  %s\n' "$name" "$execs" "$rate" "$cov" "$ft" "$result"
done
exit $status
