package io.wharf.builder.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8ChunksTest {
    @Test
    void aCharacterSplitAcrossChunksComesOutWhole() {
        byte[] text = "a€b😀".getBytes(StandardCharsets.UTF_8);
        Utf8Chunks c = new Utf8Chunks();
        StringBuilder out = new StringBuilder();
        for (byte b : text) {
            out.append(c.next(new byte[] {b}, 0, 1));
        }
        out.append(c.rest());
        assertEquals("a€b😀", out.toString());
    }

    @Test
    void completeChunksPassAtOnce() {
        Utf8Chunks c = new Utf8Chunks();
        byte[] b = "héllo\n".getBytes(StandardCharsets.UTF_8);
        assertEquals("héllo\n", c.next(b, 0, b.length));
        assertEquals("", c.rest());
        assertEquals(2, Utf8Chunks.completeLength(new byte[] {'a', 'b', (byte) 0xe2, (byte) 0x82}));
    }
}
