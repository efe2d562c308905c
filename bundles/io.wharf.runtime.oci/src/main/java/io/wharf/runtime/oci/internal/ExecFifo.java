package io.wharf.runtime.oci.internal;

import com.sun.jna.LastErrorException;
import io.wharf.api.errors.WharfException;
import io.wharf.linux.Errno;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/**
 * Starts a container that runc has created, as {@code runc start} does, without running runc again. A created
 * container's init process waits, before it executes the user's command, until someone opens the container's
 * {@code exec.fifo} for reading; it then writes a byte, and the executed command closes the FIFO behind it. Once
 * the FIFO is gone runc reports the container running. Saves a runtime process (10-20 ms) on every start.
 */
final class ExecFifo {
    static final String NAME = "exec.fifo";
    private static final int O_RDONLY = 0;
    private static final int O_NONBLOCK = 04000;
    private static final int O_CLOEXEC = 02000000;
    private static final int POLLIN = 0x1;
    private static final int POLLHUP = 0x10;
    private static final int POLL_MILLIS = 100;

    private ExecFifo() {
    }

    /**
     * Releases the container waiting at {@code fifo} and returns once its command runs (or its init failed).
     * {@code initAlive} is asked while nothing happens, so that an init that died early is noticed.
     *
     * @throws IllegalStateException with runc's words when the container had been started already or its init
     *                               is gone
     */
    static void release(Path fifo, BooleanSupplier initAlive, long timeoutMillis) {
        LibC libc = LibC.INSTANCE;
        int fd;
        try {
            // non-blocking: an open for reading would otherwise wait for a writer that may never come
            fd = libc.open(fifo.toString(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
        } catch (LastErrorException e) {
            throw new WharfException("cannot open " + fifo + ": errno " + e.getErrorCode(), e);
        }
        int received = 0;
        boolean hungUp = false;
        try {
            long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
            byte[] buffer = new byte[16];
            int[] pollFd = new int[2];
            while (!hungUp) {
                pollFd[0] = fd;
                pollFd[1] = POLLIN;
                int ready;
                try {
                    ready = libc.poll(pollFd, 1, POLL_MILLIS);
                } catch (LastErrorException e) {
                    if (e.getErrorCode() == Errno.EINTR) {
                        continue;
                    }
                    throw new WharfException("poll on " + fifo + ": errno " + e.getErrorCode(), e);
                }
                if (ready == 0) {
                    // Linux reports no hang-up on a FIFO no writer ever opened, so a dead init shows only here.
                    if (!initAlive.getAsBoolean() && received == 0) {
                        throw new IllegalStateException("container process is already dead");
                    }
                    if (System.nanoTime() > deadline) {
                        throw new WharfException("the container did not start within " + timeoutMillis / 1000 + "s");
                    }
                    continue;
                }
                int revents = pollFd[1] >>> 16;
                if ((revents & POLLIN) != 0) {
                    long n = read(libc, fd, buffer);
                    if (n > 0) {
                        received += (int) n;
                        continue;
                    }
                    hungUp = n == 0;
                } else if ((revents & POLLHUP) != 0) {
                    hungUp = true;
                }
            }
        } finally {
            libc.close(fd);
        }
        if (received == 0) {
            throw new IllegalStateException("cannot start an already running container");
        }
        try {
            Files.deleteIfExists(fifo);
        } catch (IOException e) {
            throw new WharfException("cannot remove " + fifo + ": " + e.getMessage(), e);
        }
    }

    private static long read(LibC libc, int fd, byte[] buffer) {
        try {
            return libc.read(fd, buffer, buffer.length);
        } catch (LastErrorException e) {
            if (e.getErrorCode() == Errno.EAGAIN || e.getErrorCode() == Errno.EINTR) {
                return -1;
            }
            throw new WharfException("read from exec fifo: errno " + e.getErrorCode(), e);
        }
    }
}
