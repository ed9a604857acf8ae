#!/usr/bin/env bash
# cache-bench.sh - time the instant replay of a 10 MB build recording next to a live `cat` of the
# same bytes (the build the cache replaces), and print a Markdown report.
set -euo pipefail

usage() {
    cat <<'EOF'
usage: bench/cache-bench.sh [-n RUNS] [-m MB] [--build-dir DIR] [--dest-fs DIR]

Starts build-service-server (port 0, its own data directory) and a checkout holding one file
of MB megabytes (default 10) of build-log-like text. The build command is `cat payload.txt`.

Rows (each the median of RUNS runs, default 5; live and replay runs alternate):
  instant replay   `build-service build -q -- cat payload.txt`: answered from the recording
  live cat         `build-service build -q --fresh -- cat payload.txt`: the command runs
                   (and its recording replaces the previous one)
  local cat        `cat payload.txt > /dev/null` on this machine, as a floor
Times are wall clock around the client (process start, connect, no-op delta upload, output
streamed to /dev/null, exit) and, for the two remote rows, the server's duration_ms from the
exit event (command run time for live builds, replay time for replays). Every replay's stdout is
compared byte for byte with the payload.

options:
  -n RUNS          runs per row, median reported (default: 5)
  -m MB            payload size in MB (10^6 bytes; default: 10)
  --build-dir DIR  CMake build directory holding bin/build-service and bin/build-service-server
                   (default: <repo>/build)
  --dest-fs DIR    parent of the temporary data directory and checkout (default: /var/tmp)
  -h, --help       this text
Requires: bash, python3, coreutils.
EOF
}

die() { echo "cache-bench: $*" >&2; exit 1; }
note() { echo "cache-bench: $*" >&2; }

