package io.wharf.api.container;

import java.util.List;

/** {@code POST /containers/{id}/exec}'s body. */
public record ExecConfig(boolean attachStdin, boolean attachStdout, boolean attachStderr, String detachKeys,
        boolean tty, List<String> env, List<String> cmd, boolean privileged, String user, String workingDir,
        int[] consoleSize) {
}
