package io.wharf.daemon.internal.image;

import io.wharf.api.container.ContainerConfig;

/**
 * What a new image made from a container's writable layer ({@code docker commit}, a build step) carries.
 *
 * @param config the new image's configuration (what containers created from it inherit)
 * @param createdBy the history entry's {@code created_by} (a build step's instruction), or empty
 * @param emptyLayer true when the step changed only metadata: no layer is added (build steps such as ENV)
 * @param repo the repository to tag it in, or null for none
 * @param tag the tag, or null for {@code latest}
 */
public record CommitRequest(ContainerConfig config, String author, String comment, String createdBy,
        boolean emptyLayer, String repo, String tag) {
}
