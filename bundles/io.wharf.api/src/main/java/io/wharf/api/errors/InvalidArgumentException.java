package io.wharf.api.errors;

/** The request is malformed or a value is not allowed (400). */
public class InvalidArgumentException extends WharfException {
    private static final long serialVersionUID = 1L;

    public InvalidArgumentException(String message) {
        super(message);
    }

    public InvalidArgumentException(String message, Throwable cause) {
        super(message, cause);
    }
}
