package io.wharf.daemon.internal.image;

import java.util.List;
import java.util.Map;

/** The images' part of {@code GET /system/df}, for the system service. Registered as a service of this bundle. */
public interface ImageDiskUsage {
    Usage usage();

    /** Bytes of all layers (shared ones once) and each image's own figures. */
    record Usage(long layersSize, List<Entry> images) {
        /** One image; {@code containers} is the number of containers created from it. */
        public record Entry(String id, List<String> repoTags, List<String> repoDigests, long created, long size,
                int containers, Map<String, String> labels) {
        }
    }
}
