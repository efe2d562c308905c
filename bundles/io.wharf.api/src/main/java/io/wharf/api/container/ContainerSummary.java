package io.wharf.api.container;

import java.util.List;
import java.util.Map;

/**
 * One row of {@code GET /containers/json}.
 *
 * @param names with a leading slash, as dockerd
 * @param created seconds since the epoch
 * @param status human text: "Up 5 minutes", "Exited (0) 2 seconds ago"
 * @param sizeRw -1 when not asked for
 */
public record ContainerSummary(String id, List<String> names, String image, String imageId, String command,
        long created, List<PortMapping> ports, long sizeRw, long sizeRootFs, Map<String, String> labels,
        String state, String status, String networkMode, Map<String, EndpointSettings> networks,
        List<MountPoint> mounts) {
}
