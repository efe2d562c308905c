package io.wharf.linux.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTreesTest {
    @TempDir
    Path dir;

    @Test
    void deletesATreeAndRemovesLinksWithoutFollowingThem() throws IOException {
        Path outside = Files.createDirectory(dir.resolve("outside"));
        Files.writeString(outside.resolve("keep"), "host data");
        Path tree = Files.createDirectories(dir.resolve("tree/a/b"));
        Files.writeString(tree.resolve("f"), "x");
        Files.createSymbolicLink(dir.resolve("tree/a/to-outside"), outside);
        Files.createSymbolicLink(dir.resolve("tree/a/to-keep"), outside.resolve("keep"));

        FileTrees.deleteRecursively(dir.resolve("tree"));

        assertFalse(Files.exists(dir.resolve("tree"), LinkOption.NOFOLLOW_LINKS));
        assertEquals("host data", Files.readString(outside.resolve("keep")));
    }

    @Test
    void aSymlinkAsTheRootIsRemovedItself() throws IOException {
        Path target = Files.createDirectory(dir.resolve("target"));
        Files.writeString(target.resolve("keep"), "x");
        Path link = Files.createSymbolicLink(dir.resolve("link"), target);

        FileTrees.deleteRecursively(link);

        assertFalse(Files.exists(link, LinkOption.NOFOLLOW_LINKS));
        assertTrue(Files.exists(target.resolve("keep")));
    }

    @Test
    void aMissingPathIsNotAnError() throws IOException {
        FileTrees.deleteRecursively(dir.resolve("missing"));
        assertFalse(Files.exists(dir.resolve("missing")));
    }

    @Test
    void refusesToDescendIntoAMountBelowTheTree() throws IOException {
        Path tree = Files.createDirectories(dir.resolve("tree"));
        try (ScratchTmpfs tmpfs = ScratchTmpfs.mountOn(tree.resolve("mnt"))) {
            Path mnt = tmpfs.path();
            Files.writeString(mnt.resolve("precious"), "x");

            IOException e = assertThrows(IOException.class, () -> FileTrees.deleteRecursively(tree));

            assertEquals("refusing to delete " + mnt + ": another file system is mounted there", e.getMessage());
            assertEquals("x", Files.readString(mnt.resolve("precious")));
        }
    }
}
