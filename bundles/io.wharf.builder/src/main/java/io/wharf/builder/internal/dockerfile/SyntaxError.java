package io.wharf.builder.internal.dockerfile;

import io.wharf.api.errors.InvalidArgumentException;

/** An argument that cannot be read (bad substitution, missing quote, bad name=value); the caller adds the line. */
public final class SyntaxError extends InvalidArgumentException {
    private static final long serialVersionUID = 1L;

    public SyntaxError(String message) {
        super(message);
    }
}
