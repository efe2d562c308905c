package io.wharf.network.bridge.internal;

import io.wharf.api.errors.WharfException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Records kept as properties files, written atomically (temp file, fsync, rename) so a crash leaves either the
 * old or the new record, never half of one.
 */
final class StateFile {
    private StateFile() {
    }

    static void write(Path file, Map<String, String> values) {
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
            Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(java.nio.ByteBuffer.wrap(out.toByteArray()));
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
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
