package io.wharf.api.image;

import io.wharf.api.container.ContainerConfig;
import java.util.List;
import java.util.Map;

/**
 * What {@code GET /images/{name}/json} shows.
 *
 * @param created RFC 3339
 * @param diffIds the layers' uncompressed digests, bottom first ({@code RootFS.Layers})
 * @param graphDriver the storage driver's name and data for the top layer
 */
public record ImageDetails(String id, List<String> repoTags, List<String> repoDigests, String parent,
        String comment, String created, String dockerVersion, String author, ContainerConfig config,
        String architecture, String variant, String os, String osVersion, long size, String graphDriverName,
        Map<String, String> graphDriver, List<String> diffIds, String lastTagTime) {
}
