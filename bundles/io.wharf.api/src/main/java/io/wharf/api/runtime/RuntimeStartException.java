package io.wharf.api.runtime;

import io.wharf.api.errors.InvalidArgumentException;

/**
 * The runtime could not start the container's process. The message is the runtime's own text (dockerd's
 * "OCI runtime create failed: ..."), and {@link #exitCode()} is what dockerd records as the container's exit code:
 * 127 when the command was not found, 126 when it cannot be executed, 128 otherwise. The docker CLI derives its
 * own exit code from this message, so the runtime's words ({@code executable file not found in $PATH},
 * {@code permission denied}) must stay in it.
 */
public class RuntimeStartException extends InvalidArgumentException {
    private static final long serialVersionUID = 1L;
    public static final int COMMAND_NOT_FOUND = 127;
    public static final int COMMAND_NOT_EXECUTABLE = 126;
    public static final int UNKNOWN = 128;

    private final int exitCode;

    public RuntimeStartException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
