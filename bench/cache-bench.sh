#!/usr/bin/env bash

# SPDX-FileCopyrightText: 2026 build-service contributors
#
# SPDX-License-Identifier: BSD-2-Clause

# cache-bench.sh - a build that leaves about 50 MB of outputs: replay with restore vs the live
# build from the same (clean) state, and vs the live no-op incremental build. Markdown report.
set -euo pipefail

usage() {
    cat <<'EOF'
usage: bench/cache-bench.sh [-n RUNS] [-f FILES] [--build-dir DIR] [--dest-fs DIR]

Starts build-service-server (port 0, its own data directory) and a checkout holding a generated
C project: FILES sources (default 52), each with a large constant table, compiled with -g into
objects and linked into one program (about 0.9 MB of outputs per file: ~50 MB by default).
The build command is `make -j2`.

Rows (each the median of RUNS runs, default 5; the three kinds of run alternate):
  replay + restore   `build --fresh-workspace -- make -j2`: a new, clean workspace; answered
                     from the recording, its ~50 MB of outputs restored into the workspace
  live, clean        `build --fresh-workspace --fresh -- make -j2`: the same start, the command runs
  live no-op         `build --no-cache -- make -j2` in a workspace that holds the build: make's
                     real no-op (without --no-cache a repeated no-op is itself replayed: its
                     recording starts from the same state)
Times are wall clock around the client (process start, connect, upload of the sources, the
build or the restore and replay, exit). After every replay the restored program is run in the
workspace and must print the expected checksum; every restored workspace must hold all objects.

options:
  -n RUNS          runs per row, median reported (default: 5)
  -f FILES         generated source files (default: 52)
  --build-dir DIR  CMake build directory holding bin/build-service and bin/build-service-server
                   (default: <repo>/build)
  --dest-fs DIR    parent of the temporary data directory and checkout (default: /var/tmp)
  -h, --help       this text
Requires: bash, python3, make, cc, coreutils.
EOF
}

die() { echo "cache-bench: $*" >&2; exit 1; }
note() { echo "cache-bench: $*" >&2; }

