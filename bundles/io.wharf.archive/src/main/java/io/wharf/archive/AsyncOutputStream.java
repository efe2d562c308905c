package io.wharf.archive;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Writes to another stream on a thread of its own, so that costly work behind it (compressing a layer) runs
 * beside the writer's (extracting and hashing the same layer) instead of after it. At most {@value #DEPTH}
 * chunks wait in between, so memory stays bounded. {@link #close} waits until everything is written and closes
 * the stream behind; a failure there is thrown to the writer at its next write or at close.
 */
public final class AsyncOutputStream extends OutputStream {
    private static final int DEPTH = 16;
    private static final byte[] END = new byte[0];

    private final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(DEPTH);
    private final Thread worker;
    private volatile IOException failure;
    private boolean closed;

    public AsyncOutputStream(OutputStream out, String name) {
        this.worker = new Thread(() -> drain(out), name);
        worker.setDaemon(true);
        worker.start();
    }

    private void drain(OutputStream out) {
        try (out) {
            while (true) {
                byte[] chunk = queue.take();
                if (chunk == END) {
                    return;
                }
                if (failure == null) {
                    out.write(chunk);
                }
            }
        } catch (IOException e) {
            failure = e;
            skipRest();
        } catch (InterruptedException e) {
            failure = new InterruptedIOException("interrupted while writing");
        } catch (RuntimeException e) {
            failure = new IOException(e);
            skipRest();
        }
    }

    /** After a failure the writer may still be putting chunks: take them so that it never blocks. */
    private void skipRest() {
        try {
            while (queue.take() != END) {
                // discarded
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
        rethrow();
        if (len > 0) {
            put(Arrays.copyOfRange(b, off, off + len));
        }
    }

    private void put(byte[] chunk) throws IOException {
        try {
            queue.put(chunk);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while queueing output");
        }
    }

    private void rethrow() throws IOException {
        IOException f = failure;
        if (f != null) {
            throw new IOException(f.getMessage(), f);
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        put(END);
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while finishing output");
        }
        rethrow();
    }
}
