package io.wharf.builder.internal.dockerfile;

import io.wharf.api.errors.InvalidArgumentException;

/** A Dockerfile that cannot be parsed; the message names the line, as dockerd's does. */
public final class DockerfileSyntaxException extends InvalidArgumentException {
    private static final long serialVersionUID = 1L;

    public DockerfileSyntaxException(int line, String message) {
        super("Dockerfile parse error line " + line + ": " + message);
    }
}
