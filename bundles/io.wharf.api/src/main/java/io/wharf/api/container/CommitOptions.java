package io.wharf.api.container;

import java.util.List;

/**
 * {@code POST /commit}'s arguments.
 *
 * @param changes Dockerfile instructions applied to the config (CMD, ENV, ...)
 * @param config config values that override the container's, or null
 */
public record CommitOptions(String repo, String tag, String comment, String author, boolean pause,
        List<String> changes, ContainerConfig config) {
}
