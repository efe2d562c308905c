package io.wharf.daemon.internal.image;

import io.wharf.api.storage.StorageDriver;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Containers' writable layers on top of image layers, through the active storage driver. Registered as a
 * service of this bundle. A writable layer holds a reference on the image's layers, so removing the image
 * (forced) never removes layers a container still stands on. Records are on disk: a restart finds them all.
 */
public interface LayerStore {
    /**
     * Creates the writable layer of {@code containerId} on top of the image's layers.
     *
     * @throws io.wharf.api.errors.NotFoundException when the image does not exist
     * @throws io.wharf.api.errors.ConflictException when the container already has a layer
     */
    default ReadWriteLayer createReadWrite(String containerId, String imageId) {
        return createReadWrite(containerId, imageId, false);
    }

    /** As {@link #createReadWrite(String, String)}; a volatile layer is one the container's end throws away. */
    ReadWriteLayer createReadWrite(String containerId, String imageId, boolean discardedAtExit);

    Optional<ReadWriteLayer> readWrite(String containerId);

    /** Mounts the container's root file system (reference counted, as the driver's mount) and returns it. */
    Path mount(String containerId);

    /** Releases one {@link #mount}. */
    void unmount(String containerId);

    /** Removes the writable layer (unmounted) and releases the image layers; absent layers are ignored. */
    void remove(String containerId);

    /** The paths the container changed, for {@code docker diff}. */
    List<StorageDriver.Change> changes(String containerId);

    /** The container's changes as a layer tar (for {@code docker commit} and {@code docker export}); caller closes. */
    InputStream diff(String containerId);

    /** Bytes in the writable layer ({@code SizeRw}). */
    long size(String containerId);

    /** The driver's {@code GraphDriver.Data} for the container's layer. */
    Map<String, String> metadata(String containerId);
}
