package io.wharf.archive;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamsTest {
    private static final String ABC = "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @TempDir
    Path dir;

    @Test
    void digestsWhatIsReadAndWritten() throws IOException {
        DigestingInputStream in = new DigestingInputStream(new ByteArrayInputStream("abc".getBytes(UTF_8)));
        in.readAllBytes();
        assertEquals(ABC, in.digest());
        assertEquals(3, in.count());

        DigestingOutputStream out = new DigestingOutputStream(new ByteArrayOutputStream());
        out.write('a');
        out.write("bc".getBytes(UTF_8));
        assertEquals(ABC, out.digest());
        assertEquals(3, out.count());
        assertEquals("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                new DigestingOutputStream(new ByteArrayOutputStream()).digest());
    }

    @Test
    void skippedBytesAreDigested() throws IOException {
        DigestingInputStream in = new DigestingInputStream(new ByteArrayInputStream("abc".getBytes(UTF_8)));
        assertEquals(3, in.skip(10));
        assertEquals(ABC, in.digest());
    }

    @Test
    void pipeStreamsAnArchiveAndReportsTheWritersFailure() throws IOException {
        Files.writeString(dir.resolve("f"), "content");
        try (InputStream in = ArchivePipe.open("test", w -> LayerDiff.writeTree(dir, w))) {
            List<TarHeader> entries = TarFormatTest.list(in);
            assertEquals(1, entries.size());
            assertEquals("f", entries.get(0).name());
        }
        try (InputStream in = ArchivePipe.open("failing", w -> {
            w.add(TarHeader.file("x", 1), new ByteArrayInputStream(new byte[1]));
            throw new IOException("disk on fire");
        })) {
            IOException e = assertThrows(IOException.class, in::readAllBytes);
            assertEquals("disk on fire", e.getMessage());
        }
    }

    @Test
    void writePathNamesTheSourceItself() throws IOException {
        Path etc = Files.createDirectories(dir.resolve("etc/conf.d"));
        Files.writeString(etc.resolve("x.conf"), "x");
        Files.createSymbolicLink(dir.resolve("etc/link"), Path.of("conf.d/x.conf"));
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (TarWriter w = new TarWriter(buf)) {
            LayerDiff.writePath(dir.resolve("etc"), "etc", w);
            LayerDiff.writePath(dir.resolve("etc/link"), "alias", w);
        }
        List<String> names = TarFormatTest.list(new ByteArrayInputStream(buf.toByteArray())).stream()
                .map(h -> h.name() + (h.linkName().isEmpty() ? "" : " -> " + h.linkName())).toList();
        assertEquals(List.of("etc/", "etc/conf.d/", "etc/conf.d/x.conf", "etc/link -> conf.d/x.conf",
                "alias -> conf.d/x.conf"), names);
    }

    @Test
    void decompressLeavesPlainTarsAlone() throws IOException {
        byte[] tar = new Tars().file("a", "b").bytes();
        InputStream in = Compression.decompress(new ByteArrayInputStream(tar));
        assertTrue(java.util.Arrays.equals(tar, in.readAllBytes()));
    }
}
