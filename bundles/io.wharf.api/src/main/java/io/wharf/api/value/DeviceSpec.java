package io.wharf.api.value;

import io.wharf.api.container.ContainerResources.DeviceMapping;
import io.wharf.api.errors.InvalidArgumentException;

/** A device mapping, {@code /dev/host[:/dev/container[:rwm]]} as {@code --device} takes it, checked as dockerd does. */
public final class DeviceSpec {
    private DeviceSpec() {
    }

    public static DeviceMapping parse(String spec) {
        String[] parts = spec.split(":", -1);
        DeviceMapping m = switch (parts.length) {
            case 1 -> new DeviceMapping(parts[0], parts[0], "rwm");
            case 2 -> mode(parts[1]) ? new DeviceMapping(parts[0], parts[0], parts[1])
                    : new DeviceMapping(parts[0], parts[1], "rwm");
            case 3 -> new DeviceMapping(parts[0], parts[1], parts[2]);
            default -> throw new InvalidArgumentException("invalid device specification: " + spec);
        };
        validate(m);
        return m;
    }

    /** An API device mapping: a path on the host, an absolute path in the container, permissions of r, w, m. */
    public static void validate(DeviceMapping m) {
        if (m.pathOnHost() == null || m.pathOnHost().isEmpty()) {
            throw new InvalidArgumentException("invalid device specification: PathOnHost must not be empty");
        }
        if (m.pathInContainer() != null && !m.pathInContainer().isEmpty() && !m.pathInContainer().startsWith("/")) {
            throw new InvalidArgumentException("invalid device specification: " + m.pathInContainer()
                    + " is not an absolute path");
        }
        if (m.cgroupPermissions() != null && !m.cgroupPermissions().isEmpty() && !mode(m.cgroupPermissions())) {
            throw new InvalidArgumentException("invalid device mode: " + m.cgroupPermissions());
        }
    }

    private static boolean mode(String mode) {
        if (mode.isEmpty() || mode.length() > 3) {
            return false;
        }
        for (char c : mode.toCharArray()) {
            if ((c != 'r' && c != 'w' && c != 'm') || mode.indexOf(c) != mode.lastIndexOf(c)) {
                return false;
            }
        }
        return true;
    }
}
