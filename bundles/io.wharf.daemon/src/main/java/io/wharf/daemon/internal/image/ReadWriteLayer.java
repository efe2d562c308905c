package io.wharf.daemon.internal.image;

/**
 * A container's writable layer.
 *
 * @param containerId the container it belongs to
 * @param imageId the image it was created from
 * @param driver the storage driver's name (overlay2, vfs), for {@code GraphDriver.Name}
 * @param driverLayerId the storage driver's ID of the layer
 * @param parentLayer the chain ID of the image's top layer, or null when the image has no layers
 * @param initLayerId the storage driver's ID of the container's init layer (see {@link InitLayer}), the writable
 *     layer's parent; null for a container created before init layers, whose writable layer stands on the image
 */
public record ReadWriteLayer(String containerId, String imageId, String driver, String driverLayerId,
        String parentLayer, String initLayerId) {
}
