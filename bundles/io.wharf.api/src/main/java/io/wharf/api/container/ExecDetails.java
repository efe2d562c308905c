package io.wharf.api.container;

/** {@code GET /exec/{id}/json}: the exec's state; exitCode is null while it runs or before it starts. */
public record ExecDetails(String id, boolean running, Integer exitCode, boolean openStdin, boolean openStderr,
        boolean openStdout, boolean canRemove, String containerId, String detachKeys, int pid, boolean tty,
        String entrypoint, java.util.List<String> arguments, boolean privileged, String user, String workingDir) {
}
