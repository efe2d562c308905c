package io.wharf.launcher;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where every setting goes. Each row takes one daemon.json key (a flag sets the key {@link Flag#key()} names) to
 * the Configuration Admin configurations (PIDs) of the components that read it, under one property name (the key
 * with each {@code -} turned into {@code .}, which a component's configuration annotation reads as
 * {@code data_root()}); {@link #LAUNCHER} marks keys the launcher itself uses. A row also gives the key's JSON type
 * and whether {@code kill -HUP} reloads it. Rows without targets are dockerd's keys that Wharf accepts and does
 * not use; any other key is refused, as dockerd refuses it.
 */
final class ConfigurationTable {
    /** Not a PID: the launcher reads the key itself. */
    static final String LAUNCHER = "wharfd";

    static final String DAEMON = "io.wharf.daemon";
    static final String CONTAINERS = "io.wharf.daemon.containers";
    static final String IMAGES = "io.wharf.daemon.images";
    static final String NETWORKS = "io.wharf.daemon.networks";
    static final String VOLUMES = "io.wharf.daemon.volumes";
    static final String DRIVERS = "io.wharf.daemon.drivers";
    static final String PLUGINS = "io.wharf.daemon.plugins";
    static final String REST = "io.wharf.rest";
    static final String REGISTRY = "io.wharf.registry";
    static final String BUILDER = "io.wharf.builder";
    static final String OVERLAY = "io.wharf.storage.overlay";
    static final String VFS = "io.wharf.storage.vfs";
    static final String BRIDGE = "io.wharf.network.bridge";
    static final String IPAM = "io.wharf.network.bridge.ipam";
    static final String HOST_NETWORK = "io.wharf.network.host";
    static final String OCI_RUNTIMES = "io.wharf.runtime.oci";
    static final String LOCAL_VOLUMES = "io.wharf.volume.local";
    static final String VOLUME_PLUGINS = "io.wharf.volume.plugin";
    static final String CONSOLE = "io.wharf.console";
    /**
     * Every key that reaches a component, in one configuration: {@code io.wharf.api.system.EngineConfig.PID}, kept
     * for driver bundles built against it. Wharf's own components read only their own PID.
     */
    static final String ENGINE_WIDE = "io.wharf";

    /** The property of the daemon's configuration that counts reloads: each new count is announced as an event. */
    static final String RELOAD_COUNT = "reload.count";

    /** A key's JSON type, checked before anything is applied. */
    enum Type {
        BOOLEAN("bool"), STRING("string"), STRINGS("[]string"), NUMBER("int"), OBJECT("map"), ARRAY("[]object"),
        ANY("any");

        final String goName;

        Type(String goName) {
            this.goName = goName;
        }

        boolean accepts(Object v) {
            return switch (this) {
                case BOOLEAN -> v instanceof Boolean;
                case STRING -> v instanceof String;
                case STRINGS -> v instanceof List<?> l && l.stream().allMatch(String.class::isInstance);
                case NUMBER -> v instanceof Long || v instanceof Double;
                case OBJECT -> v instanceof Map<?, ?>;
                case ARRAY -> v instanceof List<?>;
                case ANY -> true;
            };
        }
    }

    /** What {@code kill -HUP} does with a key, as dockerd's reload does. */
    enum Reload {
        /** Read at start only: a changed value is reported and left as it was. */
        NO,
        /** Reloaded; a key no longer in the file keeps its value. */
        KEEP_WHEN_ABSENT,
        /** Reloaded; a key no longer in the file goes back to its default. */
        DEFAULT_WHEN_ABSENT
    }

    /** One key, the PIDs that receive it and how. */
    record Row(String key, Type type, Reload reload, List<String> pids) {
        String property() {
            return key.replace('-', '.');
        }

        boolean reloadable() {
            return reload != Reload.NO;
        }

        /** A key of dockerd's that no part of Wharf reads. */
        boolean unused() {
            return pids.isEmpty();
        }
    }

    static final List<Row> ROWS = List.of(
            row("data-root", Type.STRING, Reload.NO, LAUNCHER, DAEMON, CONTAINERS, IMAGES, NETWORKS, VOLUMES, PLUGINS,
                    BUILDER, OVERLAY, VFS, BRIDGE, IPAM, OCI_RUNTIMES, LOCAL_VOLUMES),
            row("exec-root", Type.STRING, Reload.NO, LAUNCHER, DAEMON, HOST_NETWORK, OCI_RUNTIMES, CONSOLE),
            row("pidfile", Type.STRING, Reload.NO, LAUNCHER),
            row("features", Type.STRINGS, Reload.NO, LAUNCHER),
            row("bundle-dir", Type.STRING, Reload.NO, LAUNCHER),
            row("console", Type.BOOLEAN, Reload.NO, LAUNCHER),
            row("log-level", Type.STRING, Reload.NO, LAUNCHER),
            row("debug", Type.BOOLEAN, Reload.KEEP_WHEN_ABSENT, LAUNCHER, DAEMON),
            row("shutdown-timeout", Type.NUMBER, Reload.KEEP_WHEN_ABSENT, LAUNCHER, DAEMON),
            row("experimental", Type.BOOLEAN, Reload.NO, DAEMON, REST),
            row("labels", Type.STRINGS, Reload.KEEP_WHEN_ABSENT, DAEMON),
            row("live-restore", Type.BOOLEAN, Reload.KEEP_WHEN_ABSENT, DAEMON),
            row("hosts", Type.STRINGS, Reload.NO, REST, DAEMON),
            row("group", Type.STRING, Reload.NO, REST),
            row("tls", Type.BOOLEAN, Reload.NO, REST),
            row("tlsverify", Type.BOOLEAN, Reload.NO, REST),
            row("tlscacert", Type.STRING, Reload.NO, REST),
            row("tlscert", Type.STRING, Reload.NO, REST),
            row("tlskey", Type.STRING, Reload.NO, REST),
            row("insecure-tcp", Type.BOOLEAN, Reload.NO, REST),
            row("api-max-json-body", Type.NUMBER, Reload.NO, REST),
            row("storage-driver", Type.STRING, Reload.NO, LAUNCHER, DAEMON, IMAGES),
            row("default-runtime", Type.STRING, Reload.KEEP_WHEN_ABSENT, DAEMON, CONTAINERS),
            row("runtimes", Type.OBJECT, Reload.KEEP_WHEN_ABSENT, DAEMON, OCI_RUNTIMES),
            row("conmon-path", Type.STRING, Reload.NO, OCI_RUNTIMES),
            row("log-driver", Type.STRING, Reload.NO, DAEMON, CONTAINERS),
            row("log-opts", Type.OBJECT, Reload.NO, CONTAINERS),
            row("insecure-registries", Type.STRINGS, Reload.KEEP_WHEN_ABSENT, DAEMON, REGISTRY),
            row("registry-mirrors", Type.STRINGS, Reload.KEEP_WHEN_ABSENT, DAEMON, REGISTRY),
            row("max-concurrent-downloads", Type.NUMBER, Reload.DEFAULT_WHEN_ABSENT, DAEMON, IMAGES),
            row("max-concurrent-uploads", Type.NUMBER, Reload.DEFAULT_WHEN_ABSENT, DAEMON, IMAGES),
            row("bip", Type.STRING, Reload.NO, IPAM),
            row("bridge", Type.STRING, Reload.NO, BRIDGE, IPAM),
            row("default-address-pools", Type.ARRAY, Reload.NO, IPAM),
            row("driver-wait-timeout", Type.NUMBER, Reload.KEEP_WHEN_ABSENT, DRIVERS),
            row("volume-plugin-dirs", Type.STRINGS, Reload.NO, VOLUME_PLUGINS),
            // dockerd's keys that no part of Wharf reads: accepted, so that a daemon.json written for dockerd works
            unused("allow-direct-routing", "allow-nondistributable-artifacts", "authorization-plugins", "bip6",
                    "bridge-accept-fwmark", "builder", "cdi-spec-dirs", "cgroup-parent", "containerd",
                    "containerd-namespace", "containerd-plugin-namespace", "cpu-rt-period", "cpu-rt-runtime",
                    "cri-containerd", "default-cgroupns-mode", "default-gateway", "default-gateway-v6",
                    "default-init", "default-ipc-mode", "default-network-opts", "default-shm-size",
                    "default-stop-timeout", "default-ulimits", "dns", "dns-opts", "dns-search", "exec-opts",
                    "firewall-backend", "fixed-cidr", "fixed-cidr-v6", "host-gateway-ip", "host-gateway-ips",
                    "http-proxy", "https-proxy", "icc", "init", "init-path", "ip", "ip-forward",
                    "ip-forward-no-drop", "ip-masq", "ip6tables", "iptables", "ipv6", "log-format",
                    "max-download-attempts", "metrics-addr", "min-api-version", "mtu", "network-control-plane-mtu",
                    "network-diagnostic-port", "no-new-privileges", "no-proxy", "node-generic-resources",
                    "nri-opts", "proxies", "raw-logs", "resolv-conf", "rootless", "seccomp-profile",
                    "selinux-enabled", "storage-opts", "swarm-default-advertise-addr", "swarm-raft-election-tick",
                    "swarm-raft-heartbeat-tick", "userland-proxy", "userland-proxy-path", "userns-remap"))
            .stream().flatMap(List::stream).toList();

    private static final Map<String, Row> BY_KEY;

    static {
        Map<String, Row> byKey = new LinkedHashMap<>();
        for (Row r : ROWS) {
            if (byKey.put(r.key(), r) != null) {
                throw new IllegalStateException("two rows for " + r.key());
            }
        }
        BY_KEY = Map.copyOf(byKey);
    }

    private ConfigurationTable() {
    }

    static Optional<Row> row(String key) {
        return Optional.ofNullable(BY_KEY.get(key));
    }

    /**
     * Checks every key and value: keys that match no row are refused with dockerd's message, values of the wrong
     * type with the message Go's JSON decoder gives dockerd.
     */
    static void check(Map<String, Object> values) throws UsageException {
        List<String> unknown = new ArrayList<>();
        for (String key : new TreeMap<>(values).keySet()) {
            if (!BY_KEY.containsKey(key)) {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            throw new UsageException("the following directives don't match any configuration option: "
                    + String.join(", ", unknown));
        }
        for (Map.Entry<String, Object> e : values.entrySet()) {
            Row r = BY_KEY.get(e.getKey());
            if (e.getValue() != null && !r.type().accepts(e.getValue())) {
                throw new UsageException("json: cannot unmarshal " + jsonType(e.getValue())
                        + " into Go struct field Config." + e.getKey() + " of type " + r.type().goName);
            }
        }
    }

    /** The keys given that no part of Wharf reads, for a line in the log. */
    static List<String> unused(Map<String, Object> values) {
        return new TreeMap<>(values).keySet().stream().filter(k -> row(k).map(Row::unused).orElse(false)).toList();
    }

    /**
     * The configurations to publish, by PID: each component's PID with the properties of the keys it reads, and
     * {@link #ENGINE_WIDE} with all of them. Strings, booleans and numbers stay as they are, lists of strings
     * become {@code String[]}, anything else (objects, other lists) its JSON text; absent and null keys are left
     * out, so that components use their defaults.
     */
    static Map<String, Hashtable<String, Object>> configurations(Map<String, Object> values) {
        Map<String, Hashtable<String, Object>> byPid = new TreeMap<>();
        for (Row r : ROWS) {
            for (String pid : r.pids()) {
                if (!pid.equals(LAUNCHER)) {
                    byPid.computeIfAbsent(pid, p -> new Hashtable<>());
                    byPid.computeIfAbsent(ENGINE_WIDE, p -> new Hashtable<>());
                }
            }
        }
        for (Map.Entry<String, Object> e : values.entrySet()) {
            Row r = BY_KEY.get(e.getKey());
            if (r == null || e.getValue() == null) {
                continue;
            }
            Object value = property(e.getValue());
            boolean toComponents = false;
            for (String pid : r.pids()) {
                if (!pid.equals(LAUNCHER)) {
                    byPid.get(pid).put(r.property(), value);
                    toComponents = true;
                }
            }
            if (toComponents) {
                byPid.get(ENGINE_WIDE).put(r.property(), value);
            }
        }
        return byPid;
    }

    static Object property(Object v) {
        if (v instanceof String || v instanceof Boolean || v instanceof Long || v instanceof Double) {
            return v;
        }
        if (v instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            return list.toArray(new String[0]);
        }
        return JsonWriter.write(v);
    }

    private static String jsonType(Object v) {
        if (v instanceof String) {
            return "string";
        }
        if (v instanceof Boolean) {
            return "bool";
        }
        if (v instanceof Number) {
            return "number";
        }
        if (v instanceof List<?>) {
            return "array";
        }
        return "object";
    }

    private static List<Row> row(String key, Type type, Reload reload, String... pids) {
        return List.of(new Row(key, type, reload, List.of(pids)));
    }

    private static List<Row> unused(String... keys) {
        List<Row> rows = new ArrayList<>();
        for (String k : keys) {
            rows.add(new Row(k, Type.ANY, Reload.NO, List.of()));
        }
        return rows;
    }
}
