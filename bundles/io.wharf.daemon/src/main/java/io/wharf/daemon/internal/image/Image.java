package io.wharf.daemon.internal.image;

import io.wharf.api.container.ContainerConfig;
import java.util.List;

/**
 * A local image as the rest of the engine sees it: its ID ({@code sha256:<hex>} of its config), the runtime
 * configuration containers inherit, and its layers.
 *
 * @param config the image's {@code config} (Env, Cmd, Entrypoint, WorkingDir, User, ExposedPorts, ...), never null
 * @param created RFC 3339 creation time
 * @param diffIds the layers' uncompressed digests, bottom first
 * @param topLayer the chain ID of the top layer, or null for an image without layers
 * @param repoTags the references that name it, in the docker CLI's form ({@code busybox:latest})
 */
public record Image(String id, ContainerConfig config, String os, String architecture, String created,
        List<String> diffIds, String topLayer, List<String> repoTags) {

    public Image {
        diffIds = List.copyOf(diffIds);
        repoTags = List.copyOf(repoTags);
    }

    /** The first 12 hex digits of the ID, as the docker CLI shows it. */
    public String shortId() {
        return id.substring(id.indexOf(':') + 1, id.indexOf(':') + 13);
    }
}
