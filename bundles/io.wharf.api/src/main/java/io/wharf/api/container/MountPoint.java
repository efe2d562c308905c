package io.wharf.api.container;

/** A mount of a container as {@code inspect}'s {@code Mounts} shows it. */
public record MountPoint(String type, String name, String source, String destination, String driver,
        String mode, boolean rw, String propagation) {
}
