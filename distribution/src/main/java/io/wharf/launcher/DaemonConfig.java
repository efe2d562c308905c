package io.wharf.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The daemon's effective configuration: daemon.json merged with the command line, defaults filled in, every key
 * and value checked against the {@link ConfigurationTable}. Keys are daemon.json's ({@code data-root});
 * {@link #configurations()} turns them into the Configuration Admin configurations of the components.
 */
final class DaemonConfig {
    static final String DEFAULT_CONFIG_FILE = "/etc/wharf/daemon.json";
    static final String DEFAULT_DATA_ROOT = "/var/lib/wharf";
    static final String DEFAULT_EXEC_ROOT = "/run/wharf";
    static final String DEFAULT_HOST = "unix:///run/wharf.sock";
    static final List<String> DEFAULT_FEATURES = List.of("framework", "engine", "drivers");
    static final String CONSOLE_FEATURE = "console";

    private final Map<String, Object> values;

    private DaemonConfig(Map<String, Object> values) {
        this.values = values;
    }

    /**
     * Reads the configuration file the command line names (or the default one, which may be missing), and merges
     * the flags over it. A key set both ways is an error, as in dockerd.
     */
    static DaemonConfig load(CommandLine cmd) throws UsageException {
        String file = cmd.configFile() == null ? DEFAULT_CONFIG_FILE : cmd.configFile();
        Map<String, Object> fromFile;
        try {
            fromFile = readFile(Path.of(file), cmd.configFile() == null);
            Map<String, Object> given = new LinkedHashMap<>(fromFile);
            given.values().removeIf(java.util.Objects::isNull);
            ConfigurationTable.check(given);
            SettingChecks.check(given);
        } catch (UsageException e) {
            throw new UsageException("unable to configure the daemon with file " + file + ": " + e.getMessage());
        }
        return merge(fromFile, cmd.values(), file);
    }

    static Map<String, Object> readFile(Path file, boolean mayBeMissing) throws UsageException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            if (mayBeMissing) {
                return Map.of();
            }
            throw new UsageException("open " + file + ": no such file or directory");
        } catch (IOException e) {
            throw new UsageException("read " + file + ": " + e.getMessage());
        }
        if (text.isBlank()) {
            return Map.of();
        }
        try {
            return JsonReader.parseObject(text);
        } catch (JsonReader.JsonException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** Flags over file; the same key in both is refused with dockerd's message, listing every such key. */
    static DaemonConfig merge(Map<String, Object> fromFile, Map<String, Object> fromFlags, String file)
            throws UsageException {
        List<String> conflicts = new ArrayList<>();
        for (Map.Entry<String, Object> e : new TreeMap<>(fromFlags).entrySet()) {
            if (fromFile.containsKey(e.getKey())) {
                conflicts.add(e.getKey() + ": (from flag: " + goText(e.getValue()) + ", from file: "
                        + goText(fromFile.get(e.getKey())) + ")");
            }
        }
        if (!conflicts.isEmpty()) {
            throw new UsageException("unable to configure the daemon with file " + file
                    + ": the following directives are specified both as a flag and in the configuration file: "
                    + String.join(", ", conflicts));
        }
        Map<String, Object> merged = new LinkedHashMap<>(fromFile);
        merged.putAll(fromFlags);
        merged.putIfAbsent("data-root", DEFAULT_DATA_ROOT);
        merged.putIfAbsent("exec-root", DEFAULT_EXEC_ROOT);
        merged.putIfAbsent("hosts", List.of(DEFAULT_HOST));
        merged.putIfAbsent("pidfile", Path.of(String.valueOf(merged.get("exec-root")), "wharfd.pid").toString());
        merged.putIfAbsent("features", DEFAULT_FEATURES);
        // a key set to null is as good as absent, as in dockerd
        merged.values().removeIf(java.util.Objects::isNull);
        DaemonConfig config = new DaemonConfig(merged);
        config.check();
        return config;
    }

    private void check() throws UsageException {
        ConfigurationTable.check(values);
        SettingChecks.check(values);
        for (String key : List.of("data-root", "exec-root", "pidfile")) {
            Object v = values.get(key);
            if (!(v instanceof String s) || s.isEmpty()) {
                throw new UsageException(key + " must be a non-empty string");
            }
        }
        stringList("hosts");
        stringList("features");
        String level = logLevel();
        if (!List.of("trace", "debug", "info", "warn", "error", "fatal", "panic").contains(level)) {
            throw new UsageException("unable to parse logging level: " + level);
        }
    }

    Path dataRoot() {
        return Path.of((String) values.get("data-root")).toAbsolutePath();
    }

    Path execRoot() {
        return Path.of((String) values.get("exec-root")).toAbsolutePath();
    }

    Path pidFile() {
        return Path.of((String) values.get("pidfile")).toAbsolutePath();
    }

    /** The directory watched for bundles, or {@code null} to use the installation's {@code deploy/}. */
    String bundleDir() {
        Object v = values.get("bundle-dir");
        return v instanceof String s && !s.isEmpty() ? s : null;
    }

    /** The features to install; daemon.json's {@code "console": true} adds the operator console's. */
    List<String> features() throws UsageException {
        List<String> features = stringList("features");
        if (console() && !features.contains(CONSOLE_FEATURE)) {
            features = new java.util.ArrayList<>(features);
            features.add(CONSOLE_FEATURE);
        }
        return features;
    }

    /** Whether the operator console is enabled: off unless daemon.json says {@code "console": true}. */
    boolean console() {
        return Boolean.TRUE.equals(values.get("console"));
    }

    boolean debug() {
        return Boolean.TRUE.equals(values.get("debug"));
    }

    /** {@code --storage-driver} or daemon.json's {@code storage-driver}; null when the engine is to choose. */
    String storageDriver() {
        Object v = values.get("storage-driver");
        return v instanceof String s && !s.isEmpty() ? s : null;
    }

    /** dockerd's log level; {@code --debug} makes it {@code debug}. */
    String logLevel() {
        if (debug()) {
            return "debug";
        }
        Object v = values.get("log-level");
        return v instanceof String s && !s.isEmpty() ? s.toLowerCase(java.util.Locale.ROOT) : "info";
    }

    Map<String, Object> values() {
        return Map.copyOf(values);
    }

    /** The configurations to publish, by PID (see {@link ConfigurationTable#configurations}). */
    Map<String, Hashtable<String, Object>> configurations() {
        return ConfigurationTable.configurations(values);
    }

    /** The same configuration with other values (a reload's outcome); its keys were checked already. */
    DaemonConfig with(Map<String, Object> changed) {
        return new DaemonConfig(new LinkedHashMap<>(changed));
    }

    /** Seconds the framework may take to stop: daemon.json's {@code shutdown-timeout}, by default 20. */
    long shutdownTimeoutSeconds() {
        return values.get("shutdown-timeout") instanceof Number n ? Math.max(0, n.longValue()) : 20;
    }

    private List<String> stringList(String key) throws UsageException {
        Object v = values.get(key);
        if (v instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            @SuppressWarnings("unchecked")
            List<String> strings = (List<String>) list;
            return strings;
        }
        throw new UsageException(key + " must be a list of strings");
    }

    /** Values printed the way dockerd's messages print Go values: lists as {@code [a b]}. */
    private static String goText(Object v) {
        if (v instanceof List<?> list) {
            List<String> parts = new ArrayList<>();
            for (Object o : list) {
                parts.add(goText(o));
            }
            return "[" + String.join(" ", parts) + "]";
        }
        if (v instanceof Map<?, ?> map) {
            return JsonWriter.write(map);
        }
        return String.valueOf(v);
    }
}
