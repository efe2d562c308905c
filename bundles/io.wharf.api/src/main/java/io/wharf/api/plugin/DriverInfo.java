package io.wharf.api.plugin;

/**
 * A driver the engine knows of.
 *
 * @param kind what it drives
 * @param name its name, as chosen in configuration
 * @param bundle the symbolic name of the bundle that provides it
 * @param bundleVersion that bundle's version
 * @param active true when it is registered and usable; false when it was skipped
 * @param reason why it was skipped (the host lacks what it needs), or null when active
 */
public record DriverInfo(DriverKind kind, String name, String bundle, String bundleVersion, boolean active,
        String reason) {
}
