package io.wharf.api.registry;

import io.wharf.api.image.ImageReference;
import java.util.List;

/**
 * An image manifest resolved for one platform. {@code content} are the manifest's raw bytes (to store and to
 * hash), {@code digest} their digest, {@code config} and {@code layers} its descriptors in order. When the
 * reference pointed at an index, {@code referenceDigest} is the index's digest (what {@code docker pull}
 * reports as "Digest:" and records as the repo digest) and {@code platform} the entry chosen; otherwise
 * {@code referenceDigest} equals {@code digest} and {@code platform} is null.
 */
public record ResolvedManifest(ImageReference reference, String mediaType, String digest, byte[] content,
        Descriptor config, List<Descriptor> layers, String referenceDigest, Platform platform) {

    public ResolvedManifest {
        layers = List.copyOf(layers);
    }
}
