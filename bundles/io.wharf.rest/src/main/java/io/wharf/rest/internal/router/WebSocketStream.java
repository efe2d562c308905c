package io.wharf.rest.internal.router;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * A WebSocket (RFC 6455) over a hijacked connection, for the {@code attach/ws} endpoint that browser-based tools
 * use. Output goes out as text frames, unmasked and unfragmented, as dockerd sends it; input arrives as masked
 * frames whose payloads become one byte stream. Pings are answered; a close frame ends the input and is echoed.
 */
public final class WebSocketStream implements HijackedStream {
    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    static final int OP_CONTINUATION = 0x0;
    static final int OP_TEXT = 0x1;
    static final int OP_BINARY = 0x2;
    static final int OP_CLOSE = 0x8;
    static final int OP_PING = 0x9;
    static final int OP_PONG = 0xA;

    private final HijackedStream raw;
    private final FrameInput input;
    private final Object writeLock = new Object();
    private boolean closeSent;

    public WebSocketStream(HijackedStream raw) {
        this.raw = raw;
        this.input = new FrameInput(raw.input());
    }

    /** The {@code Sec-WebSocket-Accept} value for a client's {@code Sec-WebSocket-Key}. */
    public static String accept(String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] d = sha1.digest((key.trim() + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
    }

    /** A frame header for a server frame (never masked) of {@code length} payload bytes. */
    static byte[] header(int opcode, long length) {
        byte first = (byte) (0x80 | opcode);
        if (length < 126) {
            return new byte[] {first, (byte) length};
        }
        if (length <= 0xFFFF) {
            return new byte[] {first, 126, (byte) (length >>> 8), (byte) length};
        }
        byte[] h = new byte[10];
        h[0] = first;
        h[1] = 127;
        for (int i = 0; i < 8; i++) {
            h[2 + i] = (byte) (length >>> (56 - 8 * i));
        }
        return h;
    }

    @Override
    public InputStream input() {
        return input;
    }

    @Override
    public void write(byte[] data, int offset, int length) throws IOException {
        if (length > 0) {
            send(OP_TEXT, data, offset, length);
        }
    }

    private void send(int opcode, byte[] data, int offset, int length) throws IOException {
        byte[] h = header(opcode, length);
        byte[] frame = new byte[h.length + length];
        System.arraycopy(h, 0, frame, 0, h.length);
        System.arraycopy(data, offset, frame, h.length, length);
        synchronized (writeLock) {
            if (closeSent) {
                throw new IOException("the WebSocket is closed");
            }
            if (opcode == OP_CLOSE) {
                closeSent = true;
            }
            raw.write(frame, 0, frame.length);
        }
    }

    @Override
    public void close() {
        try {
            send(OP_CLOSE, new byte[] {0x03, (byte) 0xE8}, 0, 2); // 1000: normal closure
        } catch (IOException e) {
            // already closed, or the client is gone
        }
        raw.close();
    }

    /** Reads the client's frames and hands out their payloads as one stream. */
    private final class FrameInput extends InputStream {
        private final InputStream in;
        private long remaining;
        private final byte[] mask = new byte[4];
        private boolean masked;
        private long position;
        private boolean ended;

        FrameInput(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (remaining == 0) {
                if (ended || !nextDataFrame()) {
                    ended = true;
                    return -1;
                }
            }
            int n = in.read(b, off, (int) Math.min(len, remaining));
            if (n < 0) {
                ended = true;
                return -1;
            }
            if (masked) {
                for (int i = 0; i < n; i++) {
                    b[off + i] ^= mask[(int) ((position + i) & 3)];
                }
            }
            position += n;
            remaining -= n;
            return n;
        }

        /** Reads frame headers, answering control frames, until a data frame starts; false at close or EOF. */
        private boolean nextDataFrame() throws IOException {
            while (true) {
                int b0 = in.read();
                int b1 = in.read();
                if (b0 < 0 || b1 < 0) {
                    return false;
                }
                int opcode = b0 & 0x0F;
                masked = (b1 & 0x80) != 0;
                long length = b1 & 0x7F;
                if (length == 126) {
                    length = (readByte() << 8) | readByte();
                } else if (length == 127) {
                    length = 0;
                    for (int i = 0; i < 8; i++) {
                        length = (length << 8) | readByte();
                    }
                }
                if (masked) {
                    for (int i = 0; i < 4; i++) {
                        mask[i] = (byte) readByte();
                    }
                }
                position = 0;
                switch (opcode) {
                    case OP_TEXT, OP_BINARY, OP_CONTINUATION -> {
                        remaining = length;
                        return true;
                    }
                    case OP_PING -> send(OP_PONG, payload(length), 0, (int) length);
                    case OP_CLOSE -> {
                        payload(length);
                        try {
                            send(OP_CLOSE, new byte[] {0x03, (byte) 0xE8}, 0, 2);
                        } catch (IOException e) {
                            // we closed first
                        }
                        return false;
                    }
                    case OP_PONG -> payload(length);
                    default -> in.skipNBytes(length); // a reserved opcode: nothing of ours
                }
            }
        }

        private byte[] payload(long length) throws IOException {
            if (length > 125) {
                throw new IOException("control frame too long: " + length);
            }
            byte[] p = in.readNBytes((int) length);
            if (p.length < length) {
                throw new EOFException("the client went away inside a frame");
            }
            if (masked) {
                for (int i = 0; i < p.length; i++) {
                    p[i] ^= mask[i & 3];
                }
            }
            return p;
        }

        private int readByte() throws IOException {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the client went away inside a frame header");
            }
            return b;
        }
    }
}
