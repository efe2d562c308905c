package io.wharf.api.errors;

/** The object named does not exist (404). */
public class NotFoundException extends WharfException {
    private static final long serialVersionUID = 1L;

    public NotFoundException(String message) {
        super(message);
    }

    public NotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
