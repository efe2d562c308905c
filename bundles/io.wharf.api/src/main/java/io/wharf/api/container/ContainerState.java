package io.wharf.api.container;

import java.util.List;

/**
 * A container's state as {@code inspect} shows it.
 *
 * @param status created, running, paused, restarting, removing, exited or dead
 * @param startedAt RFC 3339, or {@code 0001-01-01T00:00:00Z} when never started
 * @param health null when the container has no health check
 */
public record ContainerState(String status, boolean running, boolean paused, boolean restarting,
        boolean oomKilled, boolean dead, int pid, int exitCode, String error, String startedAt, String finishedAt,
        Health health) {

    /** starting, healthy or unhealthy, with the failing streak and the last probes. */
    public record Health(String status, int failingStreak, List<HealthLog> log) {
    }

    /** One probe: times RFC 3339, its exit code and output. */
    public record HealthLog(String start, String end, int exitCode, String output) {
    }
}
