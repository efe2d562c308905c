package io.wharf.linux.files;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void replacesTheContentAndLeavesNoTemporaryFileBehind() throws IOException {
        Path file = dir.resolve("record");
        AtomicFiles.write(file, "first");
        AtomicFiles.write(file, new byte[] {'s', 'e', 'c', 'o', 'n', 'd'});

        assertEquals("second", Files.readString(file));
        try (Stream<Path> entries = Files.list(dir)) {
            assertEquals(List.of(file), entries.toList());
        }
    }

    @Test
    void writesMoreThanOneBufferFull() throws IOException {
        byte[] big = new byte[3 * 1024 * 1024 + 7];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) i;
        }
        Path file = dir.resolve("big");
        AtomicFiles.write(file, big);
        assertEquals(big.length, Files.size(file));
        assertEquals(java.util.Arrays.hashCode(big), java.util.Arrays.hashCode(Files.readAllBytes(file)));
    }
}
