#!/usr/bin/env bash
# Published-port throughput: a busybox httpd in a container behind -p 127.0.0.1:<port>:80, measured from the
# host with wrk over loopback: requests/s on a tiny file and MB/s on a 1 MiB file, through the published port
# and, for comparison, straight to the container's address on the bridge (what publishing costs).
# Usage: bench/ports.sh [seconds]   (root, after `mvn -DskipTests install`; the busybox image is built from the
# host's busybox-static; everything created is removed at exit)
# REF=dockerd bench/ports.sh runs the same against Debian's dockerd (docker.io) on its own socket, data root and
# bridge, with its default userland proxy; REF=dockerd-noproxy with --userland-proxy=false (DNAT only, as Wharf).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
secs=${1:-5}
ref=${REF:-}
wharfd=distribution/target/wharf/bin/wharfd
[ -x "$wharfd" ] || [ -n "$ref" ] || { echo "build first: mvn -DskipTests install" >&2; exit 1; }
# wrk and curl from Debian, installed only when missing
command -v wrk >/dev/null && command -v curl >/dev/null \
    || DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk curl >/dev/null
work=$(mktemp -d /tmp/wharf-bench-ports.XXXXXX)
export DOCKER_HOST=unix://$work/wharf.sock DOCKER_CONFIG=$work/docker-config

# dockerd's own bridge, beside the Wharf bench bridge; dockerd leaves its DOCKER* chains behind at exit, so they
# are removed unless they were there before
ref_bridge=wbenchd0
ref_bip=10.199.79.1/24
docker_chains_before=$(iptables-save | grep -c '^:DOCKER' || true)
forward_policy=$(iptables -S FORWARD | awk '$1 == "-P" {print $3}')

remove_docker_chains() {
    local t c
    for t in filter nat; do   # the rules dockerd wrote for its bridge, in the built-in chains
        iptables -t "$t" -S | awk -v b="$ref_bridge" -v s="${ref_bip%.*}.0/24" \
            '/^-A/ && (index($0 " ", " " b " ") || index($0 " ", " " s " ")) {sub(/^-A/, "-D"); print}' \
            | while read -r rule; do eval iptables -t "$t" "$rule" || true; done
    done
    [ "$docker_chains_before" = 0 ] || return 0
    for t in filter nat; do
        iptables -t "$t" -S | awk '/^-A/ && / -j DOCKER/ && $2 !~ /^DOCKER/ {sub(/^-A/, "-D"); print}' \
            | while read -r rule; do eval iptables -t "$t" "$rule" || true; done
        for c in $(iptables -t "$t" -S | awk '$1 == "-N" && $2 ~ /^DOCKER/ {print $2}'); do iptables -t "$t" -F "$c"; done
        for c in $(iptables -t "$t" -S | awk '$1 == "-N" && $2 ~ /^DOCKER/ {print $2}'); do iptables -t "$t" -X "$c"; done
    done
    iptables -P FORWARD "$forward_policy"
}

cleanup() {
    docker ps -aq 2>/dev/null | xargs -r docker rm -f >/dev/null 2>&1 || true
    [ -f "$work/wharfd.pid" ] && kill "$(cat "$work/wharfd.pid")" 2>/dev/null || true
    for _ in $(seq 1 100); do [ -f "$work/wharfd.pid" ] && kill -0 "$(cat "$work/wharfd.pid")" 2>/dev/null || break; sleep 0.1; done
    if [ -n "$ref" ]; then
        ip link del "$ref_bridge" 2>/dev/null || true
        remove_docker_chains
    else
        remove_bench_bridge
    fi
    rm -rf "$work"
}
trap cleanup EXIT

