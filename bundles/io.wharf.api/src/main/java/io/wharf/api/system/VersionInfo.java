package io.wharf.api.system;

import java.util.List;
import java.util.Map;

/**
 * What {@code GET /version} reports.
 *
 * @param platformName the product name shown by {@code docker version}
 * @param version the engine's version
 * @param apiVersion the newest API version served
 * @param minApiVersion the oldest API version served
 * @param gitCommit the source revision the engine was built from
 * @param runtimeVersion the version of the language runtime the engine runs on
 * @param os the operating system (linux)
 * @param arch the architecture in Go's naming (amd64, arm64)
 * @param kernelVersion the running kernel
 * @param experimental whether experimental features are on
 * @param buildTime when the engine was built, RFC 3339
 * @param components the engine and its helpers (runtimes, conmon) with their versions
 */
public record VersionInfo(String platformName, String version, String apiVersion, String minApiVersion,
        String gitCommit, String runtimeVersion, String os, String arch, String kernelVersion,
        boolean experimental, String buildTime, List<Component> components) {

    public VersionInfo {
        components = List.copyOf(components);
    }

    /** One component of the installation, as listed under {@code Components}. */
    public record Component(String name, String version, Map<String, String> details) {
        public Component {
            details = details == null ? Map.of() : Map.copyOf(details);
        }
    }
}
