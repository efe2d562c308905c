package io.wharf.api.errors;

/** Credentials were missing or refused, for example by a registry (401). */
public class UnauthorizedException extends WharfException {
    private static final long serialVersionUID = 1L;

    public UnauthorizedException(String message) {
        super(message);
    }

    public UnauthorizedException(String message, Throwable cause) {
        super(message, cause);
    }
}
