package io.wharf.api.registry;

import java.io.IOException;

/** Supplies a value, typically a fresh stream over content to upload; may be called again for a retry. */
@org.osgi.annotation.versioning.ConsumerType   // callers implement it: adding a method is a major change
@FunctionalInterface
public interface IOSupplier<T> {
    T get() throws IOException;
}
