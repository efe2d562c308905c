package io.wharf.api.plugin;

import java.util.List;

/**
 * A plugin as {@code GET /plugins} shows it: a driver bundle, or a Docker v1 plugin found by its socket or spec
 * file.
 *
 * @param id a stable 64-hex identifier derived from the name
 * @param name the bundle's symbolic name (for a v1 plugin, the name its spec file gives)
 * @param tag the bundle's version ({@code latest} for a v1 plugin)
 * @param enabled whether its driver components are active
 * @param types the interfaces it serves, as Docker names them ({@code docker.volumedriver/1.0}, ...)
 * @param description what it is, with the reason when its driver was skipped
 * @param reference where it was installed from (a registry reference or a jar path), else its name
 * @param socket the socket of a v1 plugin, empty for a bundle
 * @param bundle true for a driver bundle, false for a v1 plugin (which cannot be enabled, disabled or removed
 *        through the API: its socket file decides)
 */
public record PluginDetails(String id, String name, String tag, boolean enabled, List<String> types,
        String description, String reference, String socket, boolean bundle) {
    public PluginDetails {
        types = List.copyOf(types);
    }

    /** {@code name:tag}, as dockerd names plugins. */
    public String fullName() {
        return name + ":" + tag;
    }
}
