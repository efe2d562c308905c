package io.wharf.api.system;

import org.osgi.annotation.versioning.ProviderType;

/** System-wide queries. All methods are read-only and safe to call concurrently. */
@ProviderType
public interface SystemService {
    /** API versions this engine serves. */
    String API_VERSION = "1.47";
    String MIN_API_VERSION = "1.24";

    /**
     * Returns normally when the engine can serve requests.
     *
     * @throws io.wharf.api.errors.UnavailableException while the engine is starting or stopping
     */
    void ping();

    VersionInfo version();

    /** Current facts; counts and driver lists reflect this moment, including drivers added at run time. */
    SystemInfo info();

    /**
     * Disk usage, in the parts asked for ({@code image}, {@code container}, {@code volume}, {@code build-cache});
     * an empty set means all.
     */
    DiskUsage diskUsage(java.util.Set<String> types);
}
