#!/usr/bin/env bash
# Build figures with the docker CLI's classic builder (DOCKER_BUILDKIT=0) against the built daemon (own data
# root and socket in a temp dir): the 7-step Dockerfile of the builder issue, uncached (--no-cache) and fully
# cached, medians of N runs; then a 10-step Dockerfile with a 50 MB context, uncached and cached.
# Usage: bench/build.sh [runs]   (root, after `mvn -DskipTests install`; the busybox image is built from the
# host's busybox-static; everything created is removed at exit)
# REF=dockerd bench/build.sh runs the same against Debian's dockerd (docker.io) on its own socket and data root,
# without bridge or iptables rules, for the side-by-side figures.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
runs=${1:-10}
wharfd=distribution/target/wharf/bin/wharfd
[ -x "$wharfd" ] || [ "${REF:-}" = dockerd ] || { echo "build first: mvn -DskipTests install" >&2; exit 1; }
work=$(mktemp -d /tmp/wharf-bench-build.XXXXXX)
export DOCKER_HOST=unix://$work/wharf.sock DOCKER_CONFIG=$work/docker-config DOCKER_BUILDKIT=0
cleanup() {
    docker ps -aq 2>/dev/null | xargs -r docker rm -f >/dev/null 2>&1 || true
    [ -f "$work/wharfd.pid" ] && kill "$(cat "$work/wharfd.pid")" 2>/dev/null || true
    for _ in $(seq 1 100); do [ -f "$work/wharfd.pid" ] && kill -0 "$(cat "$work/wharfd.pid")" 2>/dev/null || break; sleep 0.1; done
    rm -rf "$work"
    remove_bench_bridge
}
trap cleanup EXIT

echo '{}' > "$work/daemon.json"
if [ "${REF:-}" = dockerd ]; then
    dockerd --data-root "$work/data" --exec-root "$work/run" --pidfile "$work/wharfd.pid" \
        --config-file "$work/daemon.json" -H "unix://$work/wharf.sock" --bridge=none --iptables=false \
        --ip6tables=false >"$work/log" 2>&1 &
else
    "$wharfd" --data-root "$work/data" --exec-root "$work/run" --pidfile "$work/wharfd.pid" \
        --config-file "$work/daemon.json" -H "unix://$work/wharf.sock" "${bench_bridge_args[@]}" >"$work/log" 2>&1 &
fi
for _ in $(seq 1 600); do curl -s --max-time 1 --unix-socket "$work/wharf.sock" http://d/_ping >/dev/null 2>&1 && break; sleep 0.05; done

# a busybox image from the host's static busybox
busybox_tar "$work"
docker import -c 'CMD ["sh"]' "$work/rootfs.tar" busybox:latest >/dev/null

ms() { local t0 t1; t0=$(date +%s%N); "$@" >/dev/null 2>&1; t1=$(date +%s%N); echo $(( (t1 - t0) / 1000000 )); }

small=$work/small
mkdir -p "$small"
echo hello > "$small/hello.txt"
cat > "$small/Dockerfile" <<'DOCKERFILE'
FROM busybox
RUN echo bench >/etc/bench-marker
COPY hello.txt /opt/hello.txt
RUN i=0; while [ $i -lt 200 ]; do echo line $i; i=$((i + 1)); done >/opt/lines.txt
ENV BENCH=1
WORKDIR /opt
CMD ["cat", "/opt/hello.txt"]
DOCKERFILE

for _ in 1 2 3; do docker build --no-cache -t bench:small "$small" >/dev/null 2>&1; done   # warm up the JIT
echo "== 7-step Dockerfile, uncached (--no-cache), median of $runs (ms)"
for _ in $(seq 1 "$runs"); do ms docker build --no-cache -t bench:small "$small"; done | median
echo "== the same, fully cached, median of $runs (ms)"
for _ in $(seq 1 "$runs"); do ms docker build -t bench:small "$small"; done | median

big=$work/big
mkdir -p "$big/data"
for i in $(seq 1 5); do head -c 10000000 /dev/urandom > "$big/data/blob$i"; done
cat > "$big/Dockerfile" <<'DOCKERFILE'
FROM busybox
ENV APP=/app
WORKDIR /app
COPY data/blob1 /app/data/
COPY data/blob2 /app/data/
RUN echo step > /app/step
COPY data /app/all/
LABEL bench=big
RUN ls /app/all > /app/listing
CMD ["ls", "/app"]
DOCKERFILE
bigruns=$(( runs < 5 ? runs : 5 ))
echo "== 10-step Dockerfile, 50 MB context, uncached, median of $bigruns (ms)"
for _ in $(seq 1 "$bigruns"); do ms docker build --no-cache -t bench:big "$big"; done | median
echo "== the same, fully cached, median of $bigruns (ms)"
for _ in $(seq 1 "$bigruns"); do ms docker build -t bench:big "$big"; done | median
