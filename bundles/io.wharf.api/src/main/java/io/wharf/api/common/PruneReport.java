package io.wharf.api.common;

import java.util.List;

/**
 * What a prune removed.
 *
 * @param deleted the IDs or names of the removed objects, in the order removed
 * @param spaceReclaimed bytes freed
 */
public record PruneReport(List<String> deleted, long spaceReclaimed) {
    public PruneReport {
        deleted = List.copyOf(deleted);
    }
}
