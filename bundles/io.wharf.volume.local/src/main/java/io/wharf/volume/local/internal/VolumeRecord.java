package io.wharf.volume.local.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;

/**
 * What is kept about a volume in its {@code opts.json}: the options and labels given at creation and when.
 *
 * @param createdAt RFC 3339 in UTC, seconds precision, as dockerd shows it
 */
record VolumeRecord(Map<String, String> options, Map<String, String> labels, String createdAt) {
    static final String FILE = "opts.json";

    VolumeRecord {
        options = Map.copyOf(options);
        labels = Map.copyOf(labels);
    }

    /** Writes the record so that a crash leaves either the old file or the new one: temp file, fsync, rename. */
    void write(Path volumeDir) throws IOException {
        Path tmp = volumeDir.resolve(FILE + ".tmp");
        byte[] bytes = RecordJson.write(Map.of("Options", new TreeMap<>(options), "Labels", new TreeMap<>(labels),
                "CreatedAt", createdAt)).getBytes(StandardCharsets.UTF_8);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(java.nio.ByteBuffer.wrap(bytes));
            ch.force(true);
        }
        Files.move(tmp, volumeDir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory(volumeDir);
    }

    static VolumeRecord read(Path volumeDir) throws IOException {
        Map<String, Object> json = RecordJson.parse(Files.readString(volumeDir.resolve(FILE), StandardCharsets.UTF_8));
        return new VolumeRecord(strings(json.get("Options")), strings(json.get("Labels")),
                (String) json.get("CreatedAt"));
    }

    static void syncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    private static Map<String, String> strings(Object value) {
        Map<String, String> result = new TreeMap<>();
        if (value instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                if (v != null) {
                    result.put(k.toString(), v.toString());
                }
            });
        }
        return result;
    }
}
