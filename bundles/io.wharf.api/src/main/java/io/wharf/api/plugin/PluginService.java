package io.wharf.api.plugin;

import io.wharf.api.common.Filters;
import io.wharf.api.common.ProgressListener;
import io.wharf.api.registry.Credentials;
import java.io.InputStream;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Driver bundles managed as Docker plugins. A plugin is named by its bundle's symbolic name, with or without
 * {@code :tag}, or by its ID or an unambiguous prefix of it. A {@code remote} is a registry reference to an OCI
 * artifact holding the bundle jar (layer media type {@link #BUNDLE_MEDIA_TYPE}), or an absolute path to a jar.
 * Errors carry dockerd's wording: {@link io.wharf.api.errors.NotFoundException} for an unknown plugin,
 * {@link io.wharf.api.errors.ConflictException} for a plugin in use or in the wrong state,
 * {@link io.wharf.api.errors.InvalidArgumentException} for a jar that is no bundle or does not resolve.
 */
@ProviderType
public interface PluginService {
    /** The media type of the layer that holds a bundle jar in an OCI artifact. */
    String BUNDLE_MEDIA_TYPE = "application/vnd.wharf.bundle.v1+jar";

    /** Every plugin, filtered by {@code capability} (e.g. {@code volumedriver}) and {@code enable}. */
    List<PluginDetails> list(Filters filters);

    PluginDetails inspect(String name);

    /** Starts the bundle. */
    void enable(String name);

    /** Stops the bundle; containers keep running, requests needing its drivers wait for it. */
    void disable(String name, boolean force);

    /** Uninstalls the bundle; refused while containers use its drivers or while enabled, unless forced. */
    void remove(String name, boolean force);

    /** Installs a bundle, disabled, and returns it. The running set is untouched when it is refused. */
    PluginDetails install(String remote, Credentials credentials, ProgressListener progress);

    /** Replaces a bundle by the one at {@code remote}, which must have the same symbolic name. */
    PluginDetails upgrade(String name, String remote, Credentials credentials, ProgressListener progress);

    /** Installs the first jar found in a tar stream ({@code docker plugin create}). */
    PluginDetails create(String name, InputStream tar);
}
