package io.wharf.linux.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        assertEquals(List.of(file), entries());
    }

    @Test
    void aWriteThatIsNotFlushedReplacesTheContentToo() throws IOException {
        Path file = dir.resolve("state");
        AtomicFiles.replace(file, "old");
        AtomicFiles.write(file, "new", false);

        assertEquals("new", Files.readString(file));
        assertEquals(List.of(file), entries());
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

    @Test
    void aFailedWriteKeepsTheOldContentAndLeavesNoTemporaryFile() throws IOException {
        Path target = dir.resolve("taken");
        Files.createDirectories(target.resolve("child"));   // a non-empty directory cannot be renamed over

        assertThrows(IOException.class, () -> AtomicFiles.write(target, "x"));
        assertTrue(Files.isDirectory(target.resolve("child")));
        assertEquals(List.of(target), entries());
    }

    @Test
    void commitMovesAStreamedFileIntoPlace() throws IOException {
        Path target = dir.resolve("blob");
        Path temp = AtomicFiles.temporarySibling(target);
        Files.writeString(temp, "streamed");

        AtomicFiles.commit(temp, target, true);

        assertEquals("streamed", Files.readString(target));
        assertEquals(List.of(target), entries());
    }

    @Test
    void temporaryNamesAreHiddenUniqueAndRecognised() {
        Path file = dir.resolve("config.json");
        Path one = AtomicFiles.temporarySibling(file);
        Path two = AtomicFiles.temporarySibling(file);

        assertNotEquals(one, two);
        assertEquals(dir, one.getParent());
        assertTrue(AtomicFiles.isTemporary(one.getFileName().toString()));
        assertFalse(AtomicFiles.isTemporary("config.json"));
    }

    private List<Path> entries() throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.sorted().toList();
        }
    }
}
