package io.wharf.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Archives that try to write outside the extraction root. Each test checks that nothing appeared outside
 * the root: not in the temp directory around it, and not at the host paths the archive names.
 */
class HostileTarTest {
    private static final List<Path> HOST_PATHS = List.of(Path.of("/evil"), Path.of("/etc/evil"));

    @TempDir
    Path base;

    private Path root;
    private Path outside;
    private Set<String> before;

    @BeforeEach
    void setUp() throws IOException {
        for (Path p : HOST_PATHS) {
            assertFalse(Files.exists(p, LinkOption.NOFOLLOW_LINKS), p + " exists before the test");
        }
        root = Files.createDirectory(base.resolve("root"));
        outside = Files.createDirectory(base.resolve("outside"));
        Files.writeString(outside.resolve("secret"), "keep");
        before = outsideRoot();
    }

    @AfterEach
    void nothingEscaped() throws IOException {
        try {
            assertEquals(before, outsideRoot(), "files appeared outside the root");
            assertEquals("keep", Files.readString(outside.resolve("secret")));
            for (Path p : HOST_PATHS) {
                assertFalse(Files.exists(p, LinkOption.NOFOLLOW_LINKS), p + " was written on the host");
            }
        } finally {
            for (Path p : HOST_PATHS) {
                Files.deleteIfExists(p); // clean up even when the extractor misbehaved
            }
        }
    }

    @Test
    void dotDotIsRefused() {
        InvalidTarEntryException e = assertThrows(InvalidTarEntryException.class,
                () -> extract(new Tars().file("../evil", "x")));
        assertEquals("invalid tar entry \"../evil\": path escapes the layer root", e.getMessage());
    }

    @Test
    void dotDotAfterADirectoryIsRefused() {
        InvalidTarEntryException e = assertThrows(InvalidTarEntryException.class,
                () -> extract(new Tars().dir("a").file("a/../../evil", "x")));
        assertEquals("a/../../evil", e.entryName());
    }

    @Test
    void extractionStopsAtTheRefusedEntry() {
        assertThrows(InvalidTarEntryException.class,
                () -> extract(new Tars().file("first", "1").file("../evil", "x").file("after", "2")));
        assertTrue(Files.exists(root.resolve("first")));
        assertFalse(Files.exists(root.resolve("after")));
    }

    @Test
    void absoluteNamesLandInsideTheRoot() throws IOException {
        extract(new Tars().file("/etc/evil", "x").file("/../../evil", "y"));
        assertEquals("x", Files.readString(root.resolve("etc/evil")));
        assertEquals("y", Files.readString(root.resolve("evil")));
    }

    @Test
    void symlinkToSlashIsFollowedInsideTheRoot() throws IOException {
        extract(new Tars().symlink("link", "/").file("link/evil", "x").file("link/etc/evil", "y"));
        assertEquals("x", Files.readString(root.resolve("evil")));
        assertEquals("y", Files.readString(root.resolve("etc/evil")));
        assertTrue(Files.isSymbolicLink(root.resolve("link")));
    }

    @Test
    void symlinkToAHostDirectoryIsFollowedInsideTheRoot() throws IOException {
        extract(new Tars().symlink("link", outside.toString()).file("link/secret", "overwritten"));
        Path inRoot = root.resolve(outside.toString().substring(1)).resolve("secret");
        assertEquals("overwritten", Files.readString(inRoot));
    }

    @Test
    void relativeSymlinkClimbingOutLoadsAndIsFollowedInsideTheRoot() throws IOException {
        // the target is kept as data; writing through the link lands where the container would see it
        extract(new Tars().symlink("link", "../../..").file("link/evil", "x"));
        assertEquals(Path.of("../../.."), Files.readSymbolicLink(root.resolve("link")));
        assertEquals("x", Files.readString(root.resolve("evil")));
    }

    @Test
    void relativeSymlinkInsideTheRootIsAllowed() throws IOException {
        extract(new Tars().dir("usr").dir("usr/lib").symlink("usr/lib64", "../lib").symlink("lib", "usr/lib"));
        assertEquals(Path.of("../lib"), Files.readSymbolicLink(root.resolve("usr/lib64")));
    }

    @Test
    void escapingSymlinkFromALowerLayerIsResolvedInsideTheRoot() throws IOException {
        // A symlink already in the tree (from a lower layer or created by a container) that climbs out.
        Files.createSymbolicLink(root.resolve("link"), Path.of("../../../../.."));
        Files.createSymbolicLink(root.resolve("loop"), Path.of("loop"));
        extract(new Tars().file("link/evil", "x"));
        assertEquals("x", Files.readString(root.resolve("evil")));
        InvalidTarEntryException e = assertThrows(InvalidTarEntryException.class,
                () -> extract(new Tars().file("loop/x", "x")));
        assertEquals("invalid tar entry \"loop/x\": too many levels of symbolic links", e.getMessage());
    }

    @Test
    void hardLinkClimbingOutIsRefused() {
        InvalidTarEntryException e = assertThrows(InvalidTarEntryException.class,
                () -> extract(new Tars().hardLink("passwd", "../../etc/passwd")));
        assertEquals("invalid tar entry \"passwd\": hard link target \"../../etc/passwd\" escapes the layer root",
                e.getMessage());
    }

