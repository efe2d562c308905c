package io.wharf.daemon.internal.volume;

import io.wharf.linux.files.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The engine's volume records, one properties file per volume under {@code <data-root>/volumes/.wharf/records/}.
 * The directory name starts with a dot so that it can never be taken for a volume by the local driver, which
 * shares {@code volumes/}. Each record is written atomically (temp file, fsync, rename).
 */
final class VolumeRecordStore {
    private static final String SUFFIX = ".properties";
    private static final String LABEL = "label.";
    private static final String OPTION = "option.";

    private final Path dir;

    VolumeRecordStore(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
    }

    Optional<VolumeRecord> get(String name) {
        if (!VolumeNames.isValid(name)) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(file(name))) {
            Properties p = new Properties();
            p.load(in);
            return Optional.of(fromProperties(name, p));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the record of volume " + name, e);
        }
    }

    List<VolumeRecord> all() {
        List<VolumeRecord> out = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path f : files) {
                String file = f.getFileName().toString();
                get(file.substring(0, file.length() - SUFFIX.length())).ifPresent(out::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list volume records in " + dir, e);
        }
        out.sort((a, b) -> a.name().compareTo(b.name()));
        return out;
    }

    void put(VolumeRecord record) {
        Properties p = new Properties();
        p.setProperty("driver", record.driver());
        p.setProperty("mountpoint", record.mountpoint());
        p.setProperty("createdAt", record.createdAt());
        record.labels().forEach((k, v) -> p.setProperty(LABEL + k, v));
        record.options().forEach((k, v) -> p.setProperty(OPTION + k, v));
        try {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            p.store(out, null);
            AtomicFiles.write(file(record.name()), out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the record of volume " + record.name(), e);
        }
    }

    void delete(String name) {
        try {
            Files.deleteIfExists(file(name));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the record of volume " + name, e);
        }
    }

    private Path file(String name) {
        return dir.resolve(name + SUFFIX);
    }

    private static VolumeRecord fromProperties(String name, Properties p) {
        Map<String, String> labels = new TreeMap<>();
        Map<String, String> options = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith(LABEL)) {
                labels.put(key.substring(LABEL.length()), p.getProperty(key));
            } else if (key.startsWith(OPTION)) {
                options.put(key.substring(OPTION.length()), p.getProperty(key));
            }
        }
        return new VolumeRecord(name, p.getProperty("driver", "local"), p.getProperty("mountpoint", ""),
                p.getProperty("createdAt", ""), new LinkedHashMap<>(labels), new LinkedHashMap<>(options));
    }
}
