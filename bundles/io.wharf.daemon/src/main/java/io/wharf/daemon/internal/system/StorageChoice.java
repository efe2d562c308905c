package io.wharf.daemon.internal.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Which storage driver the engine uses: the one recorded in the data root by its first use, else the configured
 * one, else the best registered one.
 */
public final class StorageChoice {
    /** In order of preference when none is configured, as dockerd prefers them. */
    static final List<String> PREFERENCE = List.of("overlay2", "vfs");

    private StorageChoice() {
    }

    /** Where, under the data root, the driver that first stored layers there is named (the launcher reads it too). */
    public static final String RECORD = "image/storage-driver";

    /** The driver recorded in {@code dataRoot}, or null when nothing was stored there yet. */
    public static String recorded(Path dataRoot) {
        Path file = dataRoot.resolve(RECORD);
        try {
            String s = Files.readString(file, StandardCharsets.UTF_8).trim();
            return s.isEmpty() ? null : s;
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** {@link #choose(String, List)} unless {@code dataRoot} has a driver recorded: that one, then. */
    public static String choose(Path dataRoot, String configured, List<String> registered) {
        String recorded = recorded(dataRoot);
        return recorded != null ? recorded : choose(configured, registered);
    }

    public static String choose(String configured, List<String> registered) {
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        for (String p : PREFERENCE) {
            if (registered.contains(p)) {
                return p;
            }
        }
        return registered.isEmpty() ? null : registered.get(0);
    }
}
