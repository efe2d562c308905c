#!/bin/bash
# Push and pull of a 50 MB image of 5 layers (10 MB of incompressible data each) to and from a local
# docker-registry, 5 runs each, median in milliseconds. Needs the built distribution, the docker CLI and
# docker-registry; runs as root. Usage: bench/images.sh [--storage-driver vfs]
# WHARF_JAVA_OPTS reaches the daemon's JVM (e.g. -XX:TieredStopAtLevel=4 to compare with full tiered compilation).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
source "$here/bench/lib.sh"
wharfd=${WHARFD:-$here/distribution/target/wharf/bin/wharfd}
runs=${RUNS:-5}
work=$(mktemp -d /tmp/wharf-bench-images.XXXXXX)
daemon_pid=""; registry_pid=""
cleanup() {
    [ -n "$registry_pid" ] && kill "$registry_pid" 2>/dev/null || true
    [ -n "$daemon_pid" ] && kill "$daemon_pid" 2>/dev/null && wait "$daemon_pid" 2>/dev/null || true
    rm -rf "$work"
    remove_bench_bridge
}
trap cleanup EXIT
[ -n "${KEEP:-}" ] && trap - EXIT

port=$(free_port)

echo '{}' > "$work/daemon.json"
"$wharfd" --data-root "$work/data" --exec-root "$work/run" --pidfile "$work/wharfd.pid" \
    --config-file "$work/daemon.json" -H "unix://$work/wharf.sock" "${bench_bridge_args[@]}" "$@" \
    >"$work/wharfd.log" 2>&1 &
daemon_pid=$!
export DOCKER_HOST=unix://$work/wharf.sock DOCKER_CONFIG=$work/docker-config
for _ in $(seq 600); do docker version >/dev/null 2>&1 && break; sleep 0.1; done

# the image: five layers of random data, loaded from a docker save archive
mkdir -p "$work/img"; diff_ids=(); layers=()
for i in 1 2 3 4 5; do
    mkdir -p "$work/tree$i"
    head -c 10000000 /dev/urandom > "$work/tree$i/data$i.bin"
    tar --numeric-owner -C "$work/tree$i" -cf "$work/img/layer$i.tar" .
    d=$(sha256sum "$work/img/layer$i.tar" | cut -d' ' -f1)
    mkdir -p "$work/img/$d"; mv "$work/img/layer$i.tar" "$work/img/$d/layer.tar"
    diff_ids+=("\"sha256:$d\""); layers+=("\"$d/layer.tar\"")
done
ids=$(IFS=,; echo "${diff_ids[*]}"); lays=$(IFS=,; echo "${layers[*]}")
printf '{"architecture":"amd64","os":"linux","config":{},"rootfs":{"type":"layers","diff_ids":[%s]}}' "$ids" > "$work/img/config.json"
name=localhost:$port/bench:50mb
printf '[{"Config":"config.json","RepoTags":["%s"],"Layers":[%s]}]' "$name" "$lays" > "$work/img/manifest.json"
tar -C "$work/img" -cf "$work/image.tar" .
docker load -i "$work/image.tar" >/dev/null

ms() { date +%s%3N; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

push_times=(); pull_times=()
for _ in $(seq "$runs"); do
    start_registry
    t0=$(ms); docker push "$name" >/dev/null; t1=$(ms)
    push_times+=($((t1 - t0)))
    docker rmi "$name" >/dev/null
    t0=$(ms); docker pull "$name" >/dev/null; t1=$(ms)
    pull_times+=($((t1 - t0)))
    stop_registry
done
echo "push 50 MB / 5 layers: runs ${push_times[*]} ms, median $(printf '%s\n' "${push_times[@]}" | median) ms"
echo "pull 50 MB / 5 layers: runs ${pull_times[*]} ms, median $(printf '%s\n' "${pull_times[@]}" | median) ms"
