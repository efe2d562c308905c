package io.wharf.api.errors;

/** Nothing to do: the object is already in the requested state (304). */
public class NotModifiedException extends WharfException {
    private static final long serialVersionUID = 1L;

    public NotModifiedException(String message) {
        super(message);
    }

    public NotModifiedException(String message, Throwable cause) {
        super(message, cause);
    }
}
