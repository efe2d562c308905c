package io.wharf.network.bridge.internal;

import io.wharf.api.errors.WharfException;
import io.wharf.linux.files.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Records kept as properties files, written atomically (temp file, rename) so a crash leaves either the old or
 * the new record, never half of one.
 */
final class StateFile {
    private StateFile() {
    }

    /**
     * Writes a record. One that must survive a power cut (a network's, a pool's) is flushed to disk before it
     * counts ({@code durable}); one that lives no longer than a boot (an endpoint's, a pool's allocations) is
     * renamed into place without a flush: after a power cut no container runs and every endpoint is made anew.
     */
    static void write(Path file, Map<String, String> values, boolean durable) {
        try {
            Files.createDirectories(file.getParent());
            Properties props = new Properties();
            new TreeMap<>(values).forEach((k, v) -> {
                if (v != null) {
                    props.setProperty(k, v);
                }
            });
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            props.store(out, null);
            AtomicFiles.write(file, out.toByteArray(), durable);
        } catch (IOException e) {
            throw new WharfException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    static Optional<Map<String, String>> read(Path file) {
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            props.load(in);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new WharfException("cannot read " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> values = new TreeMap<>();
        props.stringPropertyNames().forEach(k -> values.put(k, props.getProperty(k)));
        return Optional.of(values);
    }

    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new WharfException("cannot remove " + file + ": " + e.getMessage(), e);
        }
    }
}
