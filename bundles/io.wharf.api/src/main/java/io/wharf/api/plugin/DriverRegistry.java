package io.wharf.api.plugin;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The drivers registered right now. Drivers come and go at run time (bundles installed, stopped, updated);
 * every answer reflects the moment of the call. Callers must not keep a driver across operations.
 */
@ProviderType
public interface DriverRegistry {
    /** Every known driver, active ones and skipped ones, ordered by kind and name. */
    List<DriverInfo> drivers();

    /** The active drivers' names of one kind, sorted. */
    List<String> names(DriverKind kind);

    /** The active driver of that kind and name, if registered now. */
    <T> Optional<T> find(Class<T> type, DriverKind kind, String name);

    /**
     * The active driver of that kind and name.
     *
     * @throws io.wharf.api.errors.NotFoundException naming the driver when it is not registered
     */
    default <T> T require(Class<T> type, DriverKind kind, String name) {
        return find(type, kind, name).orElseThrow(() -> new io.wharf.api.errors.NotFoundException(
                kind.name().toLowerCase(java.util.Locale.ROOT) + " driver not found: " + name));
    }
}
