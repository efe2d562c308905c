package io.wharf.api.volume;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A volume driver, with the operations of Docker's volume plugin protocol. Register with the service
 * property {@link #NAME}. The driver keeps its volume records on disk so that they survive restarts.
 */
@ConsumerType
public interface VolumeDriver {
    String NAME = "wharf.volume.name";

    /**
     * Creates a volume; creating an existing one with the same options is not an error.
     *
     * @throws io.wharf.api.errors.InvalidArgumentException for options the driver does not accept
     */
    VolumeInfo create(String name, Map<String, String> options, Map<String, String> labels);

    /** Removes a volume and its data; must not be mounted. Throws NotFoundException when absent. */
    void remove(String name);

    /** The volume, or NotFoundException. */
    VolumeInfo get(String name);

    List<VolumeInfo> list();

    /** Makes the volume available at a host path for {@code callerId} (a container ID); reference counted. */
    Path mount(String name, String callerId);

    /** Releases {@code callerId}'s mount; the last release unmounts. */
    void unmount(String name, String callerId);

    /** Bytes used by the volume's data, for {@code docker system df}; -1 when the driver cannot tell. */
    default long usage(String name) {
        return -1;
    }

    /** {@code local} or {@code global}. */
    default String scope() {
        return "local";
    }

    /**
     * A volume as the driver knows it.
     *
     * @param createdAt RFC 3339, or null
     * @param status driver-specific status, or empty
     */
    record VolumeInfo(String name, String mountpoint, String createdAt, Map<String, String> labels,
            Map<String, String> options, Map<String, Object> status) {
    }
}
