package io.wharf.daemon.internal.container;

import io.wharf.api.errors.InvalidArgumentException;

/**
 * One {@code -v source:target[:options]} as dockerd reads it: an absolute source is a bind mount, anything else
 * names a volume.
 */
record BindSpec(String source, String target, boolean readOnly, String propagation, boolean noCopy) {
    static BindSpec parse(String spec) {
        String[] parts = spec.split(":");
        if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || !parts[1].startsWith("/")) {
            throw new InvalidArgumentException("invalid volume specification: '" + spec + "'");
        }
        boolean ro = false;
        boolean noCopy = false;
        String propagation = "rprivate";
        if (parts.length == 3) {
            for (String o : parts[2].split(",")) {
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

    boolean isVolume() {
        return !source.startsWith("/");
    }
}
