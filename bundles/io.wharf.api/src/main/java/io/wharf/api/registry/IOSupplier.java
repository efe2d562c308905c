package io.wharf.api.registry;

import java.io.IOException;

/** Supplies a value, typically a fresh stream over content to upload; may be called again for a retry. */
@FunctionalInterface
public interface IOSupplier<T> {
    T get() throws IOException;
}
