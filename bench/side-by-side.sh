#!/usr/bin/env bash
# Container figures of this build's daemon beside another daemon, both up at once and runs alternating between
# them, so that the machine's load weighs on both alike; prints each median and the ratio.
#   REF=dockerd bench/side-by-side.sh [runs]        beside Debian's dockerd (docker.io), on its own bridge
#   OLD=/path/to/checkout bench/side-by-side.sh     beside another Wharf build (its distribution/target)
# Figures: run --rm --network none, run --rm on the default bridge, exec, run -d + rm -f (medians of N pairs),
# and 20 x run --rm at once (median of 3 pairs). Root, after `mvn -DskipTests install`; everything created is
# removed at exit.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
runs=${1:-21}
wharfd=distribution/target/wharf/bin/wharfd
[ -x "$wharfd" ] || { echo "build first: mvn -DskipTests install" >&2; exit 1; }
[ -n "${REF:-}${OLD:-}" ] || { echo "say what to compare with: REF=dockerd or OLD=<checkout>" >&2; exit 1; }
work=$(mktemp -d /tmp/wharf-bench-side.XXXXXX)
export DOCKER_CONFIG=$work/docker-config
other_bridge=wbold0   # short: a chain prefix longer than WH- and 7 characters is hashed
other_bip=10.199.80.1/24
cleanup() {
    stop_daemon "$work/wharf"
    remove_bench_bridge
    if [ -n "${REF:-}" ]; then
        stop_ref_dockerd "$work/other"
    else
        stop_daemon "$work/other"
        (bench_bridge=$other_bridge; remove_bench_bridge)
    fi
    rm -rf "$work"
}
trap cleanup EXIT

start_wharf "$work/wharf" "$wharfd" "${bench_bridge_args[@]}"
if [ -n "${REF:-}" ]; then
    start_ref_dockerd "$work/other"
    other=dockerd
else
    start_wharf "$work/other" "$OLD/distribution/target/wharf/bin/wharfd" --bridge "$other_bridge" --bip "$other_bip"
    other="wharf@$(git -C "$OLD" rev-parse --short HEAD)"
fi
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

ms() { local t0 t1; t0=$(date +%s%N); "$@" >/dev/null; t1=$(date +%s%N); echo $(( (t1 - t0) / 1000000 )); }
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
    awk -v n="$name" -v a="$(median < "$work/wharf.t")" -v b="$(median < "$work/other.t")" -v o="$other" \
        'BEGIN {printf "%-34s wharf %6s ms   %s %6s ms   ratio %.2f\n", n, a, o, b, a / b}'
}
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $runs pairs per figure"
figure "run --rm --network none" "$runs" docker run --rm --network none busybox true
figure "run --rm (default bridge)" "$runs" docker run --rm busybox true
figure "exec C true" "$runs" docker exec bench-exec true
figure "run -d + rm -f" "$runs" run_d_rm_f
figure "20 x run --rm at once (wall)" 3 twenty
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
