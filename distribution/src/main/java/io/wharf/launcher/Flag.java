package io.wharf.launcher;

import java.util.List;
import java.util.Optional;

/**
 * One command-line flag and the daemon.json key it sets ({@code null} for flags that only steer the launcher).
 *
 * @param name      the long name, without dashes
 * @param shorthand the one-letter name, or {@code 0}
 * @param kind      how values are read
 * @param key       the daemon.json key the flag sets
 * @param valueName the value's name in the usage text
 * @param usage     one line of help
 */
record Flag(String name, char shorthand, Kind kind, String key, String valueName, String usage) {

    enum Kind { BOOLEAN, STRING, LIST }

    /** The flags wharfd accepts, in the order the usage text lists them. */
    static final List<Flag> ALL = List.of(
            string("bip", "bip", "string", "Specify network bridge IP"),
            new Flag("bridge", 'b', Kind.STRING, "bridge", "string", "Attach containers to a network bridge"),
            string("bundle-dir", "bundle-dir", "string", "Directory watched for bundles to install, update and remove (default \"<install dir>/deploy\")"),
            string("config-file", null, "string", "Daemon configuration file (default \"" + DaemonConfig.DEFAULT_CONFIG_FILE + "\")"),
            string("data-root", "data-root", "string", "Root directory of persistent Wharf state (default \"" + DaemonConfig.DEFAULT_DATA_ROOT + "\")"),
            bool("debug", 'D', "debug", "Enable debug mode"),
            string("default-runtime", "default-runtime", "string", "Default OCI runtime for containers (default \"runc\")"),
            string("exec-root", "exec-root", "string", "Root directory for execution state files (default \"" + DaemonConfig.DEFAULT_EXEC_ROOT + "\")"),
            bool("experimental", (char) 0, "experimental", "Enable experimental features"),
            list("feature", "features", "string", "Feature to install at start-up (default [framework,engine,drivers])"),
            new Flag("group", 'G', Kind.STRING, "group", "string", "Group for the unix socket (default \"docker\")"),
            new Flag("help", 'h', Kind.BOOLEAN, null, null, "Print usage"),
            new Flag("host", 'H', Kind.LIST, "hosts", "list", "Daemon socket(s) to connect to"),
            list("insecure-registry", "insecure-registries", "list", "Enable insecure registry communication"),
            bool("iptables", (char) 0, "iptables", "Enable addition of iptables rules (default true)"),
            list("label", "labels", "list", "Set key=value labels to the daemon"),
            string("log-driver", "log-driver", "string", "Default driver for container logs (default \"json-file\")"),
            new Flag("log-level", 'l', Kind.STRING, "log-level", "string", "Set the logging level (\"debug\"|\"info\"|\"warn\"|\"error\"|\"fatal\") (default \"info\")"),
            bool("live-restore", (char) 0, "live-restore", "Enable live restore of containers when the daemon stops"),
            new Flag("pidfile", 'p', Kind.STRING, "pidfile", "string", "Path to use for daemon PID file (default \"<exec-root>/wharfd.pid\")"),
            new Flag("storage-driver", 's', Kind.STRING, "storage-driver", "string", "Storage driver to use"),
            bool("tls", (char) 0, "tls", "Use TLS; implied by --tlsverify"),
            string("tlscacert", "tlscacert", "string", "Trust certs signed only by this CA"),
            string("tlscert", "tlscert", "string", "Path to TLS certificate file"),
            string("tlskey", "tlskey", "string", "Path to TLS key file"),
            bool("tlsverify", (char) 0, "tlsverify", "Use TLS and verify the remote"),
            new Flag("version", 'v', Kind.BOOLEAN, null, null, "Print version information and quit"));

    static Optional<Flag> byName(String name) {
        return ALL.stream().filter(f -> f.name.equals(name)).findFirst();
    }

    static Optional<Flag> byShorthand(char c) {
        return ALL.stream().filter(f -> f.shorthand != 0 && f.shorthand == c).findFirst();
    }

    /** How pflag names a flag in its messages: {@code -D, --debug} or {@code --bip}. */
    String display() {
        return shorthand == 0 ? "--" + name : "-" + shorthand + ", --" + name;
    }

    private static Flag string(String name, String key, String valueName, String usage) {
        return new Flag(name, (char) 0, Kind.STRING, key, valueName, usage);
    }

    private static Flag list(String name, String key, String valueName, String usage) {
        return new Flag(name, (char) 0, Kind.LIST, key, valueName, usage);
    }

    private static Flag bool(String name, char shorthand, String key, String usage) {
        return new Flag(name, shorthand, Kind.BOOLEAN, key, null, usage);
    }
}
