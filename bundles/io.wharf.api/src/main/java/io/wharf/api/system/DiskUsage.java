package io.wharf.api.system;

import java.util.List;

/**
 * What {@code GET /system/df} reports; each part is filled by the service that owns the objects.
 *
 * @param layersSize bytes used by all image layers, shared ones counted once
 * @param images per-image usage
 * @param containers per-container usage
 * @param volumes per-volume usage
 * @param buildCache build cache entries
 */
public record DiskUsage(long layersSize, List<ImageUsage> images, List<ContainerUsage> containers,
        List<VolumeUsage> volumes, List<BuildCacheUsage> buildCache) {

    /** An image: its size, the part shared with other images, and how many containers use it. */
    public record ImageUsage(String id, List<String> repoTags, List<String> repoDigests, long created, long size,
            long sharedSize, int containers, java.util.Map<String, String> labels) {
    }

    /** A container: its writable layer and its whole root file system. */
    public record ContainerUsage(String id, List<String> names, String image, String imageId, String command,
            long created, String state, String status, long sizeRw, long sizeRootFs) {
    }

    /** A volume: its size and how many containers reference it (-1 when unknown). */
    public record VolumeUsage(String name, String driver, String mountpoint, long size, int refCount) {
    }

    /** A build cache entry. */
    public record BuildCacheUsage(String id, String type, String description, boolean inUse, boolean shared,
            long size, String createdAt, String lastUsedAt, int usageCount) {
    }
}
