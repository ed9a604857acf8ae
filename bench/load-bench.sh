#!/usr/bin/env bash

# SPDX-FileCopyrightText: 2026 build-service contributors
#
# SPDX-License-Identifier: BSD-2-Clause

# load-bench.sh - concurrent builds while the GC removes a huge workspace: largest gap in any
# client's output stream and status latency, with the targets of issue #11.
set -euo pipefail

usage() {
    cat <<'EOF'
usage: bench/load-bench.sh [-c CLIENTS] [-f FILES] [-d SECONDS] [--build-dir DIR] [--dest-fs DIR]

Starts build-service-server, fills one workspace with FILES empty files and lets it expire, then
runs CLIENTS builds at once (each on its own workspace, each printing a line every 10 ms for
SECONDS) while the GC removes the big workspace, and a prober that sends `status` on one
connection, one request after the other. Prints a Markdown report on stdout:

  - builds that failed (target: 0)
  - the largest gap between two output lines as any client received them (target: < 100 ms)
  - p50 / p99 / max latency of `status` (target: p99 < 50 ms)
  - whether the prober saw the removal in progress (status "trash.removing") while it
    measured, and how long the removal took (the server's "removed <id> in <n> ms" line)

Defaults are the issue's: 32 clients, 300,000 files, 20 s. Creating the files alone takes a
while on a slow disk; -f 50000 -c 8 -d 10 is a quick smoke run.

options:
  -c CLIENTS       concurrent builds (default 32)
  -f FILES         files in the workspace the GC removes (default 300000)
  -d SECONDS       how long each build prints (default 20)
  --build-dir DIR  CMake build directory with bin/build-service and bin/build-service-server
                   (default: <repo>/build)
  --dest-fs DIR    parent of the server's data directory (default: /var/tmp)
  -h, --help       this text
Requires: bash, python3 (gap and latency measurement; it speaks WebSocket itself).
EOF
}

die() { echo "load-bench: $*" >&2; exit 1; }
note() { echo "load-bench: $*" >&2; }

clients=32
files=300000
seconds=20
build_dir=""
dest_parent=/var/tmp
while (($#)); do
    case $1 in
        -c) clients=$2; shift 2 ;;
        -f) files=$2; shift 2 ;;
        -d) seconds=$2; shift 2 ;;
        --build-dir) build_dir=$2; shift 2 ;;
        --dest-fs) dest_parent=$2; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; exit 2 ;;
    esac
done
[[ $clients =~ ^[0-9]+$ && $files =~ ^[0-9]+$ && $seconds =~ ^[0-9]+$ ]] || die "-c, -f and -d take whole numbers"
command -v python3 >/dev/null || die "python3 is required"

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
locate_binaries "$build_dir"

