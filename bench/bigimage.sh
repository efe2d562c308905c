#!/bin/bash
# Memory while loading, pushing and pulling a 1 GB image (4 layers of 256 MB of incompressible data): the
# daemon's heap after each collection and the highest heap occupancy seen, from the JVM's GC log, plus the
# process's peak RSS. Streaming keeps these flat; buffering a layer would show as hundreds of MB (or an
# OutOfMemoryError against bin/wharfd's 512 MB heap limit). Needs the built distribution, the docker CLI and
# docker-registry; runs as root. Usage: bench/bigimage.sh
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
source "$here/bench/lib.sh"
wharfd=${WHARFD:-$here/distribution/target/wharf/bin/wharfd}
mb=${LAYER_MB:-256}
work=$(mktemp -d /tmp/wharf-bench-big.XXXXXX)
daemon_pid=""; registry_pid=""
cleanup() {
    [ -n "$registry_pid" ] && kill "$registry_pid" 2>/dev/null || true
    [ -n "$daemon_pid" ] && kill "$daemon_pid" 2>/dev/null && wait "$daemon_pid" 2>/dev/null || true
    rm -rf "$work"
    remove_bench_bridge
}
trap cleanup EXIT

port=$(free_port)
start_registry

echo '{}' > "$work/daemon.json"
WHARF_JAVA_OPTS="-Xlog:gc:file=$work/gc.log ${WHARF_JAVA_OPTS:-}" "$wharfd" --data-root "$work/data" \
    --exec-root "$work/run" --pidfile "$work/wharfd.pid" --config-file "$work/daemon.json" \
    -H "unix://$work/wharf.sock" "${bench_bridge_args[@]}" >"$work/wharfd.log" 2>&1 &
daemon_pid=$!
export DOCKER_HOST=unix://$work/wharf.sock DOCKER_CONFIG=$work/docker-config
for _ in $(seq 600); do docker version >/dev/null 2>&1 && break; sleep 0.1; done

mkdir -p "$work/img"; diff_ids=(); layers=()
for i in 1 2 3 4; do
    mkdir -p "$work/tree$i"
    openssl rand -out "$work/tree$i/data$i.bin" $((mb * 1024 * 1024))
    tar --numeric-owner -C "$work/tree$i" -cf "$work/img/layer$i.tar" .
    rm -rf "$work/tree$i"
    d=$(sha256sum "$work/img/layer$i.tar" | cut -d' ' -f1)
    mkdir -p "$work/img/$d"; mv "$work/img/layer$i.tar" "$work/img/$d/layer.tar"
    diff_ids+=("\"sha256:$d\""); layers+=("\"$d/layer.tar\"")
done
ids=$(IFS=,; echo "${diff_ids[*]}"); lays=$(IFS=,; echo "${layers[*]}")
printf '{"architecture":"amd64","os":"linux","config":{},"rootfs":{"type":"layers","diff_ids":[%s]}}' "$ids" > "$work/img/config.json"
name=localhost:$port/bench:big
printf '[{"Config":"config.json","RepoTags":["%s"],"Layers":[%s]}]' "$name" "$lays" > "$work/img/manifest.json"
tar -C "$work/img" -cf "$work/image.tar" .
rm -rf "$work/img"

# the highest heap occupancy in the GC log since line $1: "Pause Young (...) 40M->8M(60M)" gives 40M before
peak_heap() { tail -n +"$1" "$work/gc.log" | grep -o '[0-9]*M->[0-9]*M' | cut -dM -f1 | sort -n | tail -1; }
lines() { wc -l < "$work/gc.log"; }
rss() { awk '/VmRSS/ {print int($2/1024)}' "/proc/$daemon_pid/status"; }
hwm() { awk '/VmHWM/ {print int($2/1024)}' "/proc/$daemon_pid/status"; }

echo "idle: RSS $(rss) MiB"
for step in load push pull; do
    from=$(lines)
    t0=$(date +%s%3N)
    case $step in
        load) docker load -i "$work/image.tar" >/dev/null ;;
        push) docker push "$name" >/dev/null ;;
        pull) docker rmi "$name" >/dev/null; docker pull "$name" >/dev/null ;;
    esac
    t1=$(date +%s%3N)
    echo "$step $((4 * mb)) MB: $((t1 - t0)) ms, peak heap occupancy $(peak_heap "$from") MB, RSS $(rss) MiB (peak so far $(hwm) MiB)"
done
