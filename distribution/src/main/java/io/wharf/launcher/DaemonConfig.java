package io.wharf.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The daemon's effective configuration: daemon.json merged with the command line, defaults filled in. Keys are
 * daemon.json's ({@code data-root}); {@link #toProperties()} turns them into the single Configuration Admin
 * configuration {@code io.wharf} that every bundle reads.
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
        DaemonConfig config = new DaemonConfig(merged);
        config.check();
        return config;
    }

    private void check() throws UsageException {
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

    /** dockerd's log level; {@code --debug} makes it {@code debug}. */
    /** {@code --storage-driver} or daemon.json's {@code storage-driver}; null when the engine is to choose. */
    String storageDriver() {
        Object v = values.get("storage-driver");
        return v instanceof String s && !s.isEmpty() ? s : null;
    }

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

    /**
     * The Configuration Admin properties: each key with {@code -} turned into {@code .}; strings, booleans and
     * numbers as they are, lists of strings as {@code String[]}, anything else (objects, mixed lists) as JSON text.
     */
    Dictionary<String, Object> toProperties() {
        Hashtable<String, Object> props = new Hashtable<>();
        for (Map.Entry<String, Object> e : values.entrySet()) {
            Object v = e.getValue();
            if (v == null) {
                continue;
            }
            String key = e.getKey().replace('-', '.');
            if (v instanceof String || v instanceof Boolean || v instanceof Long || v instanceof Double) {
                props.put(key, v);
            } else if (v instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
                props.put(key, list.toArray(new String[0]));
            } else {
                props.put(key, JsonWriter.write(v));
            }
        }
        return props;
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
