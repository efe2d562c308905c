package io.wharf.api.container;

import java.util.List;

/**
 * {@code POST /commit}'s arguments.
 *
 * @param changes Dockerfile instructions applied to the config (CMD, ENV, ...)
 * @param config config values that override the container's, or null
 * @param createdBy the new history entry's {@code created_by} (a build step's instruction), or null
 * @param imageConfig the new image's whole config, used as it is instead of the container's (a build step,
 *        whose container ran another command than the image keeps), or null
 */
public record CommitOptions(String repo, String tag, String comment, String author, boolean pause,
        List<String> changes, ContainerConfig config, String createdBy, ContainerConfig imageConfig) {

    /** {@code docker commit}'s arguments: the config comes from the container. */
    public CommitOptions(String repo, String tag, String comment, String author, boolean pause,
            List<String> changes, ContainerConfig config) {
        this(repo, tag, comment, author, pause, changes, config, null, null);
    }
}
