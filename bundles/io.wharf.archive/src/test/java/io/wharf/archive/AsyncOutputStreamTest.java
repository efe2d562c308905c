package io.wharf.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AsyncOutputStreamTest {

    @Test
    void everythingArrivesInOrderAndTheStreamBehindIsClosed() throws IOException {
        byte[] data = new byte[1_000_000];
        new Random(1).nextBytes(data);
        boolean[] closed = {false};
        ByteArrayOutputStream sink = new ByteArrayOutputStream() {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        try (AsyncOutputStream out = new AsyncOutputStream(sink, "test-writer")) {
            for (int pos = 0; pos < data.length; pos += 777) {
                out.write(data, pos, Math.min(777, data.length - pos));
            }
            out.write(7);
        }
        byte[] expected = new byte[data.length + 1];
        System.arraycopy(data, 0, expected, 0, data.length);
        expected[data.length] = 7;
        assertArrayEquals(expected, sink.toByteArray());
        assertTrue(closed[0]);
    }

    @Test
    void aFailureBehindReachesTheWriterWithoutBlockingIt() {
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("disk full");
            }
        };
        IOException e = assertThrows(IOException.class, () -> {
            try (AsyncOutputStream out = new AsyncOutputStream(broken, "test-writer")) {
                for (int i = 0; i < 10_000; i++) {
                    out.write(new byte[1024], 0, 1024);
                }
            }
        });
        assertTrue(e.getMessage().contains("disk full"), e.getMessage());
    }
}
