package io.wharf.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.wharf.api.storage.StorageDriver.Change;
import io.wharf.linux.Mounts;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChangesTest {
    private static final FileTime WHOLE_SECOND = FileTime.fromMillis(1_700_000_000_000L);

    @TempDir
    Path base;

    private static byte[] baseLayer() {
        return new Tars().dir("etc").file("etc/a", "a").file("etc/b", "b").dir("usr").dir("usr/bin")
                .file("usr/bin/x", "x").dir("var").dir("var/old").file("var/old/one", "1").file("var/old/two", "2")
                .bytes();
    }

    private Path extracted(String name) throws IOException {
        Path dir = Files.createDirectory(base.resolve(name));
        LayerExtractor.apply(new ByteArrayInputStream(baseLayer()), dir, LayerExtractor.Options.apply());
        return dir;
    }

    @Test
    void changesBetweenTwoTreesAndTheirDiffReproducesTheUpper() throws Exception {
        Path lower = extracted("lower");
        Path upper = extracted("upper");
        assertEquals(List.of(), Changes.between(lower, upper));

        Files.writeString(upper.resolve("etc/a"), "changed");
        Files.setLastModifiedTime(upper.resolve("etc/a"), WHOLE_SECOND);
        Files.writeString(upper.resolve("etc/new"), "new");
        Files.setLastModifiedTime(upper.resolve("etc/new"), WHOLE_SECOND);
        Files.delete(upper.resolve("usr/bin/x"));
        Files.setPosixFilePermissions(upper.resolve("var"), PosixFilePermissions.fromString("rwx------"));
        Files.createDirectories(upper.resolve("newdir"));
        Files.writeString(upper.resolve("newdir/f"), "f");
        Files.setLastModifiedTime(upper.resolve("newdir/f"), WHOLE_SECOND);

        List<Change> changes = Changes.between(lower, upper);
        assertEquals(List.of(
                new Change("/etc", Change.MODIFIED),
                new Change("/etc/a", Change.MODIFIED),
                new Change("/etc/new", Change.ADDED),
                new Change("/newdir", Change.ADDED),
                new Change("/newdir/f", Change.ADDED),
                new Change("/usr", Change.MODIFIED),
                new Change("/usr/bin", Change.MODIFIED),
                new Change("/usr/bin/x", Change.DELETED),
                new Change("/var", Change.MODIFIED)), changes);
        assertEquals("changed".length() + "new".length() + 1, Changes.size(upper, changes));

        ByteArrayOutputStream diff = new ByteArrayOutputStream();
        try (TarWriter w = new TarWriter(diff)) {
            LayerDiff.writeDifference(lower, upper, w);
        }
        List<String> names = TarFormatTest.list(new ByteArrayInputStream(diff.toByteArray())).stream()
                .map(TarHeader::name).toList();
        assertEquals(List.of("etc/", "etc/a", "etc/new", "newdir/", "newdir/f", "usr/", "usr/bin/",
                "usr/bin/.wh.x", "var/"), names);

        Path replay = extracted("replay");
        LayerExtractor.apply(new ByteArrayInputStream(diff.toByteArray()), replay, LayerExtractor.Options.apply());
        assertEquals(List.of(), Changes.between(replay, upper));
    }

    @Test
    void directoryReplacingAFileAndFileReplacingADirectory() throws Exception {
        Path lower = extracted("lower");
        Path upper = extracted("upper");
        Files.delete(upper.resolve("etc/b"));
        Files.createDirectory(upper.resolve("etc/b"));
        Files.writeString(upper.resolve("etc/b/inside"), "i");
        Files.setLastModifiedTime(upper.resolve("etc/b/inside"), WHOLE_SECOND);
        Files.delete(upper.resolve("var/old/one"));
        Files.delete(upper.resolve("var/old/two"));
        Files.delete(upper.resolve("var/old"));
        Files.writeString(upper.resolve("var/old"), "file");
        Files.setLastModifiedTime(upper.resolve("var/old"), WHOLE_SECOND);

        assertEquals(List.of(
                new Change("/etc", Change.MODIFIED),
                new Change("/etc/b", Change.MODIFIED),
                new Change("/etc/b/inside", Change.ADDED),
                new Change("/var", Change.MODIFIED),
                new Change("/var/old", Change.MODIFIED)), Changes.between(lower, upper));

        Path replay = extracted("replay");
        try (var in = ArchivePipe.open("diff", w -> LayerDiff.writeDifference(lower, upper, w))) {
            LayerExtractor.apply(in, replay, LayerExtractor.Options.apply());
        }
        assertEquals(List.of(), Changes.between(replay, upper));
    }

    @Test
    void overlayUpperChangesAndDiff() throws Exception {
        Path lower = extracted("lower");
        Path upper = Files.createDirectory(base.resolve("upper"));
        Path work = Files.createDirectory(base.resolve("work"));
        Path merged = Files.createDirectory(base.resolve("merged"));
        Mounts.mount("overlay", merged, "overlay", 0,
                "lowerdir=" + lower + ",upperdir=" + upper + ",workdir=" + work);
        try {
            Files.writeString(merged.resolve("etc/a"), "changed");
            Files.setLastModifiedTime(merged.resolve("etc/a"), WHOLE_SECOND);
            Files.writeString(merged.resolve("etc/new"), "new");
            Files.setLastModifiedTime(merged.resolve("etc/new"), WHOLE_SECOND);
            Files.delete(merged.resolve("usr/bin/x"));
            Files.delete(merged.resolve("var/old/one"));
            Files.delete(merged.resolve("var/old/two"));
            Files.delete(merged.resolve("var/old"));
            Files.createDirectory(merged.resolve("var/old")); // overlayfs makes it opaque
            Files.writeString(merged.resolve("var/old/fresh"), "f");
            Files.setLastModifiedTime(merged.resolve("var/old/fresh"), WHOLE_SECOND);

            List<Change> changes = Changes.ofOverlay(upper, List.of(lower));
            assertEquals(List.of(
                    new Change("/etc", Change.MODIFIED),
                    new Change("/etc/a", Change.MODIFIED),
                    new Change("/etc/new", Change.ADDED),
                    new Change("/usr", Change.MODIFIED),
                    new Change("/usr/bin", Change.MODIFIED),
                    new Change("/usr/bin/x", Change.DELETED),
                    new Change("/var", Change.MODIFIED),
                    new Change("/var/old", Change.MODIFIED),
                    new Change("/var/old/fresh", Change.ADDED),
                    new Change("/var/old/one", Change.DELETED),
                    new Change("/var/old/two", Change.DELETED)), changes);

            Path replay = extracted("replay");
            try (var in = ArchivePipe.open("overlay-diff", w -> LayerDiff.writeOverlayUpper(upper, w))) {
                LayerExtractor.apply(in, replay, LayerExtractor.Options.apply());
            }
            assertEquals(List.of(), Changes.between(replay, merged));
        } finally {
            Mounts.umount2(merged, Mounts.MNT_DETACH);
        }
    }

    @Test
    void nullLowerListsEverythingAsAdded() throws Exception {
        Path upper = extracted("upper");
        List<Change> changes = Changes.between(null, upper);
        assertEquals(10, changes.size());
        assertEquals(new Change("/etc", Change.ADDED), changes.get(0));
        assertEquals(new Change("/var/old/two", Change.ADDED), changes.get(9));
    }
}