work=$(mktemp -d "$dest_parent/load-bench.XXXXXX")
server_pid=""
cleanup() {
    if [[ -n $server_pid ]]; then kill -TERM "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT
# LOAD_BENCH_KEEP_LOG=<file>: keep the server's log there for a closer look.
keep_log() { [[ -z ${LOAD_BENCH_KEEP_LOG:-} ]] || cp "$work/server.log" "$LOAD_BENCH_KEEP_LOG"; }

# The big workspace expires 5 s after its build; the GC looks every second.
cat >"$work/server.toml" <<EOF
[build]
workspace_ttl_sec = 5
gc_interval_sec = 1
max_workspaces = 0
max_total_bytes = 0
[cache]
enabled = false
EOF
"$server_bin" --port 0 --data-dir "$work/data" --config "$work/server.toml" >"$work/server.out" 2>"$work/server.log" &
server_pid=$!
for _ in $(seq 1 100); do
    grep -q "listening on" "$work/server.out" 2>/dev/null && break
    sleep 0.1
done
url=$(sed -n 's/.*listening on \(ws:\/\/[^ ]*\).*/\1/p' "$work/server.out")
[[ -n $url ]] || die "the server did not start: $(cat "$work/server.log")"
note "server at $url, data in $work/data"

# 1. The workspace the GC will remove.
mkdir -p "$work/big" && echo big >"$work/big/a.txt"
dirs=$(( (files + 999) / 1000 ))
note "filling a workspace with $files files ($dirs directories)"
(cd "$work/big" && "$cli" build -q --server "$url" -- \
    "for d in \$(seq 1 $dirs); do mkdir \$d && (cd \$d && seq 1 1000 | xargs touch); done") >/dev/null \
    || die "the build filling the big workspace failed"
big_id=$(cat "$work/big/.build-service/workspace-id")

# 2. Load: builds that print a line every 10 ms, and the status prober, at once.
cat >"$work/gaps.py" <<'EOF'
import sys, time
# Reads a client's stdout; prints the largest gap (ms) between two lines and the line count.
last = None; gap = 0.0; n = 0; at = 0
for line in sys.stdin.buffer:
    now = time.monotonic(); n += 1
    if last is not None and (now - last) * 1000 > gap: gap = (now - last) * 1000; at = n
    last = now
print(f"{gap:.1f} {n} {at}")
EOF
cat >"$work/probe.py" <<'EOF'
import base64, json, os, socket, struct, sys, time
# A minimal WebSocket client: hello, then `status` after `status` for the given seconds.
host, port, seconds, big = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
s = socket.create_connection((host, port))
key = base64.b64encode(os.urandom(16)).decode()
s.sendall((f"GET / HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
           f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
buf = b""
while b"\r\n\r\n" not in buf: buf += s.recv(4096)
buf = buf.split(b"\r\n\r\n", 1)[1]
def send(obj):
    data = json.dumps(obj).encode(); mask = os.urandom(4)
    head = bytes([0x81]) + (bytes([0x80 | len(data)]) if len(data) < 126 else bytes([0x80 | 126]) + struct.pack(">H", len(data)))
    s.sendall(head + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(data)))
def recv():
    global buf
    while True:
        while len(buf) < 2: buf += s.recv(65536)
        op, ln = buf[0] & 0x0f, buf[1] & 0x7f; off = 2
        if ln == 126:
            while len(buf) < 4: buf += s.recv(65536)
            ln = struct.unpack(">H", buf[2:4])[0]; off = 4
        elif ln == 127:
            while len(buf) < 10: buf += s.recv(65536)
            ln = struct.unpack(">Q", buf[2:10])[0]; off = 10
        while len(buf) < off + ln: buf += s.recv(65536)
        payload, buf = buf[off:off + ln], buf[off + ln:]
        if op == 9:  # ping: answer it, as any WebSocket stack does
            mask = os.urandom(4)
            s.sendall(bytes([0x8a, 0x80 | len(payload)]) + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))
            continue
        if op == 1: return json.loads(payload)
send({"type": "hello", "protocol": 1, "client": "load-bench-probe"})
recv()
lat = []; seen = False; end = time.monotonic() + seconds
while time.monotonic() < end:
    time.sleep(0.005)  # a steady probe, not a flood that competes with the builds for the server
    t = time.monotonic(); send({"type": "status"})
    while True:
        r = recv()
        if r.get("type") == "status_reply": break
    lat.append((time.monotonic() - t) * 1000)
    seen = seen or r.get("trash", {}).get("removing") == big
lat.sort()
pick = lambda q: lat[min(len(lat) - 1, int(q * len(lat)))]
print(f"{len(lat)} {pick(0.5):.2f} {pick(0.99):.2f} {lat[-1]:.2f} {'yes' if seen else 'no'}")
EOF

note "starting $clients builds and the status prober"
pids=()
for i in $(seq 1 "$clients"); do
    mkdir -p "$work/c$i" && echo "$i" >"$work/c$i/a.txt"
    ( cd "$work/c$i"
      set +e
      "$cli" build -q --server "$url" -- "for i in \$(seq 1 $((seconds * 100))); do echo tick \$i; sleep 0.01; done" \
          | python3 "$work/gaps.py" >"$work/c$i.gap"
      echo "${PIPESTATUS[0]}" >"$work/c$i.rc" ) &
    pids+=($!)
done
port=${url##*:}
python3 "$work/probe.py" 127.0.0.1 "$port" "$seconds" "$big_id" >"$work/probe.out" &
probe_pid=$!
wait "${pids[@]}"
wait "$probe_pid"

# 3. Report.
failed=0; max_gap=0
for i in $(seq 1 "$clients"); do
    [[ $(cat "$work/c$i.rc") == 0 ]] || failed=$((failed + 1))
    gap=$(cut -d' ' -f1 "$work/c$i.gap")
    max_gap=$(python3 -c "print(max($max_gap, $gap))")
done
read -r samples p50 p99 pmax seen <"$work/probe.out"
removal=$(sed -n "s/.*removed $big_id in \([0-9]*\) ms.*/\1/p" "$work/server.log" | head -1)
# The server warns when its event loop ran a 50 ms timer 100 ms or more late.
stalls=$(grep -c "the event loop was blocked" "$work/server.log" || true)
worst_stall=$(sed -n 's/.*the event loop was blocked for about \([0-9]*\) ms.*/\1/p' "$work/server.log" | sort -n | tail -1)
keep_log
met() { python3 -c "print('yes' if $1 else 'no')"; }
cat <<EOF
## load-bench: $clients builds while the GC removes a workspace of $files files

| measure | value | target | met? |
| --- | --- | --- | --- |
| builds failed | $failed of $clients | 0 | $(met "$failed == 0") |
| largest gap in any client's output | ${max_gap} ms | < 100 ms | $(met "$max_gap < 100") |
| status latency p50 / p99 / max ($samples requests) | $p50 / $p99 / $pmax ms | p99 < 50 ms | $(met "$p99 < 50") |
| removal seen in progress by the prober | $seen | yes | $(met "'$seen' == 'yes'") |
| removal of the big workspace took | ${removal:-not finished} ms | | |
| server event loop blocked ≥ 100 ms | $stalls times, worst ${worst_stall:-0} ms | 0 | $(met "$stalls == 0") |

Machine: $(nproc) CPUs, $(uname -sr); data directory on $(df -PT "$work" | awk 'NR==2 {print $2}').
Output lines are timestamped where the client prints them (so the gap includes the client);
each build prints one line per 10 ms, so about 10 ms of every gap is the build itself.
EOF
