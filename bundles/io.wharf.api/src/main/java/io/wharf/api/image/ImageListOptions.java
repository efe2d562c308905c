package io.wharf.api.image;

import io.wharf.api.common.Filters;

/** {@code GET /images/json}'s arguments: filters dangling, label, reference, before, since, until. */
public record ImageListOptions(boolean all, boolean digests, boolean sharedSize, Filters filters) {
}
