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
