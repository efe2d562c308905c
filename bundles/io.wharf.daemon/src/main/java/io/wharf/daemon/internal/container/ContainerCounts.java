package io.wharf.daemon.internal.container;

/** How many containers there are in each state, for {@code GET /info}. Registered as a service of this bundle. */
public interface ContainerCounts {
    Counts counts();

    /** Running includes restarting containers, as dockerd counts them. */
    record Counts(int total, int running, int paused, int stopped) {
    }
}
