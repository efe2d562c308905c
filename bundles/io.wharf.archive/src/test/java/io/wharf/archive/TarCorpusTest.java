package io.wharf.archive;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.linux.Xattrs;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * A corpus of hostile and odd-but-legal layer tars, each generated here with the outcome it must have: the
 * extractor either loads it with the stated result or refuses it with the stated message, and in every case
 * nothing outside the extraction root changes. Each case runs in a fresh root, over an optional lower tree
 * (what earlier layers left), with both whiteout handlings where they differ.
 */
class TarCorpusTest {
    private static final Path HOST_VICTIM = Path.of("/tmp/wharf-tar-corpus-victim");

    @TempDir
    Path base;

    /** Prepares the lower tree; the outside directory is given for links that point at it. */
    interface Lower {
        void make(Path root, Path outside) throws IOException;
    }

    /** Checks a loaded root. */
    interface Check {
        void check(Path root, Path outside) throws IOException;
    }

    /** One corpus entry: {@code refusal} null means the tar must load and pass {@code check}. */
    record Case(String name, Lower lower, byte[] tar, LayerExtractor.Options options, String refusal, Check check) {
    }

    @TestFactory
    Stream<DynamicTest> corpus() throws IOException {
        Path outside = Files.createDirectory(base.resolve("outside"));
        Files.writeString(outside.resolve("secret"), "keep");
        return cases(outside).stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> run(c, outside)));
    }

    private void run(Case c, Path outside) throws IOException {
        Path root = Files.createDirectory(base.resolve("root-" + Integer.toHexString(c.name().hashCode())));
        Files.deleteIfExists(HOST_VICTIM);
        try {
            if (c.lower() != null) {
                c.lower().make(root, outside);
            }
            Set<String> before = outsideTree(outside);
            if (c.refusal() == null) {
                LayerExtractor.apply(new ByteArrayInputStream(c.tar()), root, c.options());
                c.check().check(root, outside);
            } else {
                Exception e = assertThrows(Exception.class,
                        () -> LayerExtractor.apply(new ByteArrayInputStream(c.tar()), root, c.options()));
                assertTrue(e.getMessage().contains(c.refusal()), "refused with: " + e.getMessage());
            }
            assertEquals(before, outsideTree(outside), "the outside directory changed");
            assertEquals("keep", Files.readString(outside.resolve("secret")));
            assertFalse(Files.exists(HOST_VICTIM, LinkOption.NOFOLLOW_LINKS), "written on the host");
        } finally {
            Files.deleteIfExists(HOST_VICTIM);
        }
    }

    private static List<Case> cases(Path outside) {
        LayerExtractor.Options apply = LayerExtractor.Options.apply();
        LayerExtractor.Options overlay = LayerExtractor.Options.overlay();
        String out = outside.toString();
        List<Case> all = new ArrayList<>();

        // ---- escapes: refused, or kept inside the root
        all.add(refused("dot-dot entry", new Tars().file("../evil", "x"), "path escapes the layer root"));
        all.add(refused("dot-dot below a directory", new Tars().dir("a").file("a/b/../../../evil", "x"),
                "path escapes the layer root"));
        all.add(loads("absolute names land in the root", new Tars().file("/tmp/wharf-tar-corpus-victim", "x"),
                (root, o) -> assertEquals("x", Files.readString(root.resolve("tmp/wharf-tar-corpus-victim")))));
        all.add(loads("write through an absolute symlink to the host stays inside",
                new Tars().symlink("l", out).file("l/secret", "overwritten"),
                (root, o) -> assertEquals("overwritten",
                        Files.readString(root.resolve(out.substring(1)).resolve("secret")))));
        all.add(loads("write through a climbing relative symlink stays inside",
                new Tars().dir("a").dir("a/b").symlink("a/b/up", "../../../../../../tmp").file("a/b/up/x", "x"),
                (root, o) -> assertEquals("x", Files.readString(root.resolve("tmp/x")))));
        all.add(new Case("write through a lower layer's symlink to the host stays inside",
                (root, o) -> Files.createSymbolicLink(root.resolve("l"), o), new Tars().file("l/secret", "x").bytes(),
                apply, null, (root, o) -> assertEquals("x",
                        Files.readString(root.resolve(out.substring(1)).resolve("secret")))));
        all.add(loads("a file entry replaces a symlink to the host instead of writing through it",
                new Tars().symlink("f", out + "/secret").file("f", "mine"),
                (root, o) -> {
                    assertFalse(Files.isSymbolicLink(root.resolve("f")));
                    assertEquals("mine", Files.readString(root.resolve("f")));
                }));
        all.add(refused("hard link climbing out", new Tars().hardLink("h", "../../etc/passwd"),
                "hard link target \"../../etc/passwd\" escapes the layer root"));
        all.add(refused("absolute hard link to a host file", new Tars().hardLink("h", "/etc/passwd"),
                "does not exist in the layer"));
        all.add(refused("hard link through a symlinked directory to the host",
                new Tars().symlink("d", out).hardLink("h", "d/secret"), "does not exist in the layer"));
        all.add(refused("hard link to a directory", new Tars().dir("d").hardLink("h", "d"),
                "hard link to a directory"));
        all.add(refused("whiteout of dot-dot", new Tars().file(".wh...", ""), "invalid whiteout name"));
        all.add(refused("whiteout climbing out", new Tars().file("../.wh.outside", ""),
                "path escapes the layer root"));
        all.add(new Case("whiteout through a symlink to the host deletes inside", (root, o) -> {
            Files.createSymbolicLink(root.resolve("l"), o);
            Files.createDirectories(root.resolve(out.substring(1)));
            Files.writeString(root.resolve(out.substring(1)).resolve("secret"), "inner");
        }, new Tars().file("l/.wh.secret", "").bytes(), apply, null,
                (root, o) -> assertFalse(Files.exists(root.resolve(out.substring(1)).resolve("secret")))));
        all.add(refused("symlink loop on the way", new Tars().symlink("loop", "loop").file("loop/x", "x"),
                "too many levels of symbolic links"));
        all.add(refused("name with a NUL byte", new Tars().add(TarHeader.file("a\0b", 0), ""),
                "name contains a NUL byte"));

        // ---- symlinks: targets are data
        all.add(loads("relative symlink with excess dot-dot", new Tars().dir("usr").dir("usr/lib")
                .file("usr/lib/libc.so", "c").symlink("lib", "../../../../usr/lib"), (root, o) -> {
                    assertEquals(Path.of("../../../../usr/lib"), Files.readSymbolicLink(root.resolve("lib")));
                    assertEquals("c", Files.readString(root.resolve("usr/lib/libc.so")));
                }));
        all.add(loads("a file written through a symlink with excess dot-dot lands inside",
                new Tars().dir("usr").dir("usr/lib").symlink("lib", "../../../../usr/lib").file("lib/x.so", "x"),
                (root, o) -> assertEquals("x", Files.readString(root.resolve("usr/lib/x.so")))));
        all.add(loads("dangling and absolute symlinks are kept as written",
                new Tars().symlink("dangling", "nowhere/at/all").symlink("abs", "/etc/passwd"), (root, o) -> {
                    assertEquals(Path.of("nowhere/at/all"), Files.readSymbolicLink(root.resolve("dangling")));
                    assertEquals(Path.of("/etc/passwd"), Files.readSymbolicLink(root.resolve("abs")));
                }));
        all.add(loads("hard link to a symlink links the symlink itself",
                new Tars().symlink("l", "/etc/passwd").hardLink("h", "l"), (root, o) -> {
                    assertTrue(Files.isSymbolicLink(root.resolve("h")));
                    assertEquals(Path.of("/etc/passwd"), Files.readSymbolicLink(root.resolve("h")));
                    assertEquals(ino(root.resolve("l")), ino(root.resolve("h")));
                }));
        all.add(loads("hard link to a climbing symlink, then writing through the link",
                new Tars().symlink("l", "../../../../tmp").hardLink("h", "l").file("h/x", "x"),
                (root, o) -> assertEquals("x", Files.readString(root.resolve("tmp/x")))));

        // ---- whiteouts and opaque directories
        Lower lowerDir = (root, o) -> {
            Files.createDirectories(root.resolve("d/sub"));
            Files.writeString(root.resolve("d/old"), "old");
            Files.writeString(root.resolve("d/sub/deep"), "deep");
        };
        all.add(new Case("whiteout of a directory removes it with its contents (plain layers)", lowerDir,
                new Tars().file(".wh.d", "").bytes(), apply, null,
                (root, o) -> assertFalse(Files.exists(root.resolve("d"), LinkOption.NOFOLLOW_LINKS))));
        all.add(new Case("whiteout of a directory becomes an overlay whiteout", lowerDir,
                new Tars().file(".wh.d", "").bytes(), overlay, null, (root, o) -> {
                    assertEquals("character", fileType(root.resolve("d")));
                    assertEquals(0L, ((Number) Files.getAttribute(root.resolve("d"), "unix:rdev",
                            LinkOption.NOFOLLOW_LINKS)).longValue());
                }));
        all.add(new Case("opaque directory hides the lower contents, keeps its own (plain layers)", lowerDir,
                new Tars().dir("d").file("d/.wh..wh..opq", "").file("d/new", "new").bytes(), apply, null,
                (root, o) -> {
                    assertEquals(List.of("new"), names(root.resolve("d")));
                    assertEquals("new", Files.readString(root.resolve("d/new")));
                }));
        all.add(new Case("opaque directory is marked for overlayfs", null,
                new Tars().dir("d").file("d/.wh..wh..opq", "").file("d/new", "new").bytes(), overlay, null,
                (root, o) -> {
                    assertArrayEquals("y".getBytes(UTF_8),
                            Xattrs.lget(root.resolve("d"), WhiteoutHandler.OVERLAY_OPAQUE_XATTR));
                    assertEquals(List.of("new"), names(root.resolve("d")));
                }));
        all.add(loads("whiteout of something absent is no error", new Tars().dir("x").file("x/.wh.never", ""),
                (root, o) -> assertEquals(List.of(), names(root.resolve("x")))));
        all.add(loads("AUFS metadata is skipped", new Tars().dir(".wh..wh.plnk").file(".wh..wh.plnk/1.2", "x"),
                (root, o) -> assertEquals(List.of(), names(root))));

        // ---- special files
        all.add(loads("device nodes and fifos", new Tars().dir("dev").add(TarHeader.charDevice("dev/null", 1, 3), null)
                .add(TarHeader.blockDevice("dev/loop9", 7, 9), null).add(TarHeader.fifo("dev/pipe"), null),
                (root, o) -> {
                    assertEquals("character", fileType(root.resolve("dev/null")));
                    assertEquals(rdev(1, 3), Files.getAttribute(root.resolve("dev/null"), "unix:rdev"));
                    assertEquals("block", fileType(root.resolve("dev/loop9")));
                    assertEquals(rdev(7, 9), Files.getAttribute(root.resolve("dev/loop9"), "unix:rdev"));
                    assertEquals("fifo", fileType(root.resolve("dev/pipe")));
                }));
        all.add(loads("setuid and sticky bits survive", new Tars()
                .add(new TarHeader("su", TarHeader.Kind.REGULAR, 04755, 0, 0, "", "", 1, Instant.EPOCH, "", 0, 0,
                        Map.of()), "x")
                .add(new TarHeader("tmp/", TarHeader.Kind.DIRECTORY, 01777, 0, 0, "", "", 0, Instant.EPOCH, "", 0,
                        0, Map.of()), null),
                (root, o) -> {
                    assertEquals(04755, mode(root.resolve("su")));
                    assertEquals(01777, mode(root.resolve("tmp")));
                }));

        // ---- names and headers
        String longName = "d/" + "n".repeat(120) + "/" + "f".repeat(150);
        all.add(loads("PAX long name and long link name", new Tars().file(longName, "long")
                .symlink("s" + "l".repeat(200), "/" + longName), (root, o) -> {
                    assertEquals("long", Files.readString(root.resolve(longName)));
                    assertEquals(Path.of("/" + longName), Files.readSymbolicLink(root.resolve("s" + "l".repeat(200))));
                }));
        all.add(loads("GNU long name and long link name", gnuLong(longName, "gnu"), (root, o) -> {
            assertEquals("gnu", Files.readString(root.resolve(longName)));
            assertEquals(Path.of(longName), Files.readSymbolicLink(root.resolve("gnulink")));
        }));
        all.add(loads("ustar prefix field", ustarWithPrefix("p".repeat(120), "file", "prefixed"),
                (root, o) -> assertEquals("prefixed", Files.readString(root.resolve("p".repeat(120) + "/file")))));
        all.add(loads("PAX ownership beyond octal, fractional mtime and xattrs", new Tars()
                .add(new TarHeader("big", TarHeader.Kind.REGULAR, 0640, 3_000_000, 3_000_001, "", "", 2,
                        Instant.parse("2030-01-02T03:04:05.123456789Z"), "", 0, 0,
                        Map.of("user.note", "v".getBytes(UTF_8))), "ab"),
                (root, o) -> {
                    assertEquals(3_000_000, Files.getAttribute(root.resolve("big"), "unix:uid"));
                    assertEquals(3_000_001, Files.getAttribute(root.resolve("big"), "unix:gid"));
                    assertEquals(Instant.parse("2030-01-02T03:04:05.123456789Z"),
                            Files.getLastModifiedTime(root.resolve("big")).toInstant());
                    assertEquals(0640, mode(root.resolve("big")));
                }));
        all.add(loads("PAX global header is ignored", withGlobalHeader(),
                (root, o) -> assertEquals("g", Files.readString(root.resolve("after-global")))));
        all.add(loads("a forged overlay xattr is dropped, other xattrs kept", new Tars()
                .add(new TarHeader("d/", TarHeader.Kind.DIRECTORY, 0755, 0, 0, "", "", 0, Instant.EPOCH, "", 0, 0,
                        Map.of("trusted.overlay.opaque", "y".getBytes(UTF_8),
                                "user.kept", "k".getBytes(UTF_8))), null), (root, o) -> {
                    assertEquals(null, Xattrs.lget(root.resolve("d"), WhiteoutHandler.OVERLAY_OPAQUE_XATTR));
                }));
        all.add(refused("sparse entries (GNU old format) are refused with a clear message",
                raw(rawHeader("sparse", 'S', 0, "")), "sparse tar entries are not supported"));

        // ---- duplicates: the last entry wins
        all.add(loads("duplicate file: the last one wins", new Tars().file("f", "one").file("f", "two"),
                (root, o) -> assertEquals("two", Files.readString(root.resolve("f")))));
        all.add(loads("a file replaces an earlier directory", new Tars().dir("x").file("x/in", "i").file("x", "file"),
                (root, o) -> assertEquals("file", Files.readString(root.resolve("x")))));
        all.add(loads("a directory replaces an earlier file", new Tars().file("x", "file").dir("x").file("x/in", "i"),
                (root, o) -> assertEquals("i", Files.readString(root.resolve("x/in")))));
        all.add(loads("a duplicate directory keeps its contents", new Tars().dir("x").file("x/in", "i").dir("x"),
                (root, o) -> assertEquals("i", Files.readString(root.resolve("x/in")))));
        all.add(loads("a hard link survives the replacement of its first name",
                new Tars().file("a", "first").hardLink("b", "a").file("a", "second"), (root, o) -> {
                    assertEquals("first", Files.readString(root.resolve("b")));
                    assertEquals("second", Files.readString(root.resolve("a")));
                }));
        return all;
    }

    // ---- the cases' building blocks

    private static Case loads(String name, Tars tar, Check check) {
        return new Case(name, null, tar.bytes(), LayerExtractor.Options.apply(), null, check);
    }

    private static Case loads(String name, byte[] tar, Check check) {
        return new Case(name, null, tar, LayerExtractor.Options.apply(), null, check);
    }

    private static Case refused(String name, Tars tar, String message) {
        return new Case(name, null, tar.bytes(), LayerExtractor.Options.apply(), message, null);
    }

    private static Case refused(String name, byte[] tar, String message) {
        return new Case(name, null, tar, LayerExtractor.Options.apply(), message, null);
    }

    /** GNU {@code L} and {@code K} records in front of a file and a symlink, as GNU tar writes them. */
    private static byte[] gnuLong(String longName, String content) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] nameData = (longName + "\0").getBytes(UTF_8);
        b.writeBytes(rawHeader("././@LongLink", 'L', nameData.length, ""));
        b.writeBytes(padded(nameData));
        byte[] data = content.getBytes(UTF_8);
        b.writeBytes(rawHeader(longName.substring(0, 99), '0', data.length, ""));
        b.writeBytes(padded(data));
        b.writeBytes(rawHeader("././@LongLink", 'K', nameData.length, ""));
        b.writeBytes(padded(nameData));
        b.writeBytes(rawHeader("gnulink", '2', 0, longName.substring(0, 99)));
        b.writeBytes(new byte[1024]);
        return b.toByteArray();
    }

    private static byte[] ustarWithPrefix(String prefix, String name, String content) {
        byte[] data = content.getBytes(UTF_8);
        byte[] h = rawHeader(name, '0', data.length, "");
        byte[] p = prefix.getBytes(UTF_8);
        System.arraycopy(p, 0, h, 345, p.length);
        checksum(h);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(dirWithPrefix(prefix));
        b.writeBytes(h);
        b.writeBytes(padded(data));
        b.writeBytes(new byte[1024]);
        return b.toByteArray();
    }

    private static byte[] dirWithPrefix(String prefix) {
        byte[] h = rawHeader("", '5', 0, "");
        byte[] p = prefix.getBytes(UTF_8);
        System.arraycopy(p, 0, h, 345, p.length);
        checksum(h);
        return h;
    }

    private static byte[] withGlobalHeader() {
        byte[] records = "20 comment=ignored\n".getBytes(UTF_8);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(rawHeader("pax_global_header", 'g', records.length, ""));
        b.writeBytes(padded(records));
        b.writeBytes(rawHeader("after-global", '0', 1, ""));
        b.writeBytes(padded("g".getBytes(UTF_8)));
        b.writeBytes(new byte[1024]);
        return b.toByteArray();
    }

    private static byte[] raw(byte[] header) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(header);
        b.writeBytes(new byte[1024]);
        return b.toByteArray();
    }

    /** A ustar header block written field by field, with its checksum. */
    static byte[] rawHeader(String name, char type, long size, String link) {
        byte[] h = new byte[512];
        put(h, 0, name);
        put(h, 100, String.format("%07o", 0644));
        put(h, 108, String.format("%07o", 0));
        put(h, 116, String.format("%07o", 0));
        put(h, 124, String.format("%011o", size));
        put(h, 136, String.format("%011o", 0));
        h[156] = (byte) type;
        put(h, 157, link);
        put(h, 257, "ustar");
        put(h, 263, "00");
        checksum(h);
        return h;
    }

    private static void checksum(byte[] h) {
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        int sum = 0;
        for (byte x : h) {
            sum += x & 0xff;
        }
        put(h, 148, String.format("%06o\0 ", sum));
    }

    private static void put(byte[] h, int at, String s) {
        byte[] b = s.getBytes(UTF_8);
        System.arraycopy(b, 0, h, at, b.length);
    }

    private static byte[] padded(byte[] data) {
        byte[] out = new byte[(data.length + 511) / 512 * 512];
        System.arraycopy(data, 0, out, 0, data.length);
        return out;
    }

    // ---- looking at the result

    private static Object ino(Path p) throws IOException {
        return Files.getAttribute(p, "unix:ino", LinkOption.NOFOLLOW_LINKS);
    }

    private static int mode(Path p) throws IOException {
        return (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
    }

    private static long rdev(int major, int minor) {
        return ((long) major << 8) | minor;
    }

    private static String fileType(Path p) throws IOException {
        int mode = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        return switch (mode & 0170000) {
            case 0020000 -> "character";
            case 0060000 -> "block";
            case 0010000 -> "fifo";
            default -> Integer.toOctalString(mode);
        };
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private Set<String> outsideTree(Path outside) throws IOException {
        try (Stream<Path> s = Files.walk(outside)) {
            return s.map(p -> p + (Files.isSymbolicLink(p) ? "@" : "")).collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
