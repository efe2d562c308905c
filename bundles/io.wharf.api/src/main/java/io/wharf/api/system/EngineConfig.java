package io.wharf.api.system;

/**
 * The engine's whole configuration in one Configuration Admin PID, for driver bundles that read several engine
 * settings. The launcher fills it from {@code daemon.json} and the command line, and updates it on a reload
 * ({@code kill -HUP}); Wharf's own components read a configuration PID of their own instead (the launcher's
 * table maps each {@code daemon.json} key to the PIDs that use it), so that a reload reaches only the components
 * a change concerns. A {@code daemon.json} key becomes a property by turning each {@code -} into {@code .}
 * ({@code data-root} is {@code data.root}); strings, numbers and booleans stay as they are, lists of strings
 * become {@code String[]}, and objects become their JSON text. A Declarative Services component reads it with
 * {@code configurationPid = EngineConfig.PID} and an annotation type whose methods are named after the keys
 * ({@code data_root()}); it should handle {@code @Modified}, or a reload restarts it.
 */
public final class EngineConfig {
    public static final String PID = "io.wharf";

    /** Where state lives; default {@code /var/lib/wharf}. */
    public static final String DATA_ROOT = "data.root";
    /** Where runtime files live (sockets, pid files, bundles); default {@code /run/wharf}. */
    public static final String EXEC_ROOT = "exec.root";
    /** Addresses the API listens on, as dockerd's {@code -H}: {@code unix:///run/wharf.sock}, {@code tcp://host:port}. */
    public static final String HOSTS = "hosts";
    /** The group that owns the Unix socket; default {@code docker} when that group exists. */
    public static final String GROUP = "group";
    public static final String TLS = "tls";
    public static final String TLS_VERIFY = "tlsverify";
    public static final String TLS_CA_CERT = "tlscacert";
    public static final String TLS_CERT = "tlscert";
    public static final String TLS_KEY = "tlskey";
    /** Allows plain (unencrypted) TCP, and only on loopback addresses. */
    public static final String INSECURE_TCP = "insecure.tcp";
    public static final String DEBUG = "debug";
    public static final String EXPERIMENTAL = "experimental";
    public static final String LABELS = "labels";
    /** The storage driver's name; empty picks the best one the host supports. */
    public static final String STORAGE_DRIVER = "storage.driver";
    /** The runtime used when a container names none; default {@code runc}. */
    public static final String DEFAULT_RUNTIME = "default.runtime";
    /** More OCI runtimes, a JSON object as in daemon.json: {@code {"name": {"path": "...", "runtimeArgs": []}}}. */
    public static final String RUNTIMES = "runtimes";
    public static final String LOG_DRIVER = "log.driver";
    /** Default {@code --log-opt} values, a JSON object. */
    public static final String LOG_OPTS = "log.opts";
    public static final String LIVE_RESTORE = "live.restore";
    public static final String BIP = "bip";
    /** A JSON array of {@code {"base": "cidr", "size": n}}. */
    public static final String DEFAULT_ADDRESS_POOLS = "default.address.pools";
    public static final String INSECURE_REGISTRIES = "insecure.registries";
    public static final String REGISTRY_MIRRORS = "registry.mirrors";
    /** Authorization plugins to consult, in order. */
    public static final String AUTHORIZATION_PLUGINS = "authorization.plugins";

    private EngineConfig() {
    }
}
