#!/usr/bin/env bash
# The performance table of this build's daemon beside another daemon, in one run, so that the machine's load
# weighs on both alike; prints each figure for both, the ratio (Wharf / other) and the machine's load.
#   REF=dockerd bench/side-by-side.sh [runs]        beside Debian's dockerd (docker.io), on its own bridge
#   OLD=/path/to/checkout bench/side-by-side.sh     beside another Wharf build (its distribution/target)
# Figures (medians of N pairs, runs alternating between the daemons):
#   run --rm --network none, the same with --runtime crun (Wharf only beside dockerd, which has no crun here),
#   run --rm on the default bridge, exec, run -d + rm -f, 20 x run --rm at once (3 pairs),
#   GET /containers/json?all=1 with 50 containers (4 keep-alive connections), rm -f of 50 running containers,
#   daemon RSS idle, daemon + helpers PSS with 50 running, cold start (exec of the daemon to its first /_ping).
# Root, after `mvn -DskipTests install`; everything created is removed at exit.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
runs=${1:-21}
starts=${STARTS:-5}
wharfd=distribution/target/wharf/bin/wharfd
[ -x "$wharfd" ] || { echo "build first: mvn -DskipTests install" >&2; exit 1; }
[ -n "${REF:-}${OLD:-}" ] || { echo "say what to compare with: REF=dockerd or OLD=<checkout>" >&2; exit 1; }
if [ -n "${REF:-}" ] && ! command -v dockerd >/dev/null; then
    echo "REF=dockerd needs Debian's docker.io (apt-get install -y docker.io; then systemctl disable --now docker containerd)" >&2
    exit 1
fi
work=$(mktemp -d /tmp/wharf-bench-side.XXXXXX)
export DOCKER_CONFIG=$work/docker-config
other_bridge=wbold0   # short: a chain prefix longer than WH- and 7 characters is hashed
other_bip=10.199.80.1/24
gcc -O2 -pthread -o "$work/udsload" bench/udsload.c

start_wharf_here() { start_wharf "$work/wharf" "$wharfd" "${bench_bridge_args[@]}"; }
start_other() {
    if [ -n "${REF:-}" ]; then
        start_ref_dockerd "$work/other"
    else
        start_wharf "$work/other" "$OLD/distribution/target/wharf/bin/wharfd" --bridge "$other_bridge" --bip "$other_bip"
    fi
}
stop_other() {
    if [ -n "${REF:-}" ]; then stop_ref_dockerd "$work/other"; else stop_daemon "$work/other"; fi
}
cleanup() {
    stop_daemon "$work/wharf"
    remove_bench_bridge
    stop_other
    [ -n "${REF:-}" ] || (bench_bridge=$other_bridge; remove_bench_bridge)
    rm -rf "$work"
}
trap cleanup EXIT
if [ -n "${REF:-}" ]; then other=dockerd; else other="wharf@$(git -C "$OLD" rev-parse --short HEAD)"; fi

# the processes that make up each daemon: Wharf's JVM, and dockerd with its containerd
daemon_pids() {
    if [ "$1" = wharf ] || [ -z "${REF:-}" ]; then cat "$work/$1/pid"; return; fi
    cat "$work/other/pid"
    pgrep -f "containerd --config $work/other/" || pgrep -P "$(cat "$work/other/pid")" -x containerd || true
}
# the per-container helpers: conmon for Wharf, containerd-shim for dockerd
helper_pids() {
    if [ "$1" = wharf ] || [ -z "${REF:-}" ]; then pgrep -f "conmon .*$work/$1/" || true
    else pgrep -f "containerd-shim.*$work/other/" || pgrep -f containerd-shim-runc || true; fi
}
kib() { awk -v k="$2" '$1 == k":" {s += $2} END {print s + 0}' "$1" 2>/dev/null || echo 0; }
rss_mib() { local t=0 p; for p in $(daemon_pids "$1"); do t=$(( t + $(kib "/proc/$p/status" VmRSS) )); done; echo $(( t / 1024 )); }
pss_mib() {
    local t=0 p
    for p in $(daemon_pids "$1") $(helper_pids "$1"); do t=$(( t + $(kib "/proc/$p/smaps_rollup" Pss) )); done
    echo $(( t / 1024 ))
}

