package io.wharf.api.image;

import java.util.List;

/**
 * One step of an image's history, newest first; id is {@code <missing>} for steps without a local image.
 *
 * @param created seconds since the epoch
 * @param size bytes the step's layer adds (0 for an empty layer)
 */
public record HistoryEntry(String id, long created, String createdBy, List<String> tags, long size,
        String comment) {
}
