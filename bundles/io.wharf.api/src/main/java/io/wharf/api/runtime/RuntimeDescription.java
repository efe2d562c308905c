package io.wharf.api.runtime;

import java.util.List;

/** A runtime as {@code GET /info} shows it under {@code Runtimes}. */
public record RuntimeDescription(String name, String path, String version, List<String> runtimeArgs) {
    public RuntimeDescription {
        runtimeArgs = List.copyOf(runtimeArgs);
    }
}
