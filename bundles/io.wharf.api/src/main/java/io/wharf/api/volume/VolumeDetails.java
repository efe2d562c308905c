package io.wharf.api.volume;

import java.util.Map;

/**
 * A volume as {@code GET /volumes/{name}} shows it.
 *
 * @param usageSize bytes, or -1 when not computed
 * @param refCount containers referencing it, or -1 when not computed
 */
public record VolumeDetails(String name, String driver, String mountpoint, String createdAt,
        Map<String, Object> status, Map<String, String> labels, String scope, Map<String, String> options,
        long usageSize, int refCount) {
}
