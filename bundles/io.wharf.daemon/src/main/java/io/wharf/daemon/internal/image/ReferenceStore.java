package io.wharf.daemon.internal.image;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wharf.api.image.ImageReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * References (name:tag and name@digest, in canonical form) to image IDs, kept in {@code repositories.json}
 * and rewritten atomically on every change. Thread-safe.
 */
final class ReferenceStore {
    private static final TypeReference<Map<String, Map<String, Map<String, String>>>> TYPE = new TypeReference<>() {
    };

    private final Path file;
    private final ObjectMapper json;
    /** canonical reference → image ID */
    private final TreeMap<String, String> refs = new TreeMap<>();

    ReferenceStore(Path file, ObjectMapper json) {
        this.file = file;
        this.json = json;
        if (Files.exists(file)) {
            try {
                Map<String, Map<String, Map<String, String>>> m = json.readValue(file.toFile(), TYPE);
                Map<String, Map<String, String>> repos = m.getOrDefault("Repositories", Map.of());
                repos.values().forEach(refs::putAll);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
    }

    synchronized String get(ImageReference ref) {
        return refs.get(ref.toString());
    }

    synchronized void put(ImageReference ref, String imageId) {
        refs.put(ref.toString(), imageId);
        save();
    }

    /** Removes one reference; returns the image it named, or null. */
    synchronized String remove(ImageReference ref) {
        String id = refs.remove(ref.toString());
        if (id != null) {
            save();
        }
        return id;
    }

    synchronized List<ImageReference> referencesTo(String imageId) {
        List<ImageReference> out = new ArrayList<>();
        refs.forEach((r, id) -> {
            if (id.equals(imageId)) {
                out.add(ImageReference.parseCanonical(r));
            }
        });
        return out;
    }

    synchronized Map<String, String> all() {
        return new TreeMap<>(refs);
    }

    /** Drops references to images that do not exist (left by a crash between image removal and this file). */
    synchronized void retainImages(java.util.function.Predicate<String> exists) {
        if (refs.values().removeIf(id -> !exists.test(id))) {
            save();
        }
    }

    private void save() {
        Map<String, Map<String, String>> repos = new TreeMap<>();
        refs.forEach((r, id) -> repos.computeIfAbsent(ImageReference.parseCanonical(r).fullName(),
                k -> new TreeMap<>()).put(r, id));
        try {
            StoreFiles.write(file, json.writeValueAsBytes(Map.of("Repositories", repos)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
