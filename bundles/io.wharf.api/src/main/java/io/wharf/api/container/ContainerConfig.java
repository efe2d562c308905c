package io.wharf.api.container;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The portable part of a container's configuration (Docker's {@code Config}): what an image also carries.
 * Null means "not set" (inherit from the image); collections are never null once normalised by the engine.
 *
 * @param exposedPorts ports as {@code 80/tcp}
 * @param volumes paths that get anonymous volumes
 * @param healthcheck the health check, or null to inherit
 * @param stopTimeout seconds to wait after the stop signal, or null for the default (10)
 */
public record ContainerConfig(String hostname, String domainname, String user, boolean attachStdin,
        boolean attachStdout, boolean attachStderr, Set<String> exposedPorts, boolean tty, boolean openStdin,
        boolean stdinOnce, List<String> env, List<String> cmd, HealthConfig healthcheck, boolean argsEscaped,
        String image, Set<String> volumes, String workingDir, List<String> entrypoint, boolean networkDisabled,
        String macAddress, List<String> onBuild, Map<String, String> labels, String stopSignal,
        Integer stopTimeout, List<String> shell) {

    /**
     * A health check: {@code test} as in Docker ({@code ["NONE"]}, {@code ["CMD", ...]},
     * {@code ["CMD-SHELL", "..."]}); durations in nanoseconds, 0 for the default.
     */
    public record HealthConfig(List<String> test, long interval, long timeout, long startPeriod,
            long startInterval, int retries) {
    }
}
