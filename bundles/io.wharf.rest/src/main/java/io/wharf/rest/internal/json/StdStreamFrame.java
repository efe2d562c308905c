package io.wharf.rest.internal.json;

import java.nio.ByteBuffer;

/**
 * The 8-byte header dockerd puts before each chunk of a multiplexed stdout/stderr stream (attach, logs and
 * exec of containers without a TTY): the stream number, three zero bytes, and the length as a big-endian
 * unsigned 32-bit integer.
 */
public final class StdStreamFrame {
    public static final int STDIN = 0;
    public static final int STDOUT = 1;
    public static final int STDERR = 2;
    /** Errors of the engine itself, shown by the CLI as such. */
    public static final int SYSTEMERR = 3;
    public static final int HEADER_SIZE = 8;

    private StdStreamFrame() {
    }

    /** Writes the header for {@code length} bytes of {@code stream} at the buffer's position. */
    public static void putHeader(ByteBuffer out, int stream, int length) {
        out.put((byte) stream).put((byte) 0).put((byte) 0).put((byte) 0).putInt(length);
    }

    /** A new buffer, ready to read, holding the header and {@code length} bytes of {@code data}. */
    public static ByteBuffer frame(int stream, byte[] data, int offset, int length) {
        ByteBuffer b = ByteBuffer.allocate(HEADER_SIZE + length);
        putHeader(b, stream, length);
        b.put(data, offset, length);
        return b.flip();
    }
}
