package io.wharf.rest.internal.router;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class WebSocketStreamTest {

    /** Both directions in memory: what the "client" sent, and what the server wrote. */
    private static final class Memory implements HijackedStream {
        final InputStream in;
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Memory(byte[] fromClient) {
            in = new ByteArrayInputStream(fromClient);
        }

        @Override
        public InputStream input() {
            return in;
        }

        @Override
        public void write(byte[] data, int offset, int length) {
            out.write(data, offset, length);
        }

        @Override
        public void close() {
        }
    }

    private static byte[] clientFrame(int opcode, byte[] payload, byte[] mask) {
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.write(0x80 | opcode);
        if (payload.length < 126) {
            f.write(0x80 | payload.length);
        } else {
            f.write(0x80 | 126);
            f.write(payload.length >>> 8);
            f.write(payload.length & 0xff);
        }
        f.writeBytes(mask);
        for (int i = 0; i < payload.length; i++) {
            f.write(payload[i] ^ mask[i & 3]);
        }
        return f.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }

    @Test
    void acceptKeyAsTheRfcComputesIt() {
        assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", WebSocketStream.accept("dGhlIHNhbXBsZSBub25jZQ=="));
    }

    @Test
    void maskedFramesBecomeOneStreamAndPingsAreAnswered() throws IOException {
        byte[] mask = {0x11, 0x22, 0x33, 0x44};
        byte[] big = new byte[300];
        Arrays.fill(big, (byte) 'x');
        Memory m = new Memory(concat(
                clientFrame(WebSocketStream.OP_TEXT, "hello ".getBytes(StandardCharsets.UTF_8), mask),
                clientFrame(WebSocketStream.OP_PING, "p".getBytes(StandardCharsets.UTF_8), mask),
                clientFrame(WebSocketStream.OP_BINARY, big, new byte[] {1, 2, 3, 4}),
                clientFrame(WebSocketStream.OP_CLOSE, new byte[] {0x03, (byte) 0xE8}, mask),
                clientFrame(WebSocketStream.OP_TEXT, "after close".getBytes(StandardCharsets.UTF_8), mask)));
        WebSocketStream ws = new WebSocketStream(m);
        byte[] all = ws.input().readAllBytes();
        assertEquals("hello " + "x".repeat(300), new String(all, StandardCharsets.UTF_8));
        byte[] written = m.out.toByteArray();
        assertArrayEquals(new byte[] {(byte) 0x8A, 1, 'p', (byte) 0x88, 2, 0x03, (byte) 0xE8}, written,
                "a pong with the ping's payload, then the close echoed");
    }

    @Test
    void outputGoesOutAsUnmaskedTextFramesWithTheRightLengthForm() throws IOException {
        Memory m = new Memory(new byte[0]);
        WebSocketStream ws = new WebSocketStream(m);
        ws.write("hi".getBytes(StandardCharsets.UTF_8), 0, 2);
        assertArrayEquals(new byte[] {(byte) 0x81, 2, 'h', 'i'}, m.out.toByteArray());
        assertArrayEquals(new byte[] {(byte) 0x81, 126, 0x01, 0x00}, WebSocketStream.header(1, 256));
        assertArrayEquals(new byte[] {(byte) 0x81, 127, 0, 0, 0, 0, 0, 1, 0, 0}, WebSocketStream.header(1, 65536));
        assertArrayEquals(new byte[] {(byte) 0x81, 125}, WebSocketStream.header(1, 125));
    }
}
