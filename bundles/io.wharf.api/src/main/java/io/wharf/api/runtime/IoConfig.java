package io.wharf.api.runtime;

import java.nio.file.Path;

/**
 * How a container's (or exec's) standard streams are wired.
 *
 * @param tty the process has a pseudo terminal (stdout and stderr are one stream)
 * @param openStdin keep a stdin the daemon can write to ({@code -i})
 * @param stdinOnce close stdin after the first attached client detaches
 * @param containerDir the container's directory under the data root, where a runtime may keep monitor files
 *        (the OCI runtime keeps its own under the exec and data roots and ignores it); may be null
 * @param logPath the file the monitor writes the output to (required for containers, ignored for execs), in the
 *        CRI log format
 *        ({@code <RFC3339Nano> stdout|stderr F|P <text>}); the daemon's log driver reads it
 * @param logSizeMax the size after which the monitor truncates the log file; 0 or less for no limit
 */
public record IoConfig(boolean tty, boolean openStdin, boolean stdinOnce, Path containerDir, Path logPath,
        long logSizeMax) {
}
