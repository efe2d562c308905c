package io.wharf.volume.local.internal;

import io.wharf.linux.files.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /** Writes the record so that a crash leaves either the old file or the new one. */
    void write(Path volumeDir) throws IOException {
        AtomicFiles.write(volumeDir.resolve(FILE), RecordJson.write(Map.of("Options", new TreeMap<>(options),
                "Labels", new TreeMap<>(labels), "CreatedAt", createdAt)));
    }

    static VolumeRecord read(Path volumeDir) throws IOException {
        Map<String, Object> json = RecordJson.parse(Files.readString(volumeDir.resolve(FILE), StandardCharsets.UTF_8));
        return new VolumeRecord(strings(json.get("Options")), strings(json.get("Labels")),
                (String) json.get("CreatedAt"));
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
