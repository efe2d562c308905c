package io.wharf.linux.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScopedPathsTest {
    @TempDir
    Path tmp;

    @Test
    void linksAreFollowedButNeverLeadOut() throws IOException {
        Path root = Files.createDirectories(tmp.resolve("root")).toRealPath();
        Files.createDirectories(root.resolve("etc"));
        Files.createSymbolicLink(root.resolve("abs"), Path.of("/etc"));
        Files.createSymbolicLink(root.resolve("up"), Path.of("../../../.."));
        Files.createSymbolicLink(root.resolve("etc/rel"), Path.of("../etc"));
        assertEquals(root.resolve("etc/passwd"), ScopedPaths.resolve(root, "/abs/passwd", true));
        assertEquals(root.resolve("etc"), ScopedPaths.resolve(root, "up/etc", true));
        assertEquals(root.resolve("x"), ScopedPaths.resolve(root, "../../x", true));
        assertEquals(root.resolve("etc/hosts"), ScopedPaths.resolve(root, "etc/rel/rel/hosts", true));
    }

    @Test
    void theLastLinkIsKeptUnlessAskedToFollow() throws IOException {
        Path root = Files.createDirectories(tmp.resolve("root")).toRealPath();
        Files.createSymbolicLink(root.resolve("link"), Path.of("/target"));
        assertEquals(root.resolve("link"), ScopedPaths.resolve(root, "/link", false));
        assertEquals(root.resolve("target"), ScopedPaths.resolve(root, "/link", true));
        assertEquals(root.resolve("target/x"), ScopedPaths.resolve(root, "/link/x", false), "not last: followed");
    }

    @Test
    void aLoopIsRefused() throws IOException {
        Path root = Files.createDirectories(tmp.resolve("root")).toRealPath();
        Files.createSymbolicLink(root.resolve("a"), Path.of("b"));
        Files.createSymbolicLink(root.resolve("b"), Path.of("a"));
        assertThrows(FileSystemLoopException.class, () -> ScopedPaths.resolve(root, "a", true));
    }
}
