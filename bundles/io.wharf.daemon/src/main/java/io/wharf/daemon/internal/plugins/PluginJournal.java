package io.wharf.daemon.internal.plugins;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the operator did to plugins, kept in {@code <data-root>/plugins/journal.json} so that the next start of
 * the daemon (which installs the distribution's bundles afresh) brings each plugin back as it was left: the jar
 * installed or upgraded to, disabled, or removed. Plugins nobody touched have no entry.
 */
final class PluginJournal {
    /** One plugin's last state: {@code jar} is the kept jar (null for the distribution's own). */
    record Entry(String jar, String version, String reference, boolean enabled, boolean removed) {
        Entry withEnabled(boolean e) {
            return new Entry(jar, version, reference, e, removed);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Map<String, Entry> entries = new TreeMap<>();

    PluginJournal(Path file) {
        this.file = file;
        if (Files.isRegularFile(file)) {
            try {
                entries.putAll(JSON.readValue(file.toFile(), new TypeReference<LinkedHashMap<String, Entry>>() { }));
            } catch (IOException e) {
                // a journal that cannot be read is started afresh: the distribution's bundles are still there
                entries.clear();
            }
        }
    }

    synchronized Optional<Entry> get(String bsn) {
        return Optional.ofNullable(entries.get(bsn));
    }

    synchronized Map<String, Entry> all() {
        return Map.copyOf(entries);
    }

    synchronized void put(String bsn, Entry e) {
        entries.put(bsn, e);
        save();
    }

    /** Records enabled or disabled, starting an entry for a distribution bundle when needed. */
    synchronized void enabled(String bsn, String version, boolean enabled) {
        Entry e = entries.get(bsn);
        entries.put(bsn, e == null ? new Entry(null, version, bsn, enabled, false) : e.withEnabled(enabled));
        save();
    }

    private void save() {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.write(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(entries));
            try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                c.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
