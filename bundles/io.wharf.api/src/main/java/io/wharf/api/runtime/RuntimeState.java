package io.wharf.api.runtime;

import java.time.Instant;

/**
 * What the runtime knows of a container now.
 *
 * @param pid the main process's PID on the host; 0 when it is not running
 * @param exitCode the exit code once stopped (128 + signal when killed by a signal); null before
 * @param startedAt when {@link ContainerRuntime#start} succeeded; null before
 * @param finishedAt when the process exited; null before
 * @param oomKilled the kernel's OOM killer killed a process of the container
 */
public record RuntimeState(Status status, int pid, Integer exitCode, Instant startedAt, Instant finishedAt,
        boolean oomKilled) {

    /** The runtime states of the OCI runtime spec. */
    public enum Status {
        CREATED, RUNNING, PAUSED, STOPPED
    }
}
