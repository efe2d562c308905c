package io.wharf.api.runtime;

import java.util.List;

/**
 * A mount in the container, in OCI terms: a bind mount is {@code type "bind"} with options {@code rbind} or
 * {@code bind} and {@code ro}/{@code rw}; other types name a file system ({@code tmpfs}, {@code proc}, ...).
 */
public record Mount(String destination, String type, String source, List<String> options) {
    public Mount {
        options = List.copyOf(options);
    }
}
