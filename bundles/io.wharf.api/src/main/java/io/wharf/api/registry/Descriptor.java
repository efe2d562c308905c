package io.wharf.api.registry;

import java.util.List;
import java.util.Map;

/**
 * A content descriptor as in OCI manifests and indexes: what a blob or manifest is, its digest and size, where
 * else it may be fetched from ({@code urls}, for foreign layers), its annotations, and for index entries the
 * platform it is for ({@code null} otherwise).
 */
public record Descriptor(String mediaType, String digest, long size, List<String> urls,
        Map<String, String> annotations, Platform platform) {

    public Descriptor {
        urls = urls == null ? List.of() : List.copyOf(urls);
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    }

    public Descriptor(String mediaType, String digest, long size) {
        this(mediaType, digest, size, List.of(), Map.of(), null);
    }
}
