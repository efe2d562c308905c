package io.wharf.api.image;

import java.util.List;
import java.util.Map;

/**
 * One row of {@code GET /images/json}.
 *
 * @param id {@code sha256:<hex>} of the config
 * @param parentId the local parent image (builds), or empty
 * @param created seconds since the epoch
 * @param sharedSize bytes shared with other images, -1 when not computed
 * @param containers containers using it, -1 when not computed
 */
public record ImageSummary(String id, String parentId, List<String> repoTags, List<String> repoDigests,
        long created, long size, long sharedSize, Map<String, String> labels, int containers) {
}
