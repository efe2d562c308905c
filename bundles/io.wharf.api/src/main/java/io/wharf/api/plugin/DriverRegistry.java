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

    /**
     * The active driver of that kind and name. A driver that is away (its bundle is installed but stopped, or
     * being updated) is waited for, up to the configured bounded time; a name no installed bundle provides is
     * answered at once.
     *
     * @return the driver, or empty when no installed bundle provides that name
     * @throws io.wharf.api.errors.UnavailableException {@code <kind> driver "<name>" is not available} when the
     *         driver was away for the whole wait
     */
    <T> Optional<T> find(Class<T> type, DriverKind kind, String name);

    /** The driver of that kind and name registered at this moment, never waiting: for listings and reports. */
    default <T> Optional<T> current(Class<T> type, DriverKind kind, String name) {
        return find(type, kind, name);
    }

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
