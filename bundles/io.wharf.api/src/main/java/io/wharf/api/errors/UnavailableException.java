package io.wharf.api.errors;

/** A service or driver the request needs is not available now (503). */
public class UnavailableException extends WharfException {
    private static final long serialVersionUID = 1L;

    public UnavailableException(String message) {
        super(message);
    }

    public UnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
