package io.wharf.daemon.internal.volume;

import java.util.Map;

/**
 * What the engine remembers of a volume independently of its driver: which driver holds it, and the labels and
 * options it was created with (plugins do not keep labels). Lets a volume be listed while its driver is absent.
 *
 * @param mountpoint the last mount point the driver reported, or empty
 * @param createdAt RFC 3339
 */
record VolumeRecord(String name, String driver, String mountpoint, String createdAt, Map<String, String> labels,
        Map<String, String> options) {
    VolumeRecord {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        options = options == null ? Map.of() : Map.copyOf(options);
        mountpoint = mountpoint == null ? "" : mountpoint;
        createdAt = createdAt == null ? "" : createdAt;
    }

    boolean anonymous() {
        return labels.containsKey(VolumeNames.ANONYMOUS_LABEL);
    }
}
