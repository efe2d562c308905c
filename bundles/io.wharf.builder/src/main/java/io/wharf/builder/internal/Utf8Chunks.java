package io.wharf.builder.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Turns a byte stream that arrives in arbitrary chunks into text without breaking a UTF-8 character that spans
 * two chunks: the incomplete tail of a chunk waits for the next one.
 */
final class Utf8Chunks {
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    /** The text of everything up to the last complete character. */
    synchronized String next(byte[] data, int offset, int length) {
        pending.write(data, offset, length);
        byte[] all = pending.toByteArray();
        int end = completeLength(all);
        pending.reset();
        pending.write(all, end, all.length - end);
        return new String(all, 0, end, StandardCharsets.UTF_8);
    }

    /** What is left at the end (an incomplete character is shown as a replacement character). */
    synchronized String rest() {
        String s = pending.toString(StandardCharsets.UTF_8);
        pending.reset();
        return s;
    }

    /** The length of the prefix that ends on a character boundary. */
    static int completeLength(byte[] b) {
        int n = b.length;
        // look back at most 3 bytes for the lead byte of a multi-byte character
        for (int back = 1; back <= Math.min(3, n); back++) {
            int c = b[n - back] & 0xff;
            if ((c & 0xc0) == 0x80) {
                continue; // a continuation byte
            }
            int need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
            return need > back ? n - back : n;
        }
        return n;
    }
}
