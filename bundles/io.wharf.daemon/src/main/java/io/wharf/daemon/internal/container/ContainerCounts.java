package io.wharf.daemon.internal.container;

/**
 * How many containers there are in each state, for {@code GET /info}, and what each takes on disk, for
 * {@code GET /system/df}. Registered as a service of this bundle.
 */
public interface ContainerCounts {
    Counts counts();

    /** Every container with the size of its writable layer. */
    java.util.List<io.wharf.api.system.DiskUsage.ContainerUsage> usage();

    /** Running includes restarting containers, as dockerd counts them. */
    record Counts(int total, int running, int paused, int stopped) {
    }
}
