#!/usr/bin/env bash
# Container figures with the docker CLI against the built daemon (own data root and socket in a temp dir):
#   run --rm --network none busybox true (median of N), the same with crun, run --rm on the default bridge
#   (a bridge of the bench's own, removed at exit), docker exec C true (median of N),
#   run -d + rm -f (median of N), 20 x run --rm at once (wall time), GET /containers/json?all=1 with 50
#   containers (4 keep-alive connections, bench/udsload.c), and daemon + conmons PSS with 50 running.
# Usage: bench/containers.sh [runs]   (root, after `mvn -DskipTests install`; the busybox image is built from
# the host's busybox-static; everything created is removed at exit)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
runs=${1:-20}
single_daemon_bench containers

for _ in 1 2 3; do docker run --rm --network none busybox true; done   # warm up the JIT

echo "== docker run --rm --network none busybox true, runc (median of $runs, ms)"
for _ in $(seq 1 "$runs"); do ms docker run --rm --network none busybox true; done | median
echo "== the same with --runtime crun (median of $runs, ms)"
for _ in $(seq 1 "$runs"); do ms docker run --rm --network none --runtime crun busybox true; done | median

echo "== docker run --rm busybox true on the default bridge, runc (median of $runs, ms)"
for _ in $(seq 1 "$runs"); do ms docker run --rm busybox true; done | median

echo "== docker exec C true (median of $runs, ms)"
docker run -d --name bench-exec --network none busybox sleep 100000 >/dev/null
for _ in $(seq 1 "$runs"); do ms docker exec bench-exec true; done | median
docker rm -f bench-exec >/dev/null

echo "== docker run -d + docker rm -f (median of $runs, ms)"
for _ in $(seq 1 "$runs"); do
    t0=$(date +%s%N)
    id=$(docker run -d --network none busybox sleep 100000)
    docker rm -f "$id" >/dev/null
    t1=$(date +%s%N)
    echo $(( (t1 - t0) / 1000000 ))
done | median

echo "== 20 x docker run --rm at once (wall, ms)"
t0=$(date +%s%N)
runs_at_once=()
for _ in $(seq 1 20); do docker run --rm --network none busybox true & runs_at_once+=($!); done
wait "${runs_at_once[@]}"   # these only: a bare wait would wait for the daemon too
t1=$(date +%s%N)
echo $(( (t1 - t0) / 1000000 ))

echo "== 50 running containers"
for i in $(seq 1 50); do docker run -d --network none --name "bench-$i" busybox sleep 100000 >/dev/null; done
echo "-- GET /containers/json?all=1, 4 connections, 5 s (req/s)"
"$work/udsload" "$work/wharf/sock" "/containers/json?all=1" 4 5
echo "-- daemon + conmons PSS (MiB)"
pss() { awk '/^Pss:/ {s+=$2} END {print s+0}' "/proc/$1/smaps_rollup" 2>/dev/null || echo 0; }
total=$(pss "$(cat "$work/wharf/pid")")
for p in $(pgrep -f "conmon .*$work" || true); do total=$(( total + $(pss "$p") )); done
echo $(( total / 1024 ))
