package io.wharf.builder.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The classic builder's cache: a step's key (its parent image, its instruction with the checksum of what it
 * copies, and the config it runs with) to the image it made. Kept on disk, one small file per key, so that it
 * outlives a daemon restart; an entry whose image is gone is a miss.
 */
final class BuildCache {
    private final Path dir;

    BuildCache(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
    }

    static String key(String parent, String instruction, String config) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update((parent == null ? "scratch" : parent).getBytes(StandardCharsets.UTF_8));
            d.update((byte) 0);
            d.update(instruction.getBytes(StandardCharsets.UTF_8));
            d.update((byte) 0);
            d.update(config.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    Optional<String> get(String key) {
        try {
            return Optional.of(Files.readString(dir.resolve(key), StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    void put(String key, String imageId) {
        try {
            // a cache entry lost to a power cut only costs a rebuild: renamed, not flushed
            io.wharf.linux.files.AtomicFiles.replace(dir.resolve(key), imageId);
        } catch (IOException e) {
            // a cache that cannot be written only makes the next build slower
        }
    }

    void forget(String key) {
        try {
            Files.deleteIfExists(dir.resolve(key));
        } catch (IOException e) {
            // as above
        }
    }

    /** Removes every entry; returns the image IDs they pointed at. */
    List<String> clear() {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> {
                String id = null;
                try {
                    id = Files.readString(p, StandardCharsets.UTF_8).strip();
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // gone already
                }
                return id;
            }).filter(id -> id != null && !id.isEmpty()).distinct().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
