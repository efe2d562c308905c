package io.wharf.rest.internal.router;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.io.AbstractConnection;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.FutureCallback;

/**
 * The connection a hijacked exchange turns into: no more HTTP, just bytes both ways. What the client sends is
 * queued for {@link #input()}; writes block until the bytes are on their way.
 */
final class RawConnection extends AbstractConnection implements Connection.UpgradeTo, HijackedStream {
    private final ByteQueue input = new ByteQueue();
    private final CompletableFuture<Void> opened = new CompletableFuture<>();
    private final Object writeLock = new Object();

    private boolean closed;

    RawConnection(EndPoint endPoint, Executor executor) {
        super(endPoint, executor);
    }

    @Override
    public void onUpgradeTo(ByteBuffer buffer) {
        if (buffer != null && buffer.hasRemaining()) {
            byte[] b = new byte[buffer.remaining()];
            buffer.get(b);
            input.offer(b);
        }
    }

    @Override
    public void onOpen() {
        super.onOpen();
        opened.complete(null);
        fillInterested();
    }

    @Override
    public void onClose(Throwable cause) {
        input.end();
        opened.complete(null);
        super.onClose(cause);
    }

    @Override
    public void onFillable() {
        ByteBuffer buf = BufferUtil.allocate(16 * 1024);
        try {
            while (true) {
                BufferUtil.clear(buf);
                int n = getEndPoint().fill(buf);
                if (n > 0) {
                    byte[] b = new byte[buf.remaining()];
                    buf.get(b);
                    input.offer(b);
                } else if (n == 0) {
                    fillInterested();
                    return;
                } else {
                    input.end(); // the client closed its side: the output may go on
                    return;
                }
            }
        } catch (IOException e) {
            input.end();
            getEndPoint().close(e);
        }
    }

    /** Waits (bounded) until the endpoint has switched to this connection. */
    void awaitOpen() throws IOException {
        try {
            opened.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException();
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("the connection was not handed over", e);
        }
        if (!getEndPoint().isOpen()) {
            throw new IOException("the client went away");
        }
    }

    @Override
    public java.io.InputStream input() {
        return input;
    }

    @Override
    public void write(byte[] data, int offset, int length) throws IOException {
        if (length == 0) {
            return;
        }
        byte[] copy = java.util.Arrays.copyOfRange(data, offset, offset + length);
        awaitOpen();
        synchronized (writeLock) {
            FutureCallback cb = new FutureCallback();
            getEndPoint().write(cb, ByteBuffer.wrap(copy));
            try {
                cb.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException();
            } catch (ExecutionException e) {
                throw new IOException("the client went away", e.getCause());
            }
        }
    }

    @Override
    public void close() {
        try {
            awaitOpen();
        } catch (IOException e) {
            // never handed over: the HTTP side ends the connection
        }
        synchronized (writeLock) {
            if (closed) {
                return;
            }
            closed = true;
            getEndPoint().shutdownOutput();
        }
        getEndPoint().close();
    }
}
