package io.wharf.archive;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarFormatTest {
    @TempDir
    Path dir;

    @Test
    void everyEntryTypeRoundTrips() throws Exception {
        String longName = "d/" + "n".repeat(150) + "/" + "ä".repeat(80) + ".txt";
        List<TarHeader> headers = List.of(
                TarHeader.directory("d/").withOwner(1000, 1001).withMode(01777)
                        .withMtime(Instant.ofEpochSecond(1_600_000_000L)),
                new TarHeader("d/file", TarHeader.Kind.REGULAR, 04755, 3_000_000, 70_000, "user", "group", 5,
                        Instant.ofEpochSecond(1_600_000_001L, 500_000_000), "", 0, 0,
                        Map.of("user.k", new byte[] {0, 1, 2}, "security.capability", new byte[] {9})),
                TarHeader.symlink("d/link", "/" + "t".repeat(200)),
                TarHeader.hardLink("d/hard", "d/file"),
                TarHeader.charDevice("d/null", 1, 3),
                TarHeader.blockDevice("d/blk", 259, 1_048_577),
                TarHeader.fifo("d/fifo"),
                TarHeader.file(longName, 3));
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (TarWriter w = new TarWriter(buf)) {
            for (TarHeader h : headers) {
                w.add(h, h.size() == 0 ? null : new ByteArrayInputStream("x".repeat((int) h.size()).getBytes(UTF_8)));
            }
        }
        assertEquals(0, buf.size() % 512);

        List<TarHeader> read = new ArrayList<>();
        try (TarReader r = new TarReader(new ByteArrayInputStream(buf.toByteArray()))) {
            TarHeader h;
            while ((h = r.next()) != null) {
                read.add(h);
                assertEquals("x".repeat((int) h.size()), new String(r.content().readAllBytes(), UTF_8));
            }
        }
        assertEquals(headers.size(), read.size());
        for (int i = 0; i < headers.size(); i++) {
            TarHeader want = headers.get(i);
            TarHeader got = read.get(i);
            assertEquals(want.name(), got.name());
            assertEquals(want.kind(), got.kind());
            assertEquals(want.mode(), got.mode());
            assertEquals(want.uid(), got.uid());
            assertEquals(want.gid(), got.gid());
            assertEquals(want.userName(), got.userName());
            assertEquals(want.size(), got.size());
            assertEquals(want.mtime(), got.mtime());
            assertEquals(want.linkName(), got.linkName());
            assertEquals(want.devMajor(), got.devMajor());
            assertEquals(want.devMinor(), got.devMinor());
            assertEquals(want.xattrs().keySet(), got.xattrs().keySet());
            for (String k : want.xattrs().keySet()) {
                assertArrayEquals(want.xattrs().get(k), got.xattrs().get(k));
            }
        }
    }

    @Test
    void sizesAbove8GibUsePax() throws Exception {
        long size = 9L << 30;
        HeadCapture head = new HeadCapture(4096);
        TarWriter w = new TarWriter(head);
        w.add(TarHeader.file("big", size), new Zeros(size));
        w.finish();
        assertEquals(size, head.total - 512 * 2 - 512 * 3); // pax header + its records + ustar header
        TarHeader h = new TarReader(new ByteArrayInputStream(head.bytes())).next();
        assertEquals("big", h.name());
        assertEquals(size, h.size());
    }

    @Test
    void readsGnuLongNamesAndLinks() throws Exception {
        String name = "gnu/" + "a".repeat(300);
        String link = "/" + "b".repeat(300);
        Path src = Files.createDirectories(dir.resolve("src"));
        Path file = Files.createFile(src.resolve(name.substring(4).substring(0, 200)));
        Files.createSymbolicLink(src.resolve("l"), Path.of(link));
        Path tar = dir.resolve("gnu.tar");
        run("tar", "--format=gnu", "-C", src.toString(), "-cf", tar.toString(), ".");
        List<TarHeader> entries = list(Files.newInputStream(tar));
        assertTrue(entries.stream().anyMatch(e -> e.name().equals("./" + file.getFileName())), entries.toString());
        assertTrue(entries.stream().anyMatch(e -> e.name().equals("./l") && e.linkName().equals(link)));
    }

    @Test
    void gnuTarReadsWhatWeWrite() throws Exception {
        Path tar = dir.resolve("ours.tar");
        String longName = "x/" + "y".repeat(180);
        try (TarWriter w = new TarWriter(Files.newOutputStream(tar))) {
            w.add(TarHeader.directory("x"), null);
            w.add(TarHeader.file(longName, 2).withXattrs(Map.of("user.a", "b".getBytes(UTF_8))),
                    new ByteArrayInputStream("hi".getBytes(UTF_8)));
        }
        Path out = Files.createDirectories(dir.resolve("out"));
        run("tar", "--xattrs", "--xattrs-include=user.*", "-C", out.toString(), "-xf", tar.toString());
        assertEquals("hi", Files.readString(out.resolve(longName)));
    }

    @Test
    void corruptChecksumIsRefused() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (TarWriter w = new TarWriter(buf)) {
            w.add(TarHeader.file("f", 0), null);
        }
        byte[] b = buf.toByteArray();
        b[0] = 'g';
        IOException e = assertThrows(IOException.class, () -> new TarReader(new ByteArrayInputStream(b)).next());
        assertEquals("invalid tar header checksum", e.getMessage());
    }

    @Test
    void truncatedArchiveFails() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (TarWriter w = new TarWriter(buf)) {
            w.add(TarHeader.file("f", 1000), new ByteArrayInputStream(new byte[1000]));
        }
        byte[] cut = java.util.Arrays.copyOf(buf.toByteArray(), 700);
        TarReader r = new TarReader(new ByteArrayInputStream(cut));
        r.next();
        assertThrows(IOException.class, () -> r.content().readAllBytes());
    }

    @Test
    void emptyStreamIsAnEmptyArchive() throws Exception {
        assertNull(new TarReader(InputStream.nullInputStream()).next());
    }

    @Test
    void writerRefusesShortContent() {
        TarWriter w = new TarWriter(OutputStream.nullOutputStream());
        IOException e = assertThrows(IOException.class,
                () -> w.add(TarHeader.file("f", 10), new ByteArrayInputStream(new byte[3])));
        assertEquals("content of f ended 7 bytes early", e.getMessage());
    }

    static List<TarHeader> list(InputStream in) throws IOException {
        List<TarHeader> out = new ArrayList<>();
        try (TarReader r = new TarReader(in)) {
            TarHeader h;
            while ((h = r.next()) != null) {
                out.add(h);
            }
        }
        return out;
    }

    static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "timed out: " + String.join(" ", command));
            String output = new String(p.getInputStream().readAllBytes(), UTF_8);
            assertEquals(0, p.exitValue(), output);
        } finally {
            p.destroyForcibly();
        }
    }

    /** Keeps the first bytes written and counts the rest. */
    static final class HeadCapture extends OutputStream {
        private final ByteArrayOutputStream head = new ByteArrayOutputStream();
        private final int limit;
        long total;

        HeadCapture(int limit) {
            this.limit = limit;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            int keep = (int) Math.max(0, Math.min(len, limit - total));
            head.write(b, off, keep);
            total += len;
        }

        byte[] bytes() {
            return head.toByteArray();
        }
    }

    /** {@code size} zero bytes, generated. */
    static final class Zeros extends InputStream {
        private long left;

        Zeros(long size) {
            this.left = size;
        }

        @Override
        public int read() {
            if (left <= 0) {
                return -1;
            }
            left--;
            return 0;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            java.util.Arrays.fill(b, off, off + n, (byte) 0);
            left -= n;
            return n;
        }
    }
}
