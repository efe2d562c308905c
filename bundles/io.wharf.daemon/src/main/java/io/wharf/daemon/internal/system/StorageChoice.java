package io.wharf.daemon.internal.system;

import java.util.List;

/** Which storage driver the engine uses: the configured one, else the best registered one. */
public final class StorageChoice {
    /** In order of preference when none is configured, as dockerd prefers them. */
    static final List<String> PREFERENCE = List.of("overlay2", "vfs");

    private StorageChoice() {
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
