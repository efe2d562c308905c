package io.wharf.rest.internal.router;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;

/**
 * The bytes a hijacked client sends, queued by the connection as they arrive and read by the stream's consumer
 * (a container's stdin). Reading blocks until data or the end arrives.
 */
final class ByteQueue extends InputStream {
    private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
    private byte[] current;
    private int pos;
    private boolean eof;

    synchronized void offer(byte[] data) {
        if (!eof && data.length > 0) {
            chunks.add(data);
            notifyAll();
        }
    }

    synchronized void end() {
        eof = true;
        notifyAll();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (current == null || pos >= current.length) {
            current = chunks.poll();
            pos = 0;
            if (current == null) {
                if (eof) {
                    return -1;
                }
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException();
                }
            }
        }
        int n = Math.min(len, current.length - pos);
        System.arraycopy(current, pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public synchronized void close() {
        end();
    }
}
