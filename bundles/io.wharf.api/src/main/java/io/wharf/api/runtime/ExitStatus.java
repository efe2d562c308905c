package io.wharf.api.runtime;

import java.time.Instant;

/** How a container's main process or an exec ended: 128 + signal number when a signal killed it. */
public record ExitStatus(int exitCode, Instant finishedAt, boolean oomKilled) {
}
