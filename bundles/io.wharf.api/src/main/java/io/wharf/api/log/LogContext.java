package io.wharf.api.log;

import java.nio.file.Path;
import java.util.Map;

/**
 * Which container a log belongs to and how the user configured it.
 *
 * @param containerId the full container ID
 * @param containerName the name without the leading slash
 * @param imageName the image as the user named it
 * @param directory the container's directory, where file-based drivers keep their files
 * @param options the {@code --log-opt} values
 * @param labels the container's labels
 */
public record LogContext(String containerId, String containerName, String imageName, Path directory,
        Map<String, String> options, Map<String, String> labels) {
}
