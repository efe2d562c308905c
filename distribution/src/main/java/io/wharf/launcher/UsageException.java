package io.wharf.launcher;

/** A mistake on the command line or in the configuration file; its message is shown as is and wharfd exits 1. */
final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