rows=()
row() {   # $1 name, $2 wharf figure, $3 other figure, $4 unit
    rows+=("$(awk -v n="$1" -v a="$2" -v b="$3" -v u="$4" \
        'BEGIN {printf "| %s | %s %s | %s %s | %s |", n, a, u, b, u, (b > 0 ? sprintf("%.2f", a / b) : "-")}')")
    echo "${rows[-1]}"
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
echo "load average before: $load_before; $runs pairs per figure, $starts cold starts each"

# cold start and idle memory first, each daemon alone on the machine
: > "$work/wharf.start"; : > "$work/other.start"
for i in $(seq 1 "$starts"); do
    for d in wharf other; do
        t0=$(date +%s%N)
        if [ "$d" = wharf ]; then start_wharf_here; else start_other; fi
        t1=$(date +%s%N)
        echo $(( (t1 - t0) / 1000000 )) >> "$work/$d.start"
        if [ "$i" = "$starts" ]; then sleep 5; echo "$(rss_mib "$d")" > "$work/$d.rss"; fi
        if [ "$i" -lt "$starts" ]; then
            if [ "$d" = wharf ]; then stop_daemon "$work/wharf"; else stop_other; fi
        fi
    done
done

busybox_tar "$work"
for d in wharf other; do
    export DOCKER_HOST=unix://$work/$d/sock
    docker import -c 'CMD ["sh"]' "$work/rootfs.tar" busybox:latest >/dev/null
    for _ in 1 2 3; do   # warm up
        docker run --rm --network none busybox true
        docker run --rm busybox true
    done
    docker run -d --name bench-exec --network none busybox sleep 100000 >/dev/null
done

run_d_rm_f() { local id; id=$(docker run -d --network none busybox sleep 100000); docker rm -f "$id" >/dev/null; }
twenty() {
    local p=()
    for _ in $(seq 1 20); do docker run --rm --network none busybox true & p+=($!); done
    wait "${p[@]}"
}
figure() {   # $1 name, $2 pairs, then the command
    local name=$1 pairs=$2; shift 2
    : > "$work/wharf.t"; : > "$work/other.t"
    for _ in $(seq 1 "$pairs"); do
        for d in wharf other; do
            DOCKER_HOST=unix://$work/$d/sock ms "$@" >> "$work/$d.t"
        done
    done
    row "$name" "$(median < "$work/wharf.t")" "$(median < "$work/other.t")" ms
}
echo "| what | wharf | $other | ratio |"
echo "|---|---|---|---|"
figure '`run --rm --network none busybox true`' "$runs" docker run --rm --network none busybox true
if [ -z "${REF:-}" ]; then
    figure '`run --rm --network none --runtime crun`' "$runs" docker run --rm --network none --runtime crun busybox true
else
    : > "$work/wharf.t"
    for _ in $(seq 1 "$runs"); do
        DOCKER_HOST=unix://$work/wharf/sock ms docker run --rm --network none --runtime crun busybox true >> "$work/wharf.t"
    done
    row '`run --rm --network none --runtime crun`' "$(median < "$work/wharf.t")" 0 ms
fi
figure '`run --rm busybox true` (default bridge)' "$runs" docker run --rm busybox true
figure '`exec C true`' "$runs" docker exec bench-exec true
figure '`run -d` + `rm -f`' "$runs" run_d_rm_f
figure '20 × `run --rm` at once, wall' 3 twenty

for d in wharf other; do
    export DOCKER_HOST=unix://$work/$d/sock
    for i in $(seq 1 49); do docker run -d --network none --name "bench-$i" busybox sleep 100000 >/dev/null; done
done
for d in wharf other; do   # with bench-exec, 50 running each
    "$work/udsload" "$work/$d/sock" "/containers/json?all=1" 4 2 >/dev/null   # warm-up
    "$work/udsload" "$work/$d/sock" "/containers/json?all=1" 4 5 | awk '{print $1}' > "$work/$d.list"
    pss_mib "$d" > "$work/$d.pss"
done
row '`GET /containers/json?all=1`, 50 containers, 4 conns' "$(cat "$work/wharf.list")" "$(cat "$work/other.list")" req/s
for d in wharf other; do
    export DOCKER_HOST=unix://$work/$d/sock
    ids=$(docker ps -q)
    # shellcheck disable=SC2086
    ms docker rm -f $ids > "$work/$d.rmf"
done
row '`rm -f` of 50 running containers' "$(cat "$work/wharf.rmf")" "$(cat "$work/other.rmf")" ms
row 'daemon RSS idle' "$(cat "$work/wharf.rss")" "$(cat "$work/other.rss")" MiB
row 'daemon + helpers PSS, 50 running' "$(cat "$work/wharf.pss")" "$(cat "$work/other.pss")" MiB
row 'cold start to first `/_ping`' "$(median < "$work/wharf.start")" "$(median < "$work/other.start")" ms
echo "load average before: $load_before, after: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; $(date -u +%F)"
