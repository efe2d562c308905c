package io.wharf.builder.internal.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.api.errors.InvalidArgumentException;
import io.wharf.archive.TarHeader;
import io.wharf.archive.TarWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContextArchiveTest {
    @TempDir
    Path dir;

    private static byte[] tar(Object... entries) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        TarWriter w = new TarWriter(buf);
        for (int i = 0; i < entries.length; i += 2) {
            TarHeader h = (TarHeader) entries[i];
            byte[] content = entries[i + 1] == null ? new byte[0]
                    : ((String) entries[i + 1]).getBytes(StandardCharsets.UTF_8);
            w.add(h, new ByteArrayInputStream(content));
        }
        w.finish();
        return buf.toByteArray();
    }

    @Test
    void extractsFilesDirectoriesAndLinksPlainOrGzipped() throws IOException {
        byte[] plain = tar(TarHeader.directory("d/"), null, TarHeader.file("d/f.txt", 2).withMode(0600), "hi",
                TarHeader.symlink("l", "/etc/passwd"), null);
        Path a = Files.createDirectories(dir.resolve("a"));
        ContextArchive.extract(new ByteArrayInputStream(plain), a);
        assertEquals("hi", Files.readString(a.resolve("d/f.txt")));
        assertEquals(Path.of("/etc/passwd"), Files.readSymbolicLink(a.resolve("l")));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(a.resolve("d/f.txt"))));

        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(gz)) {
            g.write(plain);
        }
        Path b = Files.createDirectories(dir.resolve("b"));
        ContextArchive.extract(new ByteArrayInputStream(gz.toByteArray()), b);
        assertEquals("hi", Files.readString(b.resolve("d/f.txt")));
    }

    @Test
    void namesThatClimbOutAreRefused() throws IOException {
        Path ctx = Files.createDirectories(dir.resolve("ctx"));
        byte[] evil = tar(TarHeader.file("../escaped", 1), "x");
        assertThrows(InvalidArgumentException.class, () -> ContextArchive.extract(new ByteArrayInputStream(evil),
                ctx));
        assertFalse(Files.exists(dir.resolve("escaped")));
    }

    @Test
    void nothingIsWrittenThroughASymlink() throws IOException {
        Path ctx = Files.createDirectories(dir.resolve("ctx"));
        Path outside = Files.createDirectories(dir.resolve("outside"));
        byte[] evil = tar(TarHeader.symlink("link", outside.toString()), null, TarHeader.file("link/planted", 1),
                "x");
        assertThrows(InvalidArgumentException.class, () -> ContextArchive.extract(new ByteArrayInputStream(evil),
                ctx));
        assertFalse(Files.exists(outside.resolve("planted")));
        // a file entry over an existing symlink replaces the link, it does not write through it
        Path ctx2 = Files.createDirectories(dir.resolve("ctx2"));
        Path target = Files.writeString(dir.resolve("target"), "keep");
        byte[] over = tar(TarHeader.symlink("f", target.toString()), null, TarHeader.file("f", 3), "new");
        ContextArchive.extract(new ByteArrayInputStream(over), ctx2);
        assertEquals("keep", Files.readString(target));
        assertEquals("new", Files.readString(ctx2.resolve("f")));
    }

    @Test
    void hardLinksMustStayInside() throws IOException {
        Path ctx = Files.createDirectories(dir.resolve("ctx"));
        byte[] evil = tar(TarHeader.hardLink("h", "../../etc/passwd"), null);
        assertThrows(InvalidArgumentException.class, () -> ContextArchive.extract(new ByteArrayInputStream(evil),
                ctx));
        byte[] fine = tar(TarHeader.file("a", 1), "a", TarHeader.hardLink("b", "a"), null);
        ContextArchive.extract(new ByteArrayInputStream(fine), ctx);
        assertTrue(Files.isSameFile(ctx.resolve("a"), ctx.resolve("b")));
    }

    @Test
    void contextPathsResolveSymlinksInsideTheContext() throws IOException {
        Path ctx = Files.createDirectories(dir.resolve("ctx"));
        Files.createDirectories(ctx.resolve("etc"));
        Files.writeString(ctx.resolve("etc/passwd"), "context's own");
        Files.createSymbolicLink(ctx.resolve("abs"), Path.of("/etc/passwd"));
        Files.createSymbolicLink(ctx.resolve("rel"), Path.of("../../../../etc/passwd"));
        assertEquals(ctx.resolve("etc/passwd"), ContextPaths.resolve(ctx, "abs"));
        assertEquals(ctx.resolve("etc/passwd"), ContextPaths.resolve(ctx, "rel"));
        assertEquals("a/b", ContextPaths.relative("./a/x/../b/"));
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> ContextPaths.relative("../x"));
        assertTrue(e.getMessage().startsWith("forbidden path outside the build context: ../x"));
        assertThrows(InvalidArgumentException.class, () -> ContextPaths.relative("a/../../x"));
    }
}
