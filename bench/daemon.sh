#!/usr/bin/env bash
# Daemon figures: cold start to the first /_ping answer, idle resident memory, and request rates of
# GET /_ping, /version and /info over the Unix socket with 4 keep-alive connections.
# Usage: bench/daemon.sh [runs]   (run as root after `mvn install`; writes nothing outside a temp dir)
# With REF=1 it also measures dockerd (Debian's docker.io) on its own socket and data root for comparison.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
runs=${1:-5}
wharfd=distribution/target/wharf/bin/wharfd
[ -x "$wharfd" ] || { echo "build first: mvn -DskipTests install" >&2; exit 1; }
work=$(mktemp -d /tmp/wharf-bench.XXXXXX)
trap 'kill $(cat "$work"/pid 2>/dev/null) 2>/dev/null || true; rm -rf "$work"; remove_bench_bridge' EXIT
gcc -O2 -pthread -o "$work/udsload" bench/udsload.c

ping_ok() { curl -s --max-time 1 --unix-socket "$1" http://d/_ping >/dev/null 2>&1; }

start_wharf() {
    echo '{}' > "$work/daemon.json"
    "$wharfd" --data-root "$work/data" --exec-root "$work/run" --pidfile "$work/wharfd.pid" \
        --config-file "$work/daemon.json" -H "unix://$work/wharf.sock" "${bench_bridge_args[@]}" >"$work/log" 2>&1 &
    echo $! > "$work/pid"
}

stop_pid() {
    local pid=$1
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
}


echo "== cold start to first /_ping ($runs runs)"
for i in $(seq 1 "$runs"); do
    t0=$(date +%s%N)
    start_wharf
    for _ in $(seq 1 2000); do ping_ok "$work/wharf.sock" && break; sleep 0.005; done
    ping_ok "$work/wharf.sock" || { echo "wharfd did not answer:" >&2; cat "$work/log" >&2; exit 1; }
    t1=$(date +%s%N)
    echo $(( (t1 - t0) / 1000000 ))
    if [ "$i" -lt "$runs" ]; then stop_pid "$(cat "$work/pid")"; fi
done | tee "$work/starts" | tr '\n' ' '; echo
echo "median cold start: $(median < "$work/starts") ms"

sleep 5
pid=$(cat "$work/pid")
rss=$(awk '/VmRSS/ {print $2}' /proc/"$pid"/status)
echo "idle RSS after 5 s: $((rss / 1024)) MiB"

for path in /_ping /version /info; do
    "$work/udsload" "$work/wharf.sock" "$path" 4 3 >/dev/null   # warm-up
    echo "GET $path: $("$work/udsload" "$work/wharf.sock" "$path" 4 10)"
done
rss=$(awk '/VmRSS/ {print $2}' /proc/"$pid"/status)
echo "RSS after load: $((rss / 1024)) MiB"
stop_pid "$pid"

if [ "${REF:-0}" = 1 ] && command -v dockerd >/dev/null; then
    echo "== reference: dockerd"
    dockerd -H "unix://$work/docker.sock" --data-root "$work/docker" --exec-root "$work/docker-run" \
        --pidfile "$work/docker.pid" >"$work/dockerd.log" 2>&1 &
    dpid=$!
    for _ in $(seq 1 600); do ping_ok "$work/docker.sock" && break; sleep 0.05; done
    sleep 5
    echo "dockerd idle RSS: $(( $(awk '/VmRSS/ {print $2}' /proc/$dpid/status) / 1024 )) MiB (plus containerd)"
    for path in /_ping /version /info; do
        "$work/udsload" "$work/docker.sock" "$path" 4 3 >/dev/null
        echo "dockerd GET $path: $("$work/udsload" "$work/docker.sock" "$path" 4 10)"
    done
    stop_pid "$dpid"
fi
