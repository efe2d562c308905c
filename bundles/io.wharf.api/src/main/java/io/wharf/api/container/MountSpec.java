package io.wharf.api.container;

import java.util.Map;

/**
 * A {@code --mount} request (Docker's {@code Mount}).
 *
 * @param type bind, volume, tmpfs (npipe and cluster are refused)
 * @param source host path for bind, volume name for volume, empty for tmpfs and anonymous volumes
 * @param target the path in the container
 * @param bindOptions for bind: propagation and non-recursive; else null
 * @param volumeOptions for volume: nocopy, labels, driver and its options; else null
 * @param tmpfsOptions for tmpfs: size in bytes and mode; else null
 */
public record MountSpec(String type, String source, String target, boolean readOnly, String consistency,
        BindOptions bindOptions, VolumeOptions volumeOptions, TmpfsOptions tmpfsOptions) {

    public record BindOptions(String propagation, boolean nonRecursive, boolean createMountpoint) {
    }

    public record VolumeOptions(boolean noCopy, Map<String, String> labels, String driverName,
            Map<String, String> driverOptions, String subpath) {
    }

    public record TmpfsOptions(long sizeBytes, int mode) {
    }
}
