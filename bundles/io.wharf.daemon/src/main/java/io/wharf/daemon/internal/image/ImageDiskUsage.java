package io.wharf.daemon.internal.image;

import java.util.List;
import java.util.Map;

/** The images' part of {@code GET /system/df}, for the system service. Registered as a service of this bundle. */
public interface ImageDiskUsage {
    Usage usage();

    /** Bytes of all layers (shared ones once) and each image's own figures. */
    record Usage(long layersSize, List<Entry> images) {
        /**
         * One image; {@code sharedSize} is the bytes of its layers that other images stand on too, {@code
         * containers} the number of containers created from it.
         */
        public record Entry(String id, List<String> repoTags, List<String> repoDigests, long created, long size,
                long sharedSize, int containers, Map<String, String> labels) {
        }
    }
}
