package io.wharf.storage.overlay.internal;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import io.wharf.linux.LinuxException;
import io.wharf.linux.Namespaces;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs an action with a working directory of its own. The JVM has one working directory for every thread,
 * so the action runs on a fresh thread that first unshares its file system attributes (CLONE_FS) and then
 * changes directory; the rest of the process never sees the change, and the thread ends with the action.
 */
final class ThreadCwd {
    /** chdir(2), the one call {@code io.wharf.linux} does not offer. */
    interface CLib extends Library {
        int chdir(String path) throws LastErrorException;
    }

    interface Action {
        void run() throws IOException;
    }

    private static final long TIMEOUT_SECONDS = 120;

    private final CLib libc = Native.load("c", CLib.class);

    void runIn(Path dir, Action action) throws IOException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                Namespaces.unshare(Namespaces.CLONE_FS);
                try {
                    libc.chdir(dir.toString());
                } catch (LastErrorException e) {
                    throw new LinuxException(e.getErrorCode(), "chdir " + dir + ": errno " + e.getErrorCode());
                }
                action.run();
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "overlay2-mount " + dir.getFileName());
        t.setDaemon(true);
        t.start();
        try {
            t.join(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while mounting in " + dir, e);
        }
        if (t.isAlive()) {
            throw new IOException("mounting in " + dir + " did not finish within " + TIMEOUT_SECONDS + "s");
        }
        Throwable e = failure.get();
        if (e instanceof IOException io) {
            throw io;
        } else if (e instanceof RuntimeException re) {
            throw re;
        } else if (e != null) {
            throw new IOException(e);
        }
    }
}
