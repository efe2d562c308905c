package io.wharf.api.errors;

/** The request names a feature this engine does not implement (501). */
public class NotImplementedException extends WharfException {
    private static final long serialVersionUID = 1L;

    public NotImplementedException(String message) {
        super(message);
    }

    public NotImplementedException(String message, Throwable cause) {
        super(message, cause);
    }
}
