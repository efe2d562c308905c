#!/usr/bin/env bash
# Published-port throughput: a busybox httpd in a container behind -p 127.0.0.1:<port>:80, measured from the
# host with wrk over loopback (4 connections; busybox httpd closes each connection, so every request is a new
# TCP connection through the published port): requests/s on a tiny file and MB/s on a 1 MiB file, through the
# published port and straight to the container's address on the bridge (what publishing costs).
# Usage: bench/ports.sh [rounds] [seconds]   (root, after `mvn -DskipTests install`; the busybox image is built
# from the host's busybox-static; everything created is removed at exit)
# REF=dockerd bench/ports.sh also starts Debian's dockerd (docker.io) on its own socket, data root and bridge,
# with its default userland proxy (REF=dockerd-noproxy: --userland-proxy=false, DNAT only as Wharf does), and
# alternates the measurements between the two daemons round by round, so that both see the same machine load;
# it prints the median of each figure and the ratio Wharf / dockerd.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
rounds=${1:-5}
secs=${2:-3}
ref=${REF:-}
wharfd=distribution/target/wharf/bin/wharfd
[ -x "$wharfd" ] || { echo "build first: mvn -DskipTests install" >&2; exit 1; }
# wrk and curl from Debian, installed only when missing
command -v wrk >/dev/null && command -v curl >/dev/null \
    || DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk curl >/dev/null
work=$(mktemp -d /tmp/wharf-bench-ports.XXXXXX)
export DOCKER_CONFIG=$work/docker-config

cleanup() {
    stop_daemon "$work/wharf"
    remove_bench_bridge
    [ -n "$ref" ] && stop_ref_dockerd "$work/ref"
    rm -rf "$work"
}
trap cleanup EXIT

start_wharf "$work/wharf" "$wharfd" "${bench_bridge_args[@]}"
daemons=(wharf)
if [ -n "$ref" ]; then
    proxy=true
    [ "$ref" = dockerd-noproxy ] && proxy=false
    start_ref_dockerd "$work/ref" --userland-proxy="$proxy"
    daemons+=(ref)
fi

busybox_tar "$work"

declare -A url
for d in "${daemons[@]}"; do
    export DOCKER_HOST=unix://$work/$d/sock
    docker import -c 'CMD ["sh"]' "$work/rootfs.tar" busybox:latest >/dev/null
    port=$(free_port)
    docker run -d --name bench-httpd -p "127.0.0.1:$port:80" busybox sh -c \
        'mkdir -p /www && echo hi > /www/tiny && busybox dd if=/dev/zero of=/www/big bs=1048576 count=1 2>/dev/null &&
         exec busybox httpd -f -p 80 -h /www' >/dev/null
    url[$d-port]=http://127.0.0.1:$port
    url[$d-direct]=http://$(docker inspect -f '{{.NetworkSettings.IPAddress}}' bench-httpd)
    for _ in $(seq 1 100); do curl -sf --max-time 1 -o /dev/null "${url[$d-port]}/tiny" && break; sleep 0.1; done
    curl -sf --max-time 5 -o /dev/null "${url[$d-port]}/big" || { echo "$d: the published port does not answer" >&2; exit 1; }
    wrk -t1 -c4 -d1s "${url[$d-port]}/tiny" >/dev/null   # warm up
done
unset DOCKER_HOST

# wrk's "Requests/sec:" and "Transfer/sec:" (in MB/s) lines
rps() { wrk -t1 -c4 -d"${secs}s" "$1" | awk '/^Requests\/sec:/ {printf "%d\n", $2}'; }
mbps() {
    wrk -t1 -c4 -d"${secs}s" "$1" | awk '/^Transfer\/sec:/ {v=$2; u=v; sub(/[0-9.]+/, "", u); sub(/[A-Za-z]+$/, "", v);
        f = (u == "GB") ? 1024 : (u == "MB") ? 1 : (u == "KB") ? 1/1024 : 1/1048576; printf "%d\n", v * f}'
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $rounds rounds of $secs s per figure"
for r in $(seq 1 "$rounds"); do
    for d in "${daemons[@]}"; do
        for via in port direct; do
            rps "${url[$d-$via]}/tiny" >> "$work/$d-$via-rps"
            mbps "${url[$d-$via]}/big" >> "$work/$d-$via-mbps"
        done
    done
done

name() { [ "$1" = wharf ] && echo wharf || echo "$ref"; }
printf '%-16s %-36s %10s %10s\n' daemon path "tiny req/s" "1MiB MB/s"
for d in "${daemons[@]}"; do
    for via in port direct; do
        printf '%-16s %-36s %10s %10s\n' "$(name "$d")" "${url[$d-$via]}" \
            "$(median < "$work/$d-$via-rps")" "$(median < "$work/$d-$via-mbps")"
    done
done
if [ -n "$ref" ]; then
    for via in port direct; do
        awk -v via="$via" -v a="$(median < "$work/wharf-$via-rps")" -v b="$(median < "$work/ref-$via-rps")" \
            -v c="$(median < "$work/wharf-$via-mbps")" -v e="$(median < "$work/ref-$via-mbps")" \
            'BEGIN {printf "ratio wharf/%s, %-6s  tiny %.2f  1MiB %.2f\n", "'"$ref"'", via, a / b, c / e}'
    done
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