runs=5
files=52
build_dir=""
dest_parent=/var/tmp
while (($#)); do
    case $1 in
        -n) (($# >= 2)) || die "-n needs a value"; runs=$2; shift 2 ;;
        -f) (($# >= 2)) || die "-f needs a value"; files=$2; shift 2 ;;
        --build-dir) (($# >= 2)) || die "--build-dir needs a value"; build_dir=$2; shift 2 ;;
        --build-dir=*) build_dir=${1#*=}; shift ;;
        --dest-fs) (($# >= 2)) || die "--dest-fs needs a value"; dest_parent=$2; shift 2 ;;
        --dest-fs=*) dest_parent=${1#*=}; shift ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; die "unknown argument: $1" ;;
    esac
done
[[ $runs =~ ^[1-9][0-9]*$ ]] || die "-n RUNS must be a positive integer, got '$runs'"
[[ $files =~ ^[1-9][0-9]*$ ]] || die "-f FILES must be a positive integer, got '$files'"

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
locate_binaries "$build_dir"
for tool in python3 make cc; do command -v "$tool" >/dev/null || die "$tool is required"; done

work=$(mktemp -d "$dest_parent/cache-bench.XXXXXX")
server_pid=""
cleanup() {
    if [[ -n $server_pid ]] && kill -0 "$server_pid" 2>/dev/null; then
        kill -TERM "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

checkout=$work/checkout
data=$work/data
mkdir -p "$checkout" "$data"
# Deterministic sources: each file a 60,000-entry table and a function summing it; main adds
# all sums, so the program's output checks that every restored object is the right one.
python3 - "$checkout" "$files" <<'PY'
import os, random, sys
root, files = sys.argv[1], int(sys.argv[2])
rng = random.Random(20261204)
expected = 0
for i in range(files):
    values = [rng.getrandbits(31) for _ in range(60000)]
    expected = (expected + sum(values)) % (1 << 64)
    with open(os.path.join(root, "part%03d.c" % i), "w") as f:
        f.write("static const unsigned long long table[] = {%s};\n" % ",".join(map(str, values)))
        f.write("unsigned long long part%03d(void) { unsigned long long s = 0;"
                " for (unsigned i = 0; i < sizeof table / sizeof *table; ++i) s += table[i]; return s; }\n" % i)
with open(os.path.join(root, "main.c"), "w") as f:
    f.write("#include <stdio.h>\n")
    f.write("".join("unsigned long long part%03d(void);\n" % i for i in range(files)))
    f.write("int main(void) { unsigned long long s = 0;\n")
    f.write("".join("    s += part%03d();\n" % i for i in range(files)))
    f.write('    printf("%llu\\n", s); return 0; }\n')
with open(os.path.join(root, "Makefile"), "w") as f:
    f.write("SOURCES := $(wildcard *.c)\nOBJECTS := $(SOURCES:%.c=obj/%.o)\n")
    f.write("app: $(OBJECTS)\n\tcc -g -o $@ $^\n")
    f.write("obj/%.o: %.c | obj\n\tcc -g -O0 -c -o $@ $<\n")
    f.write("obj:\n\tmkdir -p $@\n")
open(os.path.join(root, "expected.txt"), "w").write("%d\n" % expected)
PY
expected=$(cat "$checkout/expected.txt")

cat > "$work/server.toml" <<EOF
[cache]
toolchain_commands = ["cc --version", "make --version"]
EOF
note "starting the server (data: $data)"
"$server_bin" --port 0 --data-dir "$data" --config "$work/server.toml" >"$work/server.out" 2>"$work/server.err" &
server_pid=$!
url=""
for _ in $(seq 1 200); do
    url=$(grep -o 'ws://[^ ]*' "$work/server.out" 2>/dev/null || true)
    [[ -n $url ]] && break
    kill -0 "$server_pid" 2>/dev/null || die "the server did not start: $(cat "$work/server.err")"
    sleep 0.05
done
[[ -n $url ]] || die "the server did not print its URL"

now_ns() { date +%s%N; }
workspace() { echo "$data/persistent/$(cat "$checkout/.build-service/workspace-id")"; }

# run_build ARGS... : runs `make -j2` through the CLI; prints "wall_ms replayed(yes|no)".
run_build() {
    local start end replayed=no
    start=$(now_ns)
    (cd "$checkout" && "$cli" build --server "$url" "$@" -- make -j2) >"$work/cli.out" 2>"$work/cli.err" \
        || die "build failed: $(cat "$work/cli.err")"
    end=$(now_ns)
    grep -q '^build-service: replayed from cache' "$work/cli.err" && replayed=yes
    echo "$(( (end - start) / 1000000 )) $replayed"
}

check_workspace() {
    local ws objects out
    ws=$(workspace)
    objects=$(find "$ws/obj" -name '*.o' | wc -l)
    [[ $objects -eq $((files + 1)) ]] || die "$1: the workspace holds $objects objects, expected $((files + 1))"
    out=$(cd "$checkout" && "$cli" build -q --server "$url" -- ./app) || die "$1: the program did not run"
    [[ $out == "$expected" ]] || die "$1: the program printed $out, expected $expected"
}

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2] + a[NR/2+1]) / 2)}'; }

note "recording: first build (live, from a clean workspace)"
read -r _ replayed < <(run_build --fresh-workspace)
[[ $replayed == no ]] || die "the first build was unexpectedly replayed"
check_workspace "first build"
outputs_bytes=$(du -sb "$(workspace)/obj" "$(workspace)/app" | awk '{s += $1} END {print s}')
for _ in $(seq 1 100); do
    [[ -n $(ls "$data/cache/recordings" 2>/dev/null) ]] && break
    sleep 0.1
done

replay_ms=(); live_ms=(); noop_ms=()
for i in $(seq 1 "$runs"); do
    note "run $i/$runs"
    order=(replay live noop)
    ((i % 2 == 0)) && order=(noop live replay)
    for what in "${order[@]}"; do
        case $what in
            replay)
                read -r wall replayed < <(run_build --fresh-workspace)
                [[ $replayed == yes ]] || die "run $i: the clean build was not replayed"
                replay_ms+=("$wall")
                check_workspace "run $i, replay" ;;
            live)
                read -r wall replayed < <(run_build --fresh-workspace --fresh)
                [[ $replayed == no ]] || die "run $i: --fresh was replayed"
                live_ms+=("$wall") ;;
            noop)
                read -r wall replayed < <(run_build --no-cache)
                [[ $replayed == no ]] || die "run $i: --no-cache was replayed"
                grep -q "is up to date\|Nothing to be done" "$work/cli.out" || die "run $i: the no-op build did work: $(head -3 "$work/cli.out")"
                noop_ms+=("$wall") ;;
        esac
    done
done

rm_=$(median "${replay_ms[@]}"); lm=$(median "${live_ms[@]}"); nm=$(median "${noop_ms[@]}")
ratio() { python3 -c "print('%.2fx' % ($1 / $2) if $2 > 0 else 'n/a')"; }
blobs_bytes=$(du -sb "$data/cache/blobs" | cut -f1)

cat <<EOF
### cache-bench: replay with restore of a build with $((outputs_bytes / 1000000)) MB of outputs, $runs runs

- date: $(date -u '+%Y-%m-%d %H:%M:%S UTC'); host: $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)
- commit: $(git -C "$repo_root" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$repo_root" diff --quiet 2>/dev/null || echo " (with uncommitted changes)")
- project: $files C files with -g, $outputs_bytes bytes of outputs (objects and program); the
  cache stores them once: $blobs_bytes bytes in cache/blobs after $((runs * 2 + 1)) recordings and replays
- after every replay the workspace held every object and the restored program printed the right sum

| row | wall clock (median) | vs live build from the same state |
| --- | --- | --- |
| replay + restore (new workspace) | $rm_ ms | $(ratio "$rm_" "$lm") |
| live build (new workspace, --fresh) | $lm ms | 1.00x |
| live no-op incremental build | $nm ms | $(ratio "$nm" "$lm") |

Per run (ms): replay ${replay_ms[*]}; live ${live_ms[*]}; no-op ${noop_ms[*]}.
EOF