echo '{}' > "$work/daemon.json"
if [ -n "$ref" ]; then
    if ip -o -4 route show table all | grep -Eq "(^| )${ref_bip%.*}\."; then
        echo "$ref_bip is routed on this host already" >&2; exit 1
    fi
    ip link add "$ref_bridge" type bridge
    ip addr add "$ref_bip" dev "$ref_bridge"
    ip link set "$ref_bridge" up
    proxy=true
    [ "$ref" = dockerd-noproxy ] && proxy=false
    dockerd --data-root "$work/data" --exec-root "$work/run" --pidfile "$work/wharfd.pid" \
        --config-file "$work/daemon.json" -H "unix://$work/wharf.sock" --bridge "$ref_bridge" --ip6tables=false \
        --userland-proxy="$proxy" >"$work/log" 2>&1 &
else
    "$wharfd" --data-root "$work/data" --exec-root "$work/run" --pidfile "$work/wharfd.pid" \
        --config-file "$work/daemon.json" -H "unix://$work/wharf.sock" "${bench_bridge_args[@]}" >"$work/log" 2>&1 &
fi
for _ in $(seq 1 600); do curl -s --max-time 1 --unix-socket "$work/wharf.sock" http://d/_ping >/dev/null 2>&1 && break; sleep 0.05; done

# a busybox image from the host's static busybox
root=$work/rootfs
mkdir -p "$root/bin" "$root/etc" "$root/tmp" "$root/root"
cp /usr/bin/busybox "$root/bin/busybox"
for a in sh true sleep echo cat ls; do ln -s busybox "$root/bin/$a"; done
printf 'root:x:0:0:root:/root:/bin/sh\n' > "$root/etc/passwd"
printf 'root:x:0:\n' > "$root/etc/group"
tar --numeric-owner --owner=0 --group=0 -C "$root" -cf "$work/rootfs.tar" .
docker import -c 'CMD ["sh"]' "$work/rootfs.tar" busybox:latest >/dev/null

port=$(free_port)
docker run -d --name bench-httpd -p "127.0.0.1:$port:80" busybox sh -c \
    'mkdir -p /www && echo hi > /www/tiny && busybox dd if=/dev/zero of=/www/big bs=1048576 count=1 2>/dev/null &&
     exec busybox httpd -f -p 80 -h /www' >/dev/null
ip=$(docker inspect -f '{{.NetworkSettings.IPAddress}}' bench-httpd)
for _ in $(seq 1 100); do curl -sf --max-time 1 -o /dev/null "http://127.0.0.1:$port/tiny" && break; sleep 0.1; done
curl -sf --max-time 5 -o /dev/null "http://127.0.0.1:$port/big" || { echo "the published port does not answer" >&2; exit 1; }

# wrk's "Requests/sec:" and "Transfer/sec:" lines, the latter in MB/s
rps() { wrk -t1 -c4 -d"${secs}s" "$1" | awk '/^Requests\/sec:/ {printf "%d\n", $2}'; }
mbps() {
    wrk -t1 -c4 -d"${secs}s" "$1" | awk '/^Transfer\/sec:/ {v=$2; u=v; sub(/[0-9.]+/, "", u); sub(/[A-Za-z]+$/, "", v);
        f = (u == "GB") ? 1024 : (u == "MB") ? 1 : (u == "KB") ? 1/1024 : 1/1048576; printf "%d\n", v * f}'
}

wrk -t1 -c4 -d1s "http://127.0.0.1:$port/tiny" >/dev/null   # warm up
echo "== ${ref:-wharf}: tiny file through 127.0.0.1:$port (req/s, wrk 4 connections, ${secs} s)"
rps "http://127.0.0.1:$port/tiny"
echo "== ${ref:-wharf}: 1 MiB file through 127.0.0.1:$port (MB/s)"
mbps "http://127.0.0.1:$port/big"
echo "== ${ref:-wharf}: tiny file straight to $ip:80 (req/s)"
rps "http://$ip/tiny"
echo "== ${ref:-wharf}: 1 MiB file straight to $ip:80 (MB/s)"
mbps "http://$ip/big"
