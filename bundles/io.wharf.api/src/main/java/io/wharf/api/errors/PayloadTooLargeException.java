package io.wharf.api.errors;

/** The request body is larger than the engine accepts (413). */
public class PayloadTooLargeException extends WharfException {
    private static final long serialVersionUID = 1L;

    public PayloadTooLargeException(String message) {
        super(message);
    }

    public PayloadTooLargeException(String message, Throwable cause) {
        super(message, cause);
    }
}
