package io.wharf.api.errors;

/**
 * Base of every error the engine reports to a client. The message is what the user sees, in dockerd's
 * wording where dockerd has one. A plain {@code WharfException} is an internal error (HTTP 500); the
 * subclasses name the other outcomes.
 */
public class WharfException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public WharfException(String message) {
        super(message);
    }

    public WharfException(String message, Throwable cause) {
        super(message, cause);
    }
}
