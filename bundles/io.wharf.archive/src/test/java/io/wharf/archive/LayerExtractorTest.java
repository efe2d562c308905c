package io.wharf.archive;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.linux.FileStat;
import io.wharf.linux.Mounts;
import io.wharf.linux.PosixFiles;
import io.wharf.linux.Xattrs;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerExtractorTest {
    private static final Instant T1 = Instant.ofEpochSecond(1_500_000_000L);
    private static final Instant T2 = Instant.ofEpochSecond(1_600_000_000L);

    @TempDir
    Path base;

    /** One entry of every type, with owners, special mode bits, mtimes and xattrs. */
    private static List<TarHeader> everyType() {
        return List.of(
                TarHeader.directory("bin").withOwner(0, 0).withMode(0755).withMtime(T1),
                new TarHeader("bin/su", TarHeader.Kind.REGULAR, 04755, 0, 0, "", "", 6, T2, "", 0, 0,
                        Map.of("security.capability", cap(), "user.note", "hello".getBytes(UTF_8),
                                "trusted.mark", new byte[] {1, 2})),
                TarHeader.hardLink("bin/su-again", "bin/su"),
                TarHeader.symlink("bin/sh", "/bin/su").withOwner(12, 34).withMtime(T1),
                TarHeader.directory("tmp").withMode(01777).withMtime(T2),
                TarHeader.directory("srv").withOwner(1000, 1000).withMode(02750).withMtime(T1),
                TarHeader.file("srv/data", 6).withOwner(1000, 1001).withMode(0640).withMtime(T1),
                TarHeader.directory("dev").withMtime(T1),
                TarHeader.charDevice("dev/null", 1, 3).withMtime(T1),
                TarHeader.blockDevice("dev/loop0", 7, 0).withMtime(T1),
                TarHeader.fifo("dev/initctl").withMode(0600).withMtime(T1),
                TarHeader.directory("long").withMtime(T1),
                TarHeader.file("long/" + "x".repeat(120), 6).withMtime(T2));
    }

    /** A valid VFS capability (v2) granting cap_net_raw, so the kernel accepts it. */
    private static byte[] cap() {
        byte[] v = new byte[20];
        v[3] = 0x02; // VFS_CAP_REVISION_2, no effective bit
        v[4 + 1] = 0x20; // permitted bit 13 (cap_net_raw)
        return v;
    }

    private static byte[] tarOf(List<TarHeader> headers) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (TarWriter w = new TarWriter(buf)) {
            for (TarHeader h : headers) {
                w.add(h, h.size() > 0 ? new ByteArrayInputStream("hello\n".getBytes(UTF_8)) : null);
            }
        }
        return buf.toByteArray();
    }

    @Test
    void extractsEveryTypeAndWritesItBackUnchanged() throws Exception {
        Path root = Files.createDirectory(base.resolve("root"));
        long written = LayerExtractor.apply(new ByteArrayInputStream(tarOf(everyType())), root,
                LayerExtractor.Options.apply());
        assertEquals(18, written);

        FileStat su = PosixFiles.lstat(root.resolve("bin/su"));
        assertEquals(PosixFiles.S_IFREG | 04755, su.mode());
        assertEquals(T2.getEpochSecond() * 1_000_000_000L, su.mtimeNanos());
        assertEquals(2, su.nlink());
        assertEquals(su.ino(), PosixFiles.lstat(root.resolve("bin/su-again")).ino());
        assertArrayEquals(cap(), Xattrs.lget(root.resolve("bin/su"), "security.capability"));
        assertArrayEquals("hello".getBytes(UTF_8), Xattrs.lget(root.resolve("bin/su"), "user.note"));
        assertArrayEquals(new byte[] {1, 2}, Xattrs.lget(root.resolve("bin/su"), "trusted.mark"));

        FileStat sh = PosixFiles.lstat(root.resolve("bin/sh"));
        assertTrue(sh.isSymbolicLink());
        assertEquals(12, sh.uid());
        assertEquals(34, sh.gid());
        assertEquals(T1.getEpochSecond() * 1_000_000_000L, sh.mtimeNanos());
        assertEquals(Path.of("/bin/su"), Files.readSymbolicLink(root.resolve("bin/sh")));

        assertEquals(PosixFiles.S_IFDIR | 01777, PosixFiles.lstat(root.resolve("tmp")).mode());
        FileStat srv = PosixFiles.lstat(root.resolve("srv"));
        assertEquals(02750, srv.permissions());
        assertEquals(1000, srv.uid());
        // set after its contents were created
        assertEquals(T1.getEpochSecond() * 1_000_000_000L, srv.mtimeNanos());
        assertEquals(T1.getEpochSecond() * 1_000_000_000L, PosixFiles.lstat(root.resolve("bin")).mtimeNanos());
        FileStat data = PosixFiles.lstat(root.resolve("srv/data"));
        assertEquals(1001, data.gid());
        assertEquals(0640, data.permissions());

        FileStat nul = PosixFiles.lstat(root.resolve("dev/null"));
        assertTrue(nul.isCharDevice());
        assertEquals(1, nul.rdevMajor());
        assertEquals(3, nul.rdevMinor());
        FileStat loop = PosixFiles.lstat(root.resolve("dev/loop0"));
        assertEquals(PosixFiles.S_IFBLK, loop.type());
        assertEquals(7, loop.rdevMajor());
        assertEquals(PosixFiles.S_IFIFO | 0600, PosixFiles.lstat(root.resolve("dev/initctl")).mode());
        assertEquals("hello\n", Files.readString(root.resolve("long/" + "x".repeat(120))));

        // And back: the tree gives the same entries, in sorted order.
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        try (TarWriter w = new TarWriter(again)) {
            LayerDiff.writeTree(root, w);
        }
        Map<String, TarHeader> read = TarFormatTest.list(new ByteArrayInputStream(again.toByteArray())).stream()
                .collect(Collectors.toMap(h -> h.name().replaceAll("/$", ""), h -> h));
        assertEquals(everyType().size(), read.size());
        for (TarHeader want : everyType()) {
            TarHeader got = read.get(want.name());
            if (want.kind() == TarHeader.Kind.HARDLINK) {
                continue; // carries the metadata of the inode it shares, checked below
            }
            assertEquals(want.mode(), got.mode(), want.name());
            assertEquals(want.uid(), got.uid(), want.name());
            assertEquals(want.gid(), got.gid(), want.name());
            assertEquals(want.size(), got.size(), want.name());
            assertEquals(want.devMajor(), got.devMajor(), want.name());
            assertEquals(want.devMinor(), got.devMinor(), want.name());
            assertEquals(want.xattrs().keySet(), got.xattrs().keySet(), want.name());
            assertEquals(want.kind(), got.kind(), want.name());
            assertEquals(want.mtime(), got.mtime(), want.name());
            assertEquals(want.linkName(), got.linkName(), want.name());
        }
        // exactly one of the two names of the inode is the hard link, pointing at the other
        TarHeader a = read.get("bin/su");
        TarHeader b = read.get("bin/su-again");
        assertEquals(TarHeader.Kind.REGULAR, a.kind());
        assertEquals(TarHeader.Kind.HARDLINK, b.kind());
        assertEquals("bin/su", b.linkName());

        // deterministic: the same tree gives the same bytes
        ByteArrayOutputStream third = new ByteArrayOutputStream();
        try (TarWriter w = new TarWriter(third)) {
            LayerDiff.writeTree(root, w);
        }
        assertArrayEquals(again.toByteArray(), third.toByteArray());
    }

    @Test
    void gzipIsDetected() throws Exception {
        Path root = Files.createDirectory(base.resolve("root"));
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (OutputStream out = Compression.GZIP.compress(gz)) {
            out.write(new Tars().dir("a").file("a/b", "gzipped").bytes());
        }
        assertEquals(Compression.GZIP, Compression.detect(gz.toByteArray(), gz.size()));
        LayerExtractor.apply(new ByteArrayInputStream(gz.toByteArray()), root, LayerExtractor.Options.apply());
        assertEquals("gzipped", Files.readString(root.resolve("a/b")));
    }

    @Test
    void xzIsRefusedClearly() throws Exception {
        Path root = Files.createDirectory(base.resolve("root"));
        byte[] xz = {(byte) 0xfd, '7', 'z', 'X', 'Z', 0, 0, 0};
        UnsupportedCompressionException e = assertThrows(UnsupportedCompressionException.class,
                () -> LayerExtractor.apply(new ByteArrayInputStream(xz), root, LayerExtractor.Options.apply()));
        assertEquals("unsupported compression: xz (only gzip and uncompressed archives are supported)",
                e.getMessage());
        assertEquals(Compression.ZSTD, Compression.detect(new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd}, 4));
        assertEquals(Compression.BZIP2, Compression.detect("BZh9".getBytes(UTF_8), 4));
    }

    @Test
    void applyModeWhiteoutsDeleteAndOpaqueDirectoriesKeepOnlyThisLayer() throws Exception {
        Path root = Files.createDirectory(base.resolve("root"));
        LayerExtractor.apply(new Tars().dir("etc").file("etc/a", "1").file("etc/b", "2").dir("opt")
                .file("opt/old", "o").dir("opt/sub").file("opt/sub/deep", "d").stream(), root,
                LayerExtractor.Options.apply());

        LayerExtractor.apply(new Tars().dir("etc").file("etc/.wh.a", "").dir("opt").file("opt/new", "n")
                .file("opt/.wh..wh..opq", "").file("opt/later", "l").file(".wh.missing", "").stream(), root,
                LayerExtractor.Options.apply());

        assertFalse(Files.exists(root.resolve("etc/a")));
        assertFalse(Files.exists(root.resolve("etc/.wh.a")));
        assertEquals("2", Files.readString(root.resolve("etc/b")));
        assertEquals(List.of("later", "new"), names(root.resolve("opt")));
    }

    @Test
    void overlayModeWritesOverlayWhiteoutsAndTheUpperDirectoryTranslatesBack() throws Exception {
        Path upper = Files.createDirectory(base.resolve("upper"));
        LayerExtractor.apply(new Tars().dir("etc").add(TarHeader.file("etc/.wh.a", 0).withOwner(5, 6), "")
                .dir("opt").file("opt/.wh..wh..opq", "").file("opt/new", "n").stream(), upper,
                LayerExtractor.Options.overlay());

        FileStat wh = PosixFiles.lstat(upper.resolve("etc/a"));
        assertTrue(wh.isCharDevice());
        assertEquals(0, wh.rdev());
        assertEquals(5, wh.uid());
        assertArrayEquals(new byte[] {'y'}, Xattrs.lget(upper.resolve("opt"), "trusted.overlay.opaque"));
        assertNull(Xattrs.lget(upper.resolve("etc"), "trusted.overlay.opaque"));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarWriter w = new TarWriter(out)) {
            LayerDiff.writeOverlayUpper(upper, w);
        }
        List<String> names = new ArrayList<>();
        for (TarHeader h : TarFormatTest.list(new ByteArrayInputStream(out.toByteArray()))) {
            names.add(h.name());
            assertFalse(h.xattrs().containsKey("trusted.overlay.opaque"));
        }
        assertEquals(List.of("etc/", "etc/.wh.a", "opt/", "opt/.wh..wh..opq", "opt/new"), names);
    }

    @Test
    void layersCannotForgeOverlayMetadata() throws Exception {
        Path upper = Files.createDirectory(base.resolve("upper"));
        LayerExtractor.apply(new Tars().add(TarHeader.directory("d").withXattrs(
                Map.of("trusted.overlay.redirect", "/etc".getBytes(UTF_8))), null).stream(), upper,
                LayerExtractor.Options.overlay());
        assertNull(Xattrs.lget(upper.resolve("d"), "trusted.overlay.redirect"));
    }

    @Test
    void overlayWhiteoutsWorkOnARealOverlayMount() throws Exception {
        Path lower = Files.createDirectory(base.resolve("lower"));
        Path upper = Files.createDirectory(base.resolve("upper"));
        Path work = Files.createDirectory(base.resolve("work"));
        Path merged = Files.createDirectory(base.resolve("merged"));
        LayerExtractor.apply(new Tars().file("gone", "x").dir("opq").file("opq/hidden", "h").stream(), lower,
                LayerExtractor.Options.apply());
        LayerExtractor.apply(new Tars().file(".wh.gone", "").dir("opq").file("opq/.wh..wh..opq", "")
                .file("opq/mine", "m").stream(), upper, LayerExtractor.Options.overlay());
        Mounts.mount("overlay", merged, "overlay", 0,
                "lowerdir=" + lower + ",upperdir=" + upper + ",workdir=" + work);
        try {
            assertEquals(List.of("opq"), names(merged));
            assertEquals(List.of("mine"), names(merged.resolve("opq")));
        } finally {
            Mounts.umount2(merged, Mounts.MNT_DETACH);
        }
    }

    @Test
    void aufsMetadataIsSkipped() throws Exception {
        Path root = Files.createDirectory(base.resolve("root"));
        LayerExtractor.apply(new Tars().file("keep", "k").dir(".wh..wh.plnk").file(".wh..wh.plnk/123.456", "x")
                .file(".wh..wh.aufs", "").stream(), root, LayerExtractor.Options.apply());
        assertEquals(List.of("keep"), names(root));
    }

    @Test
    void aReplacedDirectoryAndFileAreRemovedFirst() throws Exception {
        Path root = Files.createDirectory(base.resolve("root"));
        LayerExtractor.apply(new Tars().dir("x").file("x/inner", "i").file("y", "file").stream(), root,
                LayerExtractor.Options.apply());
        LayerExtractor.apply(new Tars().file("x", "now a file").dir("y").stream(), root,
                LayerExtractor.Options.apply());
        assertEquals("now a file", Files.readString(root.resolve("x")));
        assertTrue(Files.isDirectory(root.resolve("y")));
    }

    @Test
    void extractionStreamsA300MegabyteFile() throws Exception {
        // Generated on the fly; the tests run with a 128 MB heap, so buffering the entry cannot succeed.
        long size = 300L << 20;
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        TarWriter w = new TarWriter(header);
        w.putNextEntry(TarHeader.file("big", size));
        byte[] trailer = new byte[1024 + (int) ((512 - size % 512) % 512)];
        InputStream tar = new SequenceInputStream(new ByteArrayInputStream(header.toByteArray()),
                new SequenceInputStream(new TarFormatTest.Zeros(size), new ByteArrayInputStream(trailer)));
        DigestingInputStream digesting = new DigestingInputStream(tar);

        Path root = Files.createDirectory(base.resolve("root"));
        assertEquals(size, LayerExtractor.apply(digesting, root, LayerExtractor.Options.apply()));
        assertEquals(size, Files.size(root.resolve("big")));
        assertEquals(512 + size + trailer.length, digesting.count(), "the whole stream was read");
    }

    private static List<String> names(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }
}
