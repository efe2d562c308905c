package io.wharf.linux;

import java.io.IOException;

/**
 * A failed system call, carrying its errno. It is a checked {@link IOException} because every caller is
 * already doing file system work that throws IOException, and a failed mount or mknod is exactly that kind
 * of failure. The message reads like the shell's: {@code mount /a on /b: Operation not permitted}.
 */
public class LinuxException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int errno;

    public LinuxException(int errno, String message) {
        super(message);
        this.errno = errno;
    }

    public LinuxException(int errno, String message, Throwable cause) {
        super(message, cause);
        this.errno = errno;
    }

    /** The errno value, compare with the constants of {@link Errno}. */
    public int errno() {
        return errno;
    }
}
