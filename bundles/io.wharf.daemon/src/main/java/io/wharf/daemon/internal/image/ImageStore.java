package io.wharf.daemon.internal.image;

import java.util.Optional;

/**
 * The local images, for the engine's other parts (containers, builder). Registered as a service of this bundle.
 * Names are what users type: references ({@code busybox}, {@code localhost:5000/x:1}, {@code name@sha256:...}),
 * full image IDs ({@code sha256:<hex>} or {@code <hex>}) and unique ID prefixes.
 */
public interface ImageStore {
    /**
     * The image {@code name} denotes.
     *
     * @throws io.wharf.api.errors.NotFoundException {@code No such image: NAME} when there is none
     * @throws io.wharf.api.errors.InvalidArgumentException when {@code name} is not a valid reference
     */
    Image resolve(String name);

    /** As {@link #resolve}, but empty when there is no such image. */
    Optional<Image> find(String name);

    /**
     * Makes an image of a container's writable layer on top of the image the container was created from, and
     * returns its ID. The new image records that image as its parent (so build intermediates are hidden from
     * {@code docker images}). The container may keep running; pause it for a consistent copy.
     *
     * @throws io.wharf.api.errors.NotFoundException when the container has no writable layer
     */
    String commit(String containerId, CommitRequest request);
}