    @Test
    void absoluteHardLinkRefersInsideTheRoot() throws IOException {
        extract(new Tars().dir("etc").file("etc/passwd", "root:x:0:0::/root:/bin/sh\n").hardLink("p", "/etc/passwd"));
        Object inode = Files.getAttribute(root.resolve("p"), "unix:ino", LinkOption.NOFOLLOW_LINKS);
        assertEquals(Files.getAttribute(root.resolve("etc/passwd"), "unix:ino"), inode);
        assertFalse(inode.equals(Files.getAttribute(Path.of("/etc/passwd"), "unix:ino")));
        assertEquals(2, Files.getAttribute(root.resolve("p"), "unix:nlink"));
    }

    @Test
    void absoluteHardLinkToAMissingFileIsRefusedNotTakenFromTheHost() {
        InvalidTarEntryException e = assertThrows(InvalidTarEntryException.class,
                () -> extract(new Tars().hardLink("p", "/etc/passwd")));
        assertEquals("invalid tar entry \"p\": hard link target \"/etc/passwd\" does not exist in the layer",
                e.getMessage());
    }

    @Test
    void hardLinkThroughASymlinkedDirectoryStaysInside() throws IOException {
        extract(new Tars().symlink("hostdir", outside.toString()).hardLink("s", "hostdir/secret").file("x", "x"),
                InvalidTarEntryException.class);
    }

    @Test
    void directoryEntryReplacesASymlinkInsteadOfFollowingIt() throws IOException {
        extract(new Tars().symlink("d", outside.toString()).dir("d").file("d/evil", "x"));
        assertFalse(Files.isSymbolicLink(root.resolve("d")));
        assertTrue(Files.isDirectory(root.resolve("d"), LinkOption.NOFOLLOW_LINKS));
        assertEquals("x", Files.readString(root.resolve("d/evil")));
    }

    @Test
    void fileEntryReplacesASymlinkInsteadOfWritingThroughIt() throws IOException {
        extract(new Tars().symlink("f", outside.resolve("secret").toString()).file("f", "replaced"));
        assertFalse(Files.isSymbolicLink(root.resolve("f")));
        assertEquals("replaced", Files.readString(root.resolve("f")));
    }

    @Test
    void whiteoutThroughASymlinkDeletesInsideTheRoot() throws IOException {
        Files.createDirectories(root.resolve(outside.toString().substring(1)));
        extract(new Tars().symlink("link", outside.toString()).file("link/.wh.secret", ""));
        extract(new Tars().file("../.wh.outside", ""), InvalidTarEntryException.class);
        extract(new Tars().symlink("up", "/").file("up/.wh..wh..opq", ""));
    }

    @Test
    void whiteoutOfDotDotIsRefused() {
        assertThrows(InvalidTarEntryException.class, () -> extract(new Tars().file(".wh...", "")));
    }

    @Test
    void copyIntoADirectoryResolvesItsSymlinksInsideTheRootAndStaysBelowIt() throws IOException {
        Files.createDirectories(root.resolve("real/etc"));
        Files.createSymbolicLink(root.resolve("etc"), Path.of("/real/etc"));
        Files.createSymbolicLink(root.resolve("hostetc"), outside);
        LayerExtractor.applyUnder(new Tars().file("hosts", "h").file(".wh.keep", "w").stream(), root, "/etc",
                LayerExtractor.Options.copy());
        assertEquals("h", Files.readString(root.resolve("real/etc/hosts")));
        assertEquals("w", Files.readString(root.resolve("real/etc/.wh.keep")));

        // the symlink's target is looked up inside the root, where it does not exist yet
        assertThrows(java.nio.file.NoSuchFileException.class, () -> LayerExtractor.applyUnder(
                new Tars().file("secret", "x").stream(), root, "hostetc", LayerExtractor.Options.copy()));
        Files.createDirectories(root.resolve(outside.toString().substring(1)));
        LayerExtractor.applyUnder(new Tars().file("secret", "inside").stream(), root, "hostetc",
                LayerExtractor.Options.copy());
        assertEquals("inside", Files.readString(root.resolve(outside.toString().substring(1)).resolve("secret")));

        InvalidTarEntryException e = assertThrows(InvalidTarEntryException.class, () -> LayerExtractor.applyUnder(
                new Tars().file("../escape", "x").stream(), root, "/etc", LayerExtractor.Options.copy()));
        assertEquals("invalid tar entry \"../escape\": path escapes the layer root", e.getMessage());
    }

    @Test
    void copyRefusesToReplaceADirectoryWithAFile() throws IOException {
        Files.createDirectories(root.resolve("etc/conf"));
        InvalidTarEntryException e = assertThrows(InvalidTarEntryException.class, () -> LayerExtractor.applyUnder(
                new Tars().file("conf", "x").stream(), root, "/etc", LayerExtractor.Options.copy()));
        assertEquals("invalid tar entry \"conf\": cannot overwrite directory \"/etc/conf\" with non-directory",
                e.getMessage());
        assertTrue(Files.isDirectory(root.resolve("etc/conf")));
    }

    private void extract(Tars tar) throws IOException {
        LayerExtractor.apply(tar.stream(), root, LayerExtractor.Options.apply());
    }

    private void extract(Tars tar, Class<? extends Throwable> expected) {
        assertThrows(expected, () -> extract(tar));
    }

    private Set<String> outsideRoot() throws IOException {
        try (Stream<Path> s = Files.walk(base)) {
            return s.filter(p -> !p.startsWith(root)).map(Path::toString)
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
