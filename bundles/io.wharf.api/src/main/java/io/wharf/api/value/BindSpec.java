package io.wharf.api.value;

import io.wharf.api.errors.InvalidArgumentException;

/**
 * One {@code -v source:target[:options]} ({@code HostConfig.Binds}) as dockerd reads it: an absolute source is a
 * bind mount, anything else names a volume.
 */
public record BindSpec(String source, String target, boolean readOnly, String propagation, boolean noCopy) {
    public static BindSpec parse(String spec) {
        String[] parts = spec.split(":", -1);
        if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || !parts[1].startsWith("/")
                || (parts.length == 3 && parts[2].isEmpty())) {
            throw new InvalidArgumentException("invalid volume specification: '" + spec + "'");
        }
        boolean ro = false;
        boolean noCopy = false;
        String propagation = "rprivate";
        if (parts.length == 3) {
            for (String o : parts[2].split(",", -1)) {
                switch (o) {
                    case "ro" -> ro = true;
                    case "nocopy" -> noCopy = true;
                    case "rw", "z", "Z", "copy", "consistent", "cached", "delegated" -> {
                    }
                    case "shared", "rshared", "slave", "rslave", "private", "rprivate" -> propagation = o;
                    default -> throw new InvalidArgumentException("invalid mode: " + o);
                }
            }
        }
        return new BindSpec(parts[0], parts[1], ro, propagation, noCopy);
    }

    public boolean isVolume() {
        return !source.startsWith("/");
    }
}
