package io.wharf.api.build;

import io.wharf.api.errors.WharfException;

/** A build step whose command exited with a non-zero code; the client reports that code as its own exit status. */
public class StepFailedException extends WharfException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    public StepFailedException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
