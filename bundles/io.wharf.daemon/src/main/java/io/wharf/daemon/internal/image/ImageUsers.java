package io.wharf.daemon.internal.image;

import java.util.List;

/**
 * Who uses an image: implemented by the container store and registered as a service of this bundle, so that
 * removing and pruning images can refuse images containers stand on. While none is registered, no image has users.
 */
public interface ImageUsers {
    /** The containers created from {@code imageId} ({@code sha256:<hex>}), in any state. */
    List<User> users(String imageId);

    /** One container using an image. */
    record User(String containerId, boolean running) {
    }
}
