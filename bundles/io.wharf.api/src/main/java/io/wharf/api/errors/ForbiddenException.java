package io.wharf.api.errors;

/** The request is understood but not allowed in this state, such as removing a network in use (403). */
public class ForbiddenException extends WharfException {
    private static final long serialVersionUID = 1L;

    public ForbiddenException(String message) {
        super(message);
    }

    public ForbiddenException(String message, Throwable cause) {
        super(message, cause);
    }
}
