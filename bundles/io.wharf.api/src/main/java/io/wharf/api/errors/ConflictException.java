package io.wharf.api.errors;

/** The request conflicts with the current state, such as a name in use (409). */
public class ConflictException extends WharfException {
    private static final long serialVersionUID = 1L;

    public ConflictException(String message) {
        super(message);
    }

    public ConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
