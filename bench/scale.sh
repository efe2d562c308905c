#!/usr/bin/env bash
# Scale figures of the built daemon: what grows with the number of containers.
#   bench/scale.sh [created] [running] [runs]     defaults: 500 created, 200 of them running, 11 runs a figure
# Prints, with 5 containers and again with the full count: run -d + rm -f latency (median), docker ps wall time
# (median), GET /containers/json?all=1 rate, the daemon's RSS, threads, open file descriptors and inotify
# watches, and the PSS of the daemon plus its conmons; then the memory the daemon grew by per container beyond
# its monitor, and the time a daemon restart (live restore) with the running containers takes to its first
# /_ping. Root, after `mvn -DskipTests install`; everything created is removed at exit.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
created=${1:-500}
running=${2:-200}
runs=${3:-11}
single_daemon_bench scale

run_d_rm_f() { local id; id=$(docker run -d --network none busybox sleep 100000); docker rm -f "$id" >/dev/null; }
pid() { cat "$work/wharf/pid"; }
kib() { awk -v k="$2" '$1 == k":" {s += $2} END {print s + 0}' "$1" 2>/dev/null || echo 0; }
inotify_watches() {
    local n=0 f
    for f in /proc/"$(pid)"/fdinfo/*; do n=$(( n + $(grep -c '^inotify' "$f" 2>/dev/null || true) )); done
    echo "$n"
}
conmon_pss() {
    local t=0 p
    for p in $(pgrep -f "conmon .*$work/" || true); do t=$(( t + $(kib "/proc/$p/smaps_rollup" Pss) )); done
    echo "$t"
}
snapshot() {   # $1 label
    local rss threads fds
    for _ in 1 2 3; do run_d_rm_f; done   # warm-up at this size
    : > "$work/run.t"; for _ in $(seq 1 "$runs"); do ms run_d_rm_f >> "$work/run.t"; done
    : > "$work/ps.t"; for _ in $(seq 1 "$runs"); do ms docker ps >> "$work/ps.t"; done
    "$work/udsload" "$work/wharf/sock" "/containers/json?all=1" 4 1 >/dev/null
    list=$("$work/udsload" "$work/wharf/sock" "/containers/json?all=1" 4 5 | awk '{print $1}')
    # a full collection first, so that the heap figure is what is live, not what the collector left
    command -v jcmd >/dev/null && jcmd "$(pid)" GC.run >/dev/null 2>&1 || true
    sleep 1
    rss=$(kib "/proc/$(pid)/status" VmRSS)
    threads=$(kib "/proc/$(pid)/status" Threads)
    fds=$(ls /proc/"$(pid)"/fd | wc -l)
    echo "x $rss $threads $fds $(inotify_watches) $(kib "/proc/$(pid)/smaps_rollup" Pss) $(conmon_pss)" >> "$work/snap"
    printf '| %s | %s ms | %s ms | %s req/s | %s MiB | %s | %s | %s |\n' "$1" "$(median < "$work/run.t")" \
        "$(median < "$work/ps.t")" "$list" $(( rss / 1024 )) "$threads" "$fds" "$(inotify_watches)"
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; $(date -u +%F)"
echo "| containers | run -d + rm -f | docker ps | list rate | daemon RSS | threads | fds | inotify watches |"
echo "|---|---|---|---|---|---|---|---|"
for i in $(seq 1 5); do docker run -d --network none --name "small-$i" busybox sleep 100000 >/dev/null; done
snapshot "5 running"
docker rm -f $(docker ps -aq) >/dev/null

for i in $(seq 1 "$running"); do docker run -d --network none --name "run-$i" busybox sleep 100000 >/dev/null; done
for i in $(seq 1 $(( created - running ))); do docker create --network none --name "made-$i" busybox true >/dev/null; done
snapshot "$created created, $running running"

read -r _ rss0 _ _ _ pss0 cpss0 < <(sed -n 1p "$work/snap")
read -r _ rss1 _ _ _ pss1 cpss1 < <(sed -n 2p "$work/snap")
awk -v a="$pss0" -v b="$pss1" -v n="$(( created - 5 ))" \
    'BEGIN {printf "daemon PSS grew by %.3f MiB per container (%d -> %d MiB)\n", (b - a) / 1024 / n, a / 1024, b / 1024}'
awk -v c="$cpss1" -v n="$running" 'BEGIN {printf "conmon PSS: %.2f MiB each (%d running)\n", c / 1024 / n, n}'

# live restore: SIGKILL the daemon, start it again on the same data root, time to the first /_ping
kill -9 "$(pid)"
for _ in $(seq 1 100); do kill -0 "$(pid)" 2>/dev/null || break; sleep 0.05; done
t0=$(date +%s%N)
start_wharf "$work/wharf" "$wharfd" "${bench_bridge_args[@]}"
t1=$(date +%s%N)
echo "restart with $running running to the first /_ping: $(( (t1 - t0) / 1000000 )) ms"
t0=$(date +%s%N); docker ps -q | wc -l > "$work/n"; t1=$(date +%s%N)
echo "first docker ps after the restart: $(( (t1 - t0) / 1000000 )) ms, $(cat "$work/n") running"
docker ps -aq | xargs -r docker rm -f >/dev/null
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
