# Shared by the bench scripts (sourced, not run). Each bench daemon gets the same default bridge of its own,
# never the host's wharf0, and the bridge and the chains the bridge driver names after it go at exit.

bench_bridge=wbench0
bench_bip=10.199.77.1/24

# flags for wharfd: the bench's own default bridge
bench_bridge_args=(--bridge "$bench_bridge" --bip "$bench_bip")

# removes the bench bridge and its WH-WBENCH0 chains; absent ones are fine
remove_bench_bridge() {
    local t c prefix=WH-${bench_bridge^^}
    ip link del "$bench_bridge" 2>/dev/null || true
    for t in filter nat; do
        iptables -t "$t" -S | awk -v p="-j $prefix" 'index($0, p) && /^-A/ {sub(/^-A/, "-D"); print}' \
            | while read -r rule; do eval iptables -t "$t" "$rule" || true; done
        for c in $(iptables -t "$t" -S | awk -v p="$prefix" '$1 == "-N" && index($2, p) == 1 {print $2}'); do
            iptables -t "$t" -F "$c"
        done
        for c in $(iptables -t "$t" -S | awk -v p="$prefix" '$1 == "-N" && index($2, p) == 1 {print $2}'); do
            iptables -t "$t" -X "$c"
        done
    done
}

# a free TCP port on 127.0.0.1
free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# starts Debian's docker-registry on 127.0.0.1:$port with its data under $work/registry; sets registry_pid
start_registry() {
    rm -rf "$work/registry"; mkdir -p "$work/registry"
    cat > "$work/registry/config.yml" <<YAML
version: 0.1
log: {level: error, accesslog: {disabled: true}}
storage: {filesystem: {rootdirectory: $work/registry/data}}
http: {addr: 127.0.0.1:$port}
YAML
    /usr/bin/docker-registry serve "$work/registry/config.yml" >"$work/registry.log" 2>&1 &
    registry_pid=$!
    for _ in $(seq 100); do (echo >/dev/tcp/127.0.0.1/"$port") 2>/dev/null && return; sleep 0.05; done
    echo "registry did not start" >&2; exit 1
}

stop_registry() { kill "$registry_pid"; wait "$registry_pid" 2>/dev/null || true; registry_pid=""; }

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# waits for a daemon's /_ping on the socket $1
wait_ping() {
    for _ in $(seq 1 600); do curl -s --max-time 1 --unix-socket "$1" http://d/_ping >/dev/null 2>&1 && return; sleep 0.05; done
    echo "no daemon on $1" >&2; exit 1
}

# starts wharfd $2 with its data, exec root, pidfile, config, socket ($1/sock) and log in directory $1 and waits
# for it to answer; further arguments go to wharfd
start_wharf() {
    local d=$1 bin=$2; shift 2
    mkdir -p "$d"
    echo '{}' > "$d/daemon.json"
    "$bin" --data-root "$d/data" --exec-root "$d/run" --pidfile "$d/pid" --config-file "$d/daemon.json" \
        -H "unix://$d/sock" "$@" >"$d/log" 2>&1 &
    wait_ping "$d/sock"
}

# removes the containers of the daemon in directory $1 (socket $1/sock, pidfile $1/pid) and stops it
stop_daemon() {
    local d=$1
    [ -S "$d/sock" ] && DOCKER_HOST=unix://$d/sock docker ps -aq 2>/dev/null \
        | xargs -r env DOCKER_HOST="unix://$d/sock" docker rm -f >/dev/null 2>&1 || true
    [ -f "$d/pid" ] && kill "$(cat "$d/pid")" 2>/dev/null || true
    for _ in $(seq 1 100); do [ -f "$d/pid" ] && kill -0 "$(cat "$d/pid")" 2>/dev/null || break; sleep 0.1; done
}