runs=5
megabytes=10
build_dir=""
dest_parent=/var/tmp
while (($#)); do
    case $1 in
        -n) (($# >= 2)) || die "-n needs a value"; runs=$2; shift 2 ;;
        -m) (($# >= 2)) || die "-m needs a value"; megabytes=$2; shift 2 ;;
        --build-dir) (($# >= 2)) || die "--build-dir needs a value"; build_dir=$2; shift 2 ;;
        --build-dir=*) build_dir=${1#*=}; shift ;;
        --dest-fs) (($# >= 2)) || die "--dest-fs needs a value"; dest_parent=$2; shift 2 ;;
        --dest-fs=*) dest_parent=${1#*=}; shift ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; die "unknown argument: $1" ;;
    esac
done
[[ $runs =~ ^[1-9][0-9]*$ ]] || die "-n RUNS must be a positive integer, got '$runs'"
[[ $megabytes =~ ^[1-9][0-9]*$ ]] || die "-m MB must be a positive integer, got '$megabytes'"

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
locate_binaries "$build_dir"
command -v python3 >/dev/null || die "python3 is required"

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
# Build-log-like text: varied lines, valid UTF-8 (so the output travels as JSON text), and
# deterministic, so every run of the benchmark replays the same bytes.
python3 - "$checkout/payload.txt" "$((megabytes * 1000000))" <<'PY'
import random, sys
path, size = sys.argv[1], int(sys.argv[2])
rng = random.Random(20261122)
words = ["compiling", "linking", "warning:", "note:", "src/core/module", "include/api", "-O2", "-Wall",
         "[ 42%]", "Building CXX object", "CMakeFiles/app.dir", "unused variable", "in function", "ok"]
out, n = [], 0
while n < size:
    line = " ".join(rng.choice(words) for _ in range(rng.randint(3, 12)))
    line += " %08x\n" % rng.getrandbits(32)
    out.append(line)
    n += len(line)
data = "".join(out)[:size]
open(path, "w").write(data)
PY
payload_bytes=$(stat -c %s "$checkout/payload.txt")

cat > "$work/server.toml" <<EOF
[build]
max_output_bytes = 1073741824
[cache]
toolchain_commands = []
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

# run_build OUTFILE ARGS... : runs the CLI in the checkout; prints "wall_ms server_ms cached".
run_build() {
    local out=$1; shift
    local start end
    start=$(now_ns)
    (cd "$checkout" && "$cli" build --server "$url" "$@" -- cat payload.txt) >"$out" 2>"$work/cli.err" \
        || die "build failed: $(cat "$work/cli.err")"
    end=$(now_ns)
    local server_s cached=no
    server_s=$(sed -n 's/^build-service: finished with exit code 0 in \([0-9.]*\) s$/\1/p' "$work/cli.err" | tail -1)
    grep -q '^build-service: replayed from cache' "$work/cli.err" && cached=yes
    echo "$(( (end - start) / 1000000 )) $(python3 -c "print(round(float('${server_s:-0}') * 1000))") $cached"
}

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2] + a[NR/2+1]) / 2)}'; }

note "recording: first build (live, recorded)"
read -r _ _ cached < <(run_build "$work/first.out")
[[ $cached == no ]] || die "the first build was unexpectedly replayed"
cmp -s "$work/first.out" "$checkout/payload.txt" || die "the live output differs from the payload"
for _ in $(seq 1 50); do
    [[ -n $(ls "$data/cache/recordings" 2>/dev/null) ]] && break
    sleep 0.1
done
recording_bytes=$(stat -c %s "$data"/cache/recordings/*.rec.zst | head -1)

replay_wall=(); replay_server=(); live_wall=(); live_server=(); local_ms=()
for i in $(seq 1 "$runs"); do
    note "run $i/$runs"
    order=(replay live)
    ((i % 2 == 0)) && order=(live replay)
    for what in "${order[@]}"; do
        if [[ $what == replay ]]; then
            read -r wall server cached < <(run_build "$work/replay.out")
            [[ $cached == yes ]] || die "run $i: the replay was not answered from the cache"
            cmp -s "$work/replay.out" "$checkout/payload.txt" || die "run $i: the replayed output differs from the payload"
            replay_wall+=("$wall"); replay_server+=("$server")
        else
            read -r wall server cached < <(run_build "$work/live.out" --fresh)
            [[ $cached == no ]] || die "run $i: --fresh was replayed"
            live_wall+=("$wall"); live_server+=("$server")
            # The fresh build replaces the recording; wait until it is stored before the next replay.
            sleep 0.3
        fi
    done
    start=$(now_ns); cat "$checkout/payload.txt" >/dev/null; end=$(now_ns)
    local_ms+=($(( (end - start) / 1000000 )))
done

rw=$(median "${replay_wall[@]}"); rs=$(median "${replay_server[@]}")
lw=$(median "${live_wall[@]}"); ls_=$(median "${live_server[@]}")
lc=$(median "${local_ms[@]}")
ratio() { python3 -c "print('%.2fx' % ($1 / $2) if $2 > 0 else 'n/a')"; }
mbs() { python3 -c "print('%.0f' % ($payload_bytes / 1e6 / ($1 / 1000.0)) if $1 > 0 else 'n/a')"; }

cat <<EOF
### cache-bench: instant replay of a $megabytes MB recording, $runs runs

- date: $(date -u '+%Y-%m-%d %H:%M:%S UTC'); host: $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)
- commit: $(git -C "$repo_root" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$repo_root" diff --quiet 2>/dev/null || echo " (with uncommitted changes)")
- payload: $payload_bytes bytes of build-log-like text; recording on disk: $recording_bytes bytes (zstd)
- every replay's stdout was byte-identical to the payload

| row | wall clock (median) | server-reported (median, 0.1 s steps) | MB/s (wall) | vs live cat (wall) |
| --- | --- | --- | --- | --- |
| instant replay | $rw ms | $rs ms (replay) | $(mbs "$rw") | $(ratio "$rw" "$lw") |
| live \`cat\` (--fresh) | $lw ms | $ls_ ms (command) | $(mbs "$lw") | 1.00x |
| local \`cat\` > /dev/null | $lc ms | - | $(mbs "$lc") | $(ratio "$lc" "$lw") |

Per run (ms, wall): replay ${replay_wall[*]}; live ${live_wall[*]}; local ${local_ms[*]}.
Per run (ms, server): replay ${replay_server[*]}; live ${live_server[*]}.
EOF
