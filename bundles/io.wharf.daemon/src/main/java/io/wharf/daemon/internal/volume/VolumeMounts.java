package io.wharf.daemon.internal.volume;

import java.nio.file.Path;
import java.util.List;

/**
 * What the container code needs from volumes, registered as a service of this bundle by the volume service.
 * A container references each volume from its creation until its removal; while referenced, a volume cannot be
 * removed without force and is not pruned. Mounting adds the reference too.
 */
public interface VolumeMounts {
    /** Records that {@code containerId} uses the volume (at container create). NotFoundException when absent. */
    void reference(String volumeName, String containerId);

    /** Drops the reference (at container removal); releasing what is not referenced is not an error. */
    void release(String volumeName, String containerId);

    /** The containers referencing the volume, sorted. */
    List<String> users(String volumeName);

    /**
     * Mounts the volume for the container through its driver and returns the host path to bind into the
     * container; references it. Publishes a {@code mount} event.
     *
     * @throws io.wharf.api.errors.NotFoundException when the volume or its driver is absent
     */
    Path mount(String volumeName, String containerId);

    /** As {@link #mount(String, String)}, with the event attributes dockerd reports for a container mount. */
    Path mount(String volumeName, String containerId, String destination, boolean readWrite);

    /** Releases the container's mount (at container stop); the reference stays. Publishes an {@code unmount} event. */
    void unmount(String volumeName, String containerId);

    /**
     * Copies what an image holds at a mount path into a volume on first use: only when {@code volumeDir} is empty
     * and {@code imageDir} is a directory. Ownership, modes, times, extended attributes, symlinks, hard links and
     * device nodes are preserved, and the volume directory takes the image directory's owner and mode.
     *
     * @return true when something was copied
     */
    boolean copyUp(Path imageDir, Path volumeDir);
}
