package io.wharf.api.value;

import io.wharf.api.container.MountSpec;
import io.wharf.api.errors.InvalidArgumentException;
import java.util.Set;

/** dockerd's checks of one {@code HostConfig.Mounts} entry that need nothing but the entry itself. */
public final class MountSpecs {
    private static final Set<String> TYPES = Set.of("bind", "volume", "tmpfs", "npipe", "cluster", "image");
    private static final Set<String> PROPAGATIONS = Set.of("", "shared", "rshared", "slave", "rslave", "private",
            "rprivate");

    private MountSpecs() {
    }

    public static void validate(MountSpec m) {
        String type = m.type() == null ? "" : m.type();
        if (type.isEmpty()) {
            throw new InvalidArgumentException("invalid mount config: must use either propagation mode \"\" or type");
        }
        if (!TYPES.contains(type)) {
            throw new InvalidArgumentException("invalid mount config: mount type unknown: \"" + type + "\"");
        }
        String prefix = "invalid mount config for type \"" + type + "\": ";
        if (m.target() == null || m.target().isEmpty()) {
            throw new InvalidArgumentException(prefix + "field Target must not be empty");
        }
        if (!m.target().startsWith("/")) {
            throw new InvalidArgumentException(prefix + "invalid mount path: '" + m.target()
                    + "' mount path must be absolute");
        }
        if (m.bindOptions() != null && !type.equals("bind")) {
            throw new InvalidArgumentException(prefix + "field BindOptions must not be specified");
        }
        if (m.bindOptions() != null && m.bindOptions().propagation() != null
                && !PROPAGATIONS.contains(m.bindOptions().propagation())) {
            throw new InvalidArgumentException(prefix + "invalid propagation mode: " + m.bindOptions().propagation());
        }
        if (m.volumeOptions() != null && !type.equals("volume")) {
            throw new InvalidArgumentException(prefix + "field VolumeOptions must not be specified");
        }
        if (m.tmpfsOptions() != null && !type.equals("tmpfs")) {
            throw new InvalidArgumentException(prefix + "field TmpfsOptions must not be specified");
        }
        if (m.tmpfsOptions() != null && m.tmpfsOptions().sizeBytes() < 0) {
            throw new InvalidArgumentException(prefix + "invalid tmpfs size: " + m.tmpfsOptions().sizeBytes());
        }
    }
}
