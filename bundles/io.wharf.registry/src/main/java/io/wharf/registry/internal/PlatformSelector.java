package io.wharf.registry.internal;

import io.wharf.api.registry.Descriptor;
import io.wharf.api.registry.Platform;
import java.util.List;
import java.util.Optional;

/**
 * Picks the index entry that runs best on a platform: an exact match first, then the newest older variant that
 * still runs ({@code arm/v7} takes {@code arm/v6}); the first of equals wins, as the index orders preference.
 */
final class PlatformSelector {
    private PlatformSelector() {
    }

    static Optional<Descriptor> select(List<Descriptor> entries, Platform wanted) {
        Descriptor best = null;
        int bestRank = Integer.MAX_VALUE;
        for (Descriptor entry : entries) {
            if (entry.platform() == null) {
                continue;
            }
            int rank = wanted.compatibility(entry.platform());
            if (rank >= 0 && rank < bestRank) {
                best = entry;
                bestRank = rank;
            }
        }
        return Optional.ofNullable(best);
    }
}
