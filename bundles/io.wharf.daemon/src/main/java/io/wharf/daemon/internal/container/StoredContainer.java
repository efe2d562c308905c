package io.wharf.daemon.internal.container;

import io.wharf.api.container.ContainerConfig;
import io.wharf.api.container.ContainerState;
import io.wharf.api.container.HostConfig;
import java.util.List;

/**
 * A container as written to {@code <data-root>/containers/<id>/config.v2.json}: everything needed to show it and
 * to start it again after a daemon restart.
 *
 * @param name with the leading slash, as dockerd records it
 * @param imageName the image as the user named it (shown by {@code docker ps})
 * @param config the request's config merged with the image's
 * @param manuallyStopped stopped by the user: {@code unless-stopped} and {@code always} leave it stopped
 * @param logOffset how far the log shipper has copied the runtime's output into the log driver
 */
record StoredContainer(String id, String name, String created, String imageId, String imageName, String path,
        List<String> args, ContainerConfig config, HostConfig hostConfig, String runtime, String driver,
        StoredState state, int restartCount, boolean hasBeenStarted, boolean manuallyStopped, long logOffset) {

    /** The state part; {@code status} is dockerd's word (created, running, paused, restarting, exited, dead). */
    record StoredState(String status, int pid, int exitCode, String error, String startedAt, String finishedAt,
            boolean oomKilled, ContainerState.Health health) {
    }
}
