package io.wharf.launcher;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * What {@code kill -HUP wharfd} does, as dockerd's reload: daemon.json is read again and checked with the command
 * line as at start; a file that does not pass changes nothing. Otherwise the keys the table marks reloadable take
 * their new values, the others keep theirs (each change left out is logged), and only the configurations whose
 * properties changed are updated, the daemon's last, with its reload count raised so that it announces the
 * reload. Components apply the change where they are ({@code @Modified}); none is restarted.
 */
final class ConfigurationReload {
    /** The outcome of comparing the running values with the file's: what to apply and what to leave. */
    record Plan(Map<String, Object> values, List<String> changed, List<String> notReloaded) {
    }

    private final CommandLine cmd;
    private final ConfigurationPublisher publisher;
    private final Log log;
    private DaemonConfig current;
    private long reloads;

    ConfigurationReload(CommandLine cmd, DaemonConfig current, ConfigurationPublisher publisher, Log log) {
        this.cmd = cmd;
        this.current = current;
        this.publisher = publisher;
        this.log = log;
    }

    synchronized DaemonConfig current() {
        return current;
    }

    /** Reloads; never throws, since a bad file or a failed update must leave the daemon running. */
    synchronized void reload() {
        DaemonConfig fresh;
        try {
            fresh = DaemonConfig.load(cmd);
        } catch (UsageException e) {
            log.error("unable to reload the configuration, nothing changed: " + e.getMessage(), null);
            return;
        }
        Plan plan = plan(current.values(), fresh.values());
        for (String key : plan.notReloaded()) {
            Object kept = current.values().get(key);
            log.warn("configuration reload: " + key + " cannot be changed while wharfd runs; it stays "
                    + (kept == null ? "unset" : JsonWriter.write(kept)) + " until the next start");
        }
        DaemonConfig applied = current.with(plan.values());
        Map<String, Hashtable<String, Object>> configurations = daemonLast(applied.configurations(), reloads + 1);
        List<String> updated;
        try {
            updated = publisher.publishChanged(configurations);
        } catch (Exception e) {
            log.error("configuration reload failed while updating the components", e);
            return;
        }
        if (updated == null) {
            log.error("configuration reload: no Configuration Admin is running; nothing changed", null);
            return;
        }
        reloads++;
        current = applied;
        log.setDebug(applied.debug());
        log.info("configuration reloaded" + (plan.changed().isEmpty() ? " (no change)"
                : ": " + String.join(", ", plan.changed())) + "; configurations updated: "
                + String.join(", ", updated));
    }

    /**
     * The values after a reload: reloadable keys take the file's value (or keep or drop theirs when the file no
     * longer has them, as the table says), the others stay; keys the launcher defaults are compared as given.
     */
    static Plan plan(Map<String, Object> running, Map<String, Object> fromFile) {
        Map<String, Object> values = new LinkedHashMap<>(running);
        List<String> changed = new ArrayList<>();
        List<String> notReloaded = new ArrayList<>();
        TreeSet<String> keys = new TreeSet<>(running.keySet());
        keys.addAll(fromFile.keySet());
        for (String key : keys) {
            Object before = running.get(key);
            Object after = fromFile.get(key);
            if (Objects.equals(before, after)) {
                continue;
            }
            ConfigurationTable.Row row = ConfigurationTable.row(key).orElseThrow();
            if (row.unused()) {
                values.put(key, after);
                continue;
            }
            switch (row.reload()) {
                case NO -> notReloaded.add(key);
                case KEEP_WHEN_ABSENT -> {
                    if (after != null) {
                        values.put(key, after);
                        changed.add(key);
                    }
                }
                case DEFAULT_WHEN_ABSENT -> {
                    if (after == null) {
                        values.remove(key);
                    } else {
                        values.put(key, after);
                    }
                    changed.add(key);
                }
            }
        }
        values.values().removeIf(Objects::isNull);
        return new Plan(values, List.copyOf(changed), List.copyOf(notReloaded));
    }

    /** The daemon's configuration goes last and carries the reload count, so it hears of the reload after all. */
    static Map<String, Hashtable<String, Object>> daemonLast(Map<String, Hashtable<String, Object>> configurations,
            long count) {
        Map<String, Hashtable<String, Object>> ordered = new LinkedHashMap<>(configurations);
        Hashtable<String, Object> daemon = ordered.remove(ConfigurationTable.DAEMON);
        if (daemon != null) {
            daemon = new Hashtable<>(daemon);
            daemon.put(ConfigurationTable.RELOAD_COUNT, count);
            ordered.put(ConfigurationTable.DAEMON, daemon);
        }
        return ordered;
    }
}
