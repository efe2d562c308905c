package io.wharf.api.runtime;

import java.util.concurrent.CompletionStage;

/** A process started by {@link ContainerRuntime#exec}. */
@org.osgi.annotation.versioning.ConsumerType   // the runtime driver implements it: adding a method is a major change
public interface ExecProcess {
    /** The process's PID on the host. */
    int pid();

    /** Its standard streams; each call may return the same connection. */
    StdioConnection stdio();

    /** Completes when the process has exited. */
    CompletionStage<ExitStatus> exited();
}