# $1/rootfs.tar: a busybox root file system from the host's static busybox, for `docker import`
busybox_tar() {
    local root=$1/rootfs
    mkdir -p "$root/bin" "$root/etc" "$root/tmp" "$root/root" "$root/opt"
    cp /usr/bin/busybox "$root/bin/busybox"
    for a in sh true sleep echo cat ls; do ln -sf busybox "$root/bin/$a"; done
    printf 'root:x:0:0:root:/root:/bin/sh\n' > "$root/etc/passwd"
    printf 'root:x:0:\n' > "$root/etc/group"
    tar --numeric-owner --owner=0 --group=0 -C "$root" -cf "$1/rootfs.tar" .
}

# A reference dockerd (Debian's docker.io) for side-by-side figures. Its own bridge, beside the Wharf bench bridge; dockerd leaves its DOCKER* chains and the rules for its
# bridge behind at exit, so they are removed (the chains only when there were none before)
ref_bridge=wbenchd0
ref_bip=10.199.79.1/24
docker_chains_before=$(iptables-save | grep -c '^:DOCKER' || true)
forward_policy=$(iptables -S FORWARD | awk '$1 == "-P" {print $3}')

remove_ref_rules() {
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

stop_daemon() {   # $1: the daemon's directory
    local d=$1
    [ -S "$d/sock" ] && DOCKER_HOST=unix://$d/sock docker ps -aq 2>/dev/null \
        | xargs -r env DOCKER_HOST="unix://$d/sock" docker rm -f >/dev/null 2>&1 || true
    [ -f "$d/pid" ] && kill "$(cat "$d/pid")" 2>/dev/null || true
    for _ in $(seq 1 100); do [ -f "$d/pid" ] && kill -0 "$(cat "$d/pid")" 2>/dev/null || break; sleep 0.1; done
}


# starts dockerd in directory $1 (socket $1/sock) on its own bridge; further arguments go to dockerd
start_ref_dockerd() {
    local d=$1; shift
    if ip -o -4 route show table all | grep -Eq "(^| )${ref_bip%.*}\."; then
        echo "$ref_bip is routed on this host already" >&2; exit 1
    fi
    ip link add "$ref_bridge" type bridge
    ip addr add "$ref_bip" dev "$ref_bridge"
    ip link set "$ref_bridge" up
    mkdir -p "$d"
    echo '{}' > "$d/daemon.json"
    dockerd --data-root "$d/data" --exec-root "$d/run" --pidfile "$d/pid" --config-file "$d/daemon.json" \
        -H "unix://$d/sock" --bridge "$ref_bridge" --ip6tables=false "$@" >"$d/log" 2>&1 &
    wait_ping "$d/sock"
}

# stops the dockerd of start_ref_dockerd and removes its bridge and rules
stop_ref_dockerd() {
    stop_daemon "$1"
    ip link del "$ref_bridge" 2>/dev/null || true
    remove_ref_rules
}

# The set-up every single-daemon bench shares: a work directory named after $1 (removed at exit with the daemon
# and the bench bridge), the load generator, this build's daemon on the bench bridge with DOCKER_HOST pointing
# at it, and a busybox image; sets work and wharfd
single_daemon_bench() {
    wharfd=distribution/target/wharf/bin/wharfd
    [ -x "$wharfd" ] || { echo "build first: mvn -DskipTests install" >&2; exit 1; }
    work=$(mktemp -d "/tmp/wharf-bench-$1.XXXXXX")
    export DOCKER_HOST=unix://$work/wharf/sock DOCKER_CONFIG=$work/docker-config
    trap 'stop_daemon "$work/wharf"; rm -rf "$work"; remove_bench_bridge' EXIT
    gcc -O2 -pthread -o "$work/udsload" bench/udsload.c
    start_wharf "$work/wharf" "$wharfd" "${bench_bridge_args[@]}"
    busybox_tar "$work"
    docker import -c 'CMD ["sh"]' "$work/rootfs.tar" busybox:latest >/dev/null
}

# prints the milliseconds a command took (its output discarded)
ms() { local t0 t1; t0=$(date +%s%N); "$@" >/dev/null; t1=$(date +%s%N); echo $(( (t1 - t0) / 1000000 )); }
