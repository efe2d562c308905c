#!/usr/bin/env bash
# Prepares a Debian 12 host for building, running and testing Wharf. Idempotent: safe to run again.
set -euo pipefail

packages=(openjdk-17-jdk-headless maven runc crun conmon tini iptables iproute2 busybox-static
          docker-registry apache2-utils curl util-linux procps openssl tar libssl3 docker-compose bzip2 xz-utils)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# Debian's registry package starts a registry of its own on port 5000; the tests start their own.
if systemctl is-enabled docker-registry >/dev/null 2>&1; then
    systemctl disable --now docker-registry >/dev/null 2>&1 || true
fi
pkill -x docker-registry 2>/dev/null || true

# cgroup v1 hybrid hosts that leave hugetlb on the v2 mount: crun refuses that layout until the
# hugetlb v1 hierarchy is mounted.
if [ -d /sys/fs/cgroup/memory ] && [ -f /sys/fs/cgroup/unified/cgroup.controllers ] \
   && grep -qw hugetlb /sys/fs/cgroup/unified/cgroup.controllers 2>/dev/null \
   && ! mountpoint -q /sys/fs/cgroup/hugetlb; then
    mount -o remount,rw /sys/fs/cgroup 2>/dev/null || true
    mkdir -p /sys/fs/cgroup/hugetlb
    mount -t cgroup -o hugetlb cgroup /sys/fs/cgroup/hugetlb || echo "warning: could not mount the hugetlb cgroup hierarchy" >&2
fi

getent group docker >/dev/null || groupadd --system docker
sysctl -qw net.ipv4.ip_forward=1 2>/dev/null || true
