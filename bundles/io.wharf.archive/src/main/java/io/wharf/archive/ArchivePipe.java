package io.wharf.archive;

import java.io.BufferedOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Turns code that writes a tar into an {@link InputStream} to read it from, as {@code StorageDriver.diff}
 * and {@code docker cp} need: the writer runs on its own daemon thread and blocks while the reader lags, so
 * nothing is buffered beyond a fixed window. A writer failure is thrown from the reader's next read; closing
 * the reader early makes the writer's next write fail, which ends its thread.
 */
public final class ArchivePipe {
    /** Writes the whole archive; the pipe finishes and closes the {@link TarWriter} afterwards. */
    @FunctionalInterface
    public interface Producer {
        void write(TarWriter out) throws IOException;
    }

    private static final int WINDOW = 1 << 20;

    private ArchivePipe() {}

    /** Starts {@code producer} on a thread named {@code threadName} and returns the stream of its tar. */
    public static InputStream open(String threadName, Producer producer) throws IOException {
        PipedInputStream in = new PipedInputStream(WINDOW);
        PipedOutputStream pipeOut = new PipedOutputStream(in);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            // Not try-with-resources: closing the writer first would end the archive and the pipe before the
            // failure is recorded, and the reader could take a cut-off archive for a whole one.
            TarWriter out = new TarWriter(new BufferedOutputStream(pipeOut, 64 * 1024));
            try {
                producer.write(out);
                out.close();
            } catch (Throwable e) {
                failure.set(e);
                try {
                    pipeOut.close();
                } catch (IOException ignored) {
                    // the reader sees the failure instead
                }
            }
        }, threadName);
        t.setDaemon(true);
        t.start();
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                return check(super.read());
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return check(super.read(b, off, len));
            }

            private int check(int n) throws IOException {
                if (n < 0) {
                    Throwable e = failure.get();
                    if (e != null) {
                        throw e instanceof IOException io ? new IOException(io.getMessage(), io)
                                : new IOException("writing the archive failed: " + e, e);
                    }
                }
                return n;
            }
        };
    }
}
