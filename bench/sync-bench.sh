#!/usr/bin/env bash

# SPDX-FileCopyrightText: 2026 build-service contributors
#
# SPDX-License-Identifier: BSD-2-Clause

# sync-bench.sh - measure build-service's upload, sync and output streaming next to a baseline
# measured in the same run (rsync daemon, raw loopback pipe) and print a Markdown table.
set -euo pipefail

usage() {
    cat <<'EOF'
usage: bench/sync-bench.sh [-p default|large] [-n RUNS] [--build-dir DIR] [--dest-fs DIR] [--no-netns]

Compares build-service with a baseline measured in the same run and prints a Markdown report
(machine facts and a table: scenario | ours | baseline | ratio | bytes | target | met?) on stdout;
progress goes to stderr.

Scenarios (each the median of RUNS runs, ours and baseline alternating):
  1. first full upload   `build-service build --fresh-workspace -- true` into a new workspace
                         vs `rsync -a --delete` into an empty directory of an rsync daemon
  2. no-op round trip    the same on an already synced tree
  3. one modified file   a line appended to one source file before each run
  4. 100 modified files  a line appended to 100 source files before each run
  5. output stream       200 MB printed by the remote command (client stdout to /dev/null)
                         vs the same generator piped through socat over 127.0.0.1;
                         plus the server's peak RSS (VmHWM)
Both tools send the same file set. The baseline is rsync at its best: the daemon's own
filter rules (--filter=':- .gitignore' --exclude=/.git); the rsync that is fed
`git ls-files -co --exclude-standard` as --files-from is timed too and printed beside it
(that listing is part of its timed command, as the scan is part of ours).

options:
  -p PROFILE       corpus profile for make-corpus.sh: default (~16,500 files, ~300 MB) or
                   large (~100,000 files); small is accepted for smoke tests (default: default)
  -n RUNS          runs per scenario, median reported (default: 5)
  --build-dir DIR  CMake build directory holding bin/build-service and bin/build-service-server
                   (default: <repo>/build)
  --dest-fs DIR    where the server's data directory and the rsync destination are created
                   (one fresh subdirectory, removed at exit; default: /var/tmp)
  --no-netns       do not run in a private network namespace (bytes on the wire are then read
                   from the shared loopback counters and include other programs' traffic)
  -h, --help       this text

environment:
  BUILD_SERVICE_SHARED  the shared folder holding bench/make-corpus.sh (or the script itself);
                        default: ../shared relative to the repository root

Bytes on the wire: the delta of the loopback interface's transmit byte counter
(/proc/net/dev) around each operation, which on lo counts every packet once - both directions,
with TCP/IP headers, handshakes and ACKs. The script re-executes itself in a private network
namespace (unshare -n, or unshare -rn when not root) so that no other traffic is counted.
Requires: bash, python3, git, rsync, socat, iproute2 (ip, ss), util-linux (unshare).
EOF
}

die() { echo "sync-bench: $*" >&2; exit 1; }
note() { echo "sync-bench: $*" >&2; }

orig_args=("$@")
profile=default
runs=5
build_dir=""
dest_parent=/var/tmp
use_netns=1
while (($#)); do
    case $1 in
        -p) (($# >= 2)) || die "-p needs a value"; profile=$2; shift 2 ;;
        -n) (($# >= 2)) || die "-n needs a value"; runs=$2; shift 2 ;;
        --build-dir) (($# >= 2)) || die "--build-dir needs a value"; build_dir=$2; shift 2 ;;
        --build-dir=*) build_dir=${1#*=}; shift ;;
        --dest-fs) (($# >= 2)) || die "--dest-fs needs a value"; dest_parent=$2; shift 2 ;;
        --dest-fs=*) dest_parent=${1#*=}; shift ;;
        --no-netns) use_netns=0; shift ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; die "unknown argument: $1" ;;
    esac
done
case $profile in default|large|small) ;; *) die "unknown profile '$profile' (default, large)" ;; esac
[[ $runs =~ ^[1-9][0-9]*$ ]] || die "-n RUNS must be a positive integer, got '$runs'"

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
locate_binaries "$build_dir"

if [[ -n ${BUILD_SERVICE_SHARED:-} ]]; then
    if [[ -f $BUILD_SERVICE_SHARED ]]; then make_corpus=$BUILD_SERVICE_SHARED
    else make_corpus=$BUILD_SERVICE_SHARED/bench/make-corpus.sh; fi
else
    make_corpus=$repo_root/../shared/bench/make-corpus.sh
fi
[[ -f $make_corpus ]] || die "corpus generator not found: $make_corpus (set BUILD_SERVICE_SHARED to the shared folder)"
for tool in python3 git rsync socat date awk; do
    command -v "$tool" >/dev/null || die "required tool not found: $tool"
done
[[ -d $dest_parent ]] || die "--dest-fs directory not found: $dest_parent"

# A private network namespace gives this script a loopback interface of its own, so its byte
# counters see exactly the traffic of the two tools under test.
netns=no
if ((use_netns)); then
    if [[ ${SYNC_BENCH_IN_NETNS:-} == 1 ]]; then
        ip link set lo up || die "cannot bring up lo in the private network namespace"
        netns=yes
    else
        if [[ $(id -u) == 0 ]]; then ns_flags=(-n); else ns_flags=(-r -n); fi
        if command -v unshare >/dev/null && command -v ip >/dev/null && unshare "${ns_flags[@]}" true 2>/dev/null; then
            SYNC_BENCH_IN_NETNS=1 exec unshare "${ns_flags[@]}" -- bash "${BASH_SOURCE[0]}" "${orig_args[@]}"
        fi
        note "warning: cannot create a private network namespace; byte counts include other loopback traffic"
    fi
fi

# ---------------------------------------------------------------- state and cleanup
tmp=""
run_dir=""
server_pid=""
rsync_pid=""
listener_pid=""

stop_pid() { # pid [grace-seconds]: SIGTERM, then SIGKILL after the grace period
    local pid=$1 grace=${2:-20} i
    kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < grace * 10; i++)); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    kill -0 "$pid" 2>/dev/null && { note "pid $pid ignored SIGTERM; killing it"; kill -KILL "$pid" 2>/dev/null || true; }
    wait "$pid" 2>/dev/null || true
}

cleanup() {
    set +e
    [[ -n $listener_pid ]] && stop_pid "$listener_pid" 5
    [[ -n $server_pid ]] && stop_pid "$server_pid" 20
    [[ -n $rsync_pid ]] && stop_pid "$rsync_pid" 5
    [[ -n $run_dir && -d $run_dir ]] && rm -rf -- "$run_dir"
    [[ -n $tmp && -d $tmp ]] && rm -rf -- "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

tmp=$(mktemp -d "${TMPDIR:-/tmp}/sync-bench.XXXXXX")
run_dir=$(mktemp -d "$dest_parent/sync-bench.XXXXXX")
corpus=$tmp/corpus
tiny=$tmp/tiny
data_dir=$run_dir/server-data
rsync_dest=$run_dir/rsync-dest
mkdir -p "$rsync_dest" "$tiny"
logs=$tmp/logs
mkdir -p "$logs"

# ---------------------------------------------------------------- helpers
lo_tx_bytes() { awk -F'[: ]+' '{ sub(/^ +/, "") } $1 == "lo" { print $10; found = 1 } END { if (!found) print 0 }' /proc/net/dev; }

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

wait_listening() { # port pid: until something listens on 127.0.0.1:port
    local port=$1 pid=$2 i
    for ((i = 0; i < 300; i++)); do
        kill -0 "$pid" 2>/dev/null || return 1
        if ss -ltnH "sport = :$port" 2>/dev/null | grep -q .; then return 0; fi
        sleep 0.05
    done
    return 1
}

now_us() { local t; t=$(date +%s%N); echo $((t / 1000)); }

# measure CMD...: runs CMD, sets M_US (wall clock, microseconds) and M_BYTES (loopback bytes)
measure() {
    local b0 b1 t0 t1
    b0=$(lo_tx_bytes)
    t0=$(now_us)
    "$@" || { local rc=$?; dump_logs; die "command failed (exit $rc): $*"; }
    t1=$(now_us)
    # let the connection's closing FIN/ACK exchange reach the counter; outside the timed window
    sleep 0.2
    b1=$(lo_tx_bytes)
    M_US=$((t1 - t0))
    M_BYTES=$((b1 - b0))
}

dump_logs() { local f; for f in "$logs"/*.log; do [[ -s $f ]] && { echo "--- $f (last lines)"; tail -n 15 "$f"; }; done >&2; return 0; }

median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else printf "%.0f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

start_server() {
    local log=$logs/server.$((++server_starts)).log i
    "$server_bin" --port 0 --data-dir "$data_dir" >"$log" 2>&1 &
    server_pid=$!
    server_url=""
    for ((i = 0; i < 600; i++)); do
        server_url=$(grep -m 1 -o 'ws://127\.0\.0\.1:[0-9]*' "$log" 2>/dev/null) || true
        [[ -n $server_url ]] && return 0
        kill -0 "$server_pid" 2>/dev/null || { cat "$log" >&2; die "server exited at start"; }
        sleep 0.05
    done
    cat "$log" >&2
    die "server did not print its URL within 30 s"
}
server_starts=0

stop_server() { [[ -z $server_pid ]] || stop_pid "$server_pid" 20; server_pid=""; }

server_hwm_kb() { awk '$1 == "VmHWM:" { print $2 }' "/proc/$server_pid/status"; }

# ours DIR ARGS...: the client in checkout DIR; stdout discarded, stderr logged
ours() {
    local dir=$1; shift
    (cd "$dir" && exec "$cli" build --server "$server_url" -q --no-cache "$@") >/dev/null 2>>"$logs/client.log"
}

# baseline push of the checkout's file set into rsync module subdirectory SUB
rsync_push() {
    (cd "$corpus" && git ls-files -co --exclude-standard -z |
        rsync -a --delete --from0 --files-from=- ./ "rsync://127.0.0.1:$rsync_port/bench/$1/") \
        >/dev/null 2>>"$logs/rsync.log"
}

# the same file set the way a skilled rsync user sends it: the daemon applies the .gitignore
# rules itself (dir-merge, so nested .gitignore files count too) instead of being fed a list
rsync_filter_push() {
    (cd "$corpus" && rsync -a --delete --filter=':- .gitignore' --exclude=/.git ./ "rsync://127.0.0.1:$rsync_port/bench/$1/") \
        >/dev/null 2>>"$logs/rsync.log"
}

gen_cmd="head -c 200000000 /dev/zero | tr '\\000' x"
out_bytes=200000000

raw_listen() { # start the receiving end of the raw pipe (not timed)
    raw_port=$(free_port)
    socat -u "TCP-LISTEN:$raw_port,bind=127.0.0.1,reuseaddr" - >/dev/null 2>>"$logs/socat.log" &
    listener_pid=$!
    wait_listening "$raw_port" "$listener_pid" || die "socat did not listen on port $raw_port"
}
raw_send() { # the output generator through the plain TCP connection into /dev/null
    sh -c "$gen_cmd | socat -u - TCP:127.0.0.1:$raw_port" 2>>"$logs/socat.log"
    wait "$listener_pid"
    listener_pid=""
}

# append one line to each file named in FILE (a list of paths relative to the corpus)
touch_files() { local f; while IFS= read -r f; do echo "// bench edit $2" >>"$corpus/$f"; done <"$1"; }

# ---------------------------------------------------------------- setup
note "generating the '$profile' corpus with $make_corpus (deterministic)..."
bash "$make_corpus" -p "$profile" "$corpus" >"$logs/corpus.log" 2>&1 || { cat "$logs/corpus.log" >&2; die "make-corpus.sh failed"; }
sync_files=$(git -C "$corpus" ls-files -co --exclude-standard | wc -l)
sync_bytes=$(cd "$corpus" && git ls-files -co --exclude-standard -z | du -cb --files0-from=- 2>/dev/null | tail -n 1 | cut -f1)
git -C "$corpus" ls-files '*.cpp' | sed -n 1p >"$tmp/one.list"
git -C "$corpus" ls-files '*.cpp' '*.h' | awk -v n="$(git -C "$corpus" ls-files '*.cpp' '*.h' | wc -l)" \
    'BEGIN { step = int(n / 100); if (step < 1) step = 1 } (NR - 1) % step == 0 && c < 100 { print; c++ }' >"$tmp/hundred.list"
[[ $(wc -l <"$tmp/hundred.list") == 100 ]] || die "corpus has fewer than 100 source files"
declare -a ls_us
for i in 1 2 3; do
    t0=$(now_us); git -C "$corpus" ls-files -co --exclude-standard -z >/dev/null; ls_us+=($(($(now_us) - t0)))
done
ls_files_us=$(median "${ls_us[@]}")
echo "a tiny checkout for the output benchmark" >"$tiny/README"

[[ $(stat -c %d "$run_dir") == $(stat -c %d "$rsync_dest") ]] || die "server data and rsync destination are on different filesystems"

rsync_port=$(free_port)
cat >"$tmp/rsyncd.conf" <<EOF
pid file = $tmp/rsyncd.pid
log file = $logs/rsyncd.log
use chroot = no
# with use chroot = no rsync would rewrite symlinks by default; keep them as build-service does
munge symlinks = no
uid = $(id -u)
gid = $(id -g)

[bench]
    path = $rsync_dest
    read only = no
    list = no
EOF
rsync --daemon --no-detach --config="$tmp/rsyncd.conf" --address=127.0.0.1 --port="$rsync_port" 2>>"$logs/rsyncd.log" &
rsync_pid=$!
wait_listening "$rsync_port" "$rsync_pid" || { cat "$logs/rsyncd.log" >&2; die "rsync daemon did not start"; }

load_before=$(uptime)
commit=$(git -C "$repo_root" rev-parse --short HEAD 2>/dev/null || echo unknown)
dirty=""
if git -C "$repo_root" status --porcelain --untracked-files=no 2>/dev/null | grep -q .; then dirty=" (with uncommitted changes)"; fi

# ---------------------------------------------------------------- 1. first full upload
declare -a f_ours_us f_ours_b f_base_us f_base_b
first_hwm=0
run_first_ours() {
    stop_server
    rm -rf -- "$data_dir"
    start_server
    sync
    measure ours "$corpus" --fresh-workspace -- true
    f_ours_us+=("$M_US"); f_ours_b+=("$M_BYTES")
    local hwm; hwm=$(server_hwm_kb)
    ((hwm > first_hwm)) && first_hwm=$hwm
    return 0
}
declare -a f_list_us f_list_b
run_first_base() {
    rm -rf -- "$rsync_dest/ftree"
    sync
    measure rsync_filter_push ftree
    f_base_us+=("$M_US"); f_base_b+=("$M_BYTES")
}
run_first_list() {
    rm -rf -- "$rsync_dest/tree"
    sync
    measure rsync_push tree
    f_list_us+=("$M_US"); f_list_b+=("$M_BYTES")
}
for ((i = 1; i <= runs; i++)); do
    note "first upload, run $i/$runs"
    if ((i % 2)); then run_first_ours; run_first_base; run_first_list; else run_first_list; run_first_base; run_first_ours; fi
done
# both rsync variants must have sent the same files as the client (the baseline's fairness)
diff <(cd "$rsync_dest/tree" && find . -path ./.build-service -prune -o -print | sort) \
     <(cd "$rsync_dest/ftree" && find . -path ./.build-service -prune -o -print | sort) >"$logs/fileset.diff" \
    || note "warning: the two rsync variants sent different file sets (see $logs/fileset.diff)"
# the last runs leave both sides synced: ours in the workspace named by .build-service/, rsync in tree/

# sanity check (and log) what the client sent: one non-quiet no-op build
(cd "$corpus" && "$cli" build --server "$server_url" --no-cache -- true) >"$logs/sanity.log" 2>&1 || { cat "$logs/sanity.log" >&2; die "sanity build failed"; }
synced_line=$(grep -m 1 -o 'synced: .*' "$logs/sanity.log") || synced_line="(no synced line)"
rsync_push tree
rsync_filter_push ftree

# ---------------------------------------------------------------- 2-4. incremental
run_series() { # name list-file-or-empty: sets the medians S_OURS_US S_OURS_B S_BASE_US S_BASE_B
    local name=$1 list=$2 i
    local -a ou ob bu bb lu lb
    for ((i = 1; i <= runs; i++)); do
        note "$name, run $i/$runs"
        [[ -z $list ]] || touch_files "$list" "$name $i"
        if ((i % 2)); then
            measure ours "$corpus" -- true; ou+=("$M_US"); ob+=("$M_BYTES")
            measure rsync_filter_push ftree; bu+=("$M_US"); bb+=("$M_BYTES")
            measure rsync_push tree; lu+=("$M_US"); lb+=("$M_BYTES")
        else
            measure rsync_push tree; lu+=("$M_US"); lb+=("$M_BYTES")
            measure rsync_filter_push ftree; bu+=("$M_US"); bb+=("$M_BYTES")
            measure ours "$corpus" -- true; ou+=("$M_US"); ob+=("$M_BYTES")
        fi
    done
    S_OURS_US=$(median "${ou[@]}"); S_OURS_B=$(median "${ob[@]}")
    S_OURS_LIST="${ou[*]}" S_BASE_LIST="${bu[*]}"
    S_BASE_US=$(median "${bu[@]}"); S_BASE_B=$(median "${bb[@]}")
    S_LIST_US=$(median "${lu[@]}")
}
run_series no-op ""
noop_ours_us=$S_OURS_US noop_ours_b=$S_OURS_B noop_base_us=$S_BASE_US noop_base_b=$S_BASE_B noop_list_us=$S_LIST_US
noop_ours_list=$S_OURS_LIST noop_base_list=$S_BASE_LIST
run_series "one file" "$tmp/one.list"
one_ours_us=$S_OURS_US one_ours_b=$S_OURS_B one_base_us=$S_BASE_US one_base_b=$S_BASE_B one_list_us=$S_LIST_US
one_ours_list=$S_OURS_LIST one_base_list=$S_BASE_LIST
run_series "100 files" "$tmp/hundred.list"
hundred_ours_us=$S_OURS_US hundred_ours_b=$S_OURS_B hundred_base_us=$S_BASE_US hundred_base_b=$S_BASE_B hundred_list_us=$S_LIST_US
hundred_ours_list=$S_OURS_LIST hundred_base_list=$S_BASE_LIST
sync_hwm=$(server_hwm_kb)
((sync_hwm > first_hwm)) && first_hwm=$sync_hwm

# ---------------------------------------------------------------- 5. output stream
stop_server
start_server   # a fresh process, so VmHWM reflects the output stream only
ours "$tiny" -- true   # creates the tiny workspace: the timed runs upload one small file
declare -a o_ours_us o_ours_b o_base_us o_base_b
run_out_ours() { measure ours "$tiny" -- "$gen_cmd"; o_ours_us+=("$M_US"); o_ours_b+=("$M_BYTES"); }
run_out_base() { raw_listen; measure raw_send; o_base_us+=("$M_US"); o_base_b+=("$M_BYTES"); }
for ((i = 1; i <= runs; i++)); do
    note "output stream, run $i/$runs"
    if ((i % 2)); then run_out_ours; run_out_base; else run_out_base; run_out_ours; fi
done
out_hwm=$(server_hwm_kb)
stop_server

load_after=$(uptime)

# ---------------------------------------------------------------- report
first_ours_us=$(median "${f_ours_us[@]}"); first_ours_b=$(median "${f_ours_b[@]}")
first_base_us=$(median "${f_base_us[@]}"); first_base_b=$(median "${f_base_b[@]}")
first_list_us=$(median "${f_list_us[@]}")
out_ours_us=$(median "${o_ours_us[@]}"); out_ours_b=$(median "${o_ours_b[@]}")
out_base_us=$(median "${o_base_us[@]}"); out_base_b=$(median "${o_base_b[@]}")

ms() { awk -v u="$1" 'BEGIN { printf "%.1f ms", u / 1000 }'; }
mbps() { awk -v u="$1" -v b="$out_bytes" 'BEGIN { printf "%.1f", b / 1e6 / (u / 1e6) }'; }
human() { awk -v b="$1" 'BEGIN { if (b < 1024) printf "%d B", b; else if (b < 1048576) printf "%.1f KiB", b / 1024; else if (b < 1073741824) printf "%.1f MiB", b / 1048576; else printf "%.2f GiB", b / 1073741824 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "n/a"; else printf "%.2fx", a / b }'; }
# le A B: A <= B (floating point)
le() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a <= b) }'; }
yesno() { if "$@"; then echo yes; else echo "**no**"; fi; }
both() { [[ $1 == yes && $2 == yes ]] && echo yes || echo "**no**"; }

out_ours_mbps=$(mbps "$out_ours_us"); out_base_mbps=$(mbps "$out_base_us")
r_first=$(awk -v a="$first_ours_us" -v b="$first_base_us" 'BEGIN { print a / b }')
r_first_b=$(awk -v a="$first_ours_b" -v b="$first_base_b" 'BEGIN { print a / b }')
r_noop=$(awk -v a="$noop_ours_us" -v b="$noop_base_us" 'BEGIN { print a / b }')
r_one=$(awk -v a="$one_ours_us" -v b="$one_base_us" 'BEGIN { print a / b }')
r_out=$(awk -v a="$out_ours_mbps" -v b="$out_base_mbps" 'BEGIN { print a / b }')

met_first=$(both "$(yesno le "$r_first" 1.0)" "$(yesno le "$r_first_b" 0.6)")
met_noop=$(both "$(yesno le "$r_noop" 0.25)" "$(yesno le "$noop_ours_b" 16384)")
met_one=$(yesno le "$r_one" 0.3)
met_out=$(yesno le 0.3 "$r_out")
met_out_rss=$(yesno le "$out_hwm" 102399)
met_sync_rss=$(yesno le "$first_hwm" 102399)

runs_ms() { awk -v l="$*" 'BEGIN { n = split(l, a, " "); for (i = 1; i <= n; i++) printf "%s%.0f", (i > 1 ? ", " : ""), a[i] / 1000 }'; }

cat <<EOF
### sync-bench: profile \`$profile\`, $runs runs, commit \`$commit\`$dirty

- date: $(date -u '+%Y-%m-%d %H:%M:%S UTC'); host: $(nproc) CPUs ($(awk -F': ' '/^model name/ && !n++ { print $2 }' /proc/cpuinfo)), $(awk '/^MemTotal/ { printf "%.1f GiB RAM", $2 / 1048576 }' /proc/meminfo), kernel $(uname -r)
- load before: \`${load_before#*load average: }\`; after: \`${load_after#*load average: }\` (load averages, 1/5/15 min)
- destination filesystem: $(df --output=fstype "$run_dir" | sed -n 2p) ($dest_parent); corpus: $sync_files files, $(human "$sync_bytes") in the sync set; $(cat "$corpus/.corpus-info" 2>/dev/null || true)
- client report of a no-op build: \`$synced_line\`
- binaries: $build_dir/bin (server built $(date -u -r "$server_bin" '+%Y-%m-%d %H:%M UTC'), client $(date -u -r "$cli" '+%Y-%m-%d %H:%M UTC'))
- bytes on the wire: loopback transmit counter, both directions, TCP/IP headers included; private network namespace: $netns
- tools: $(rsync --version | sed -n '1s/  */ /gp'), $(socat -V 2>/dev/null | awk '/socat version/ && !n++ { print "socat " $3 }'); timing: date +%s%N, median of $runs
- baseline: \`rsync -a --delete --filter=':- .gitignore' --exclude=/.git ./ rsync://…\` into an rsync daemon (the fastest way a skilled user sends the same file set); the column "rsync --files-from" is \`git ls-files -co --exclude-standard -z | rsync -a --delete --from0 --files-from=- …\` (the listing alone: median $(ms "$ls_files_us"))

| scenario | ours | baseline (rsync, filter rules) | ratio (ours/baseline) | rsync --files-from | ours bytes | baseline bytes | target | met? |
| --- | --- | --- | --- | --- | --- | --- | --- | --- |
| first full upload (into an empty dir) | $(ms "$first_ours_us") | $(ms "$first_base_us") | $(ratio "$first_ours_us" "$first_base_us") time, $(ratio "$first_ours_b" "$first_base_b") bytes | $(ms "$first_list_us") | $(human "$first_ours_b") | $(human "$first_base_b") | ≤ 1.0x time, ≤ 0.6x bytes | $met_first |
| no-op round trip | $(ms "$noop_ours_us") | $(ms "$noop_base_us") | $(ratio "$noop_ours_us" "$noop_base_us") | $(ms "$noop_list_us") | $(human "$noop_ours_b") | $(human "$noop_base_b") | ≤ 0.25x time, ≤ 16 KiB | $met_noop |
| one modified file | $(ms "$one_ours_us") | $(ms "$one_base_us") | $(ratio "$one_ours_us" "$one_base_us") | $(ms "$one_list_us") | $(human "$one_ours_b") | $(human "$one_base_b") | ≤ 0.3x time | $met_one |
| 100 modified files | $(ms "$hundred_ours_us") | $(ms "$hundred_base_us") | $(ratio "$hundred_ours_us" "$hundred_base_us") | $(ms "$hundred_list_us") | $(human "$hundred_ours_b") | $(human "$hundred_base_b") | (none) | - |
| output stream, 200 MB (vs socat pipe) | $out_ours_mbps MB/s | $out_base_mbps MB/s | $(ratio "$out_ours_mbps" "$out_base_mbps") | - | $(human "$out_ours_b") | $(human "$out_base_b") | ≥ 0.3x | $met_out |
| server peak RSS, output stream | $(human $((out_hwm * 1024))) | - | - | - | - | - | < 100 MiB | $met_out_rss |
| server peak RSS, first upload + incremental syncs | $(human $((first_hwm * 1024))) | - | - | - | - | - | < 100 MiB | $met_sync_rss |

Individual runs in order (ms, ours / baseline): first upload $(runs_ms "${f_ours_us[*]}") / $(runs_ms "${f_base_us[*]}");
no-op $(runs_ms "$noop_ours_list") / $(runs_ms "$noop_base_list");
one file $(runs_ms "$one_ours_list") / $(runs_ms "$one_base_list");
100 files $(runs_ms "$hundred_ours_list") / $(runs_ms "$hundred_base_list");
output stream $(runs_ms "${o_ours_us[*]}") / $(runs_ms "${o_base_us[*]}").
EOF
