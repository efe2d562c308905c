package io.wharf.storage.vfs.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.wharf.linux.FileStat;
import io.wharf.linux.PosixFiles;
import io.wharf.linux.Xattrs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeCopierTest {
    @TempDir
    Path tmp;

    @Test
    void copyKeepsOwnershipModesTimesLinksDevicesAndXattrs() throws Exception {
        Path src = Files.createDirectory(tmp.resolve("src"));
        Path dst = Files.createDirectory(tmp.resolve("dst"));
        Path dir = Files.createDirectory(src.resolve("dir"));
        Path file = Files.writeString(dir.resolve("file"), "content");
        PosixFiles.lchown(file, 1000, 1001);
        PosixFiles.chmod(file, 04750);
        Xattrs.lset(file, "user.note", "kept".getBytes(StandardCharsets.UTF_8));
        Xattrs.lset(file, "security.capability", new byte[] {1, 0, 0, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        PosixFiles.setMtimeNoFollow(file, 1_500_000_000_123_456_789L);
        Files.createLink(src.resolve("hard"), file);
        Path link = Files.createSymbolicLink(src.resolve("link"), Path.of("dir/file"));
        PosixFiles.lchown(link, 7, 8);
        PosixFiles.setMtimeNoFollow(link, 1_400_000_000_000_000_000L);
        PosixFiles.mknod(src.resolve("null"), PosixFiles.S_IFCHR | 0666, PosixFiles.makedev(1, 3));
        PosixFiles.mkfifo(src.resolve("fifo"), 0640);
        PosixFiles.chmod(dir, 0700);
        PosixFiles.setMtimeNoFollow(dir, 1_300_000_000_000_000_000L);

        new TreeCopier().copy(src, dst);

        FileStat copied = PosixFiles.lstat(dst.resolve("dir/file"));
        assertEquals(1000, copied.uid());
        assertEquals(1001, copied.gid());
        assertEquals(04750, copied.permissions());
        assertEquals(1_500_000_000_123_456_789L, copied.mtimeNanos());
        assertEquals("content", Files.readString(dst.resolve("dir/file")));
        assertArrayEquals("kept".getBytes(StandardCharsets.UTF_8), Xattrs.lget(dst.resolve("dir/file"), "user.note"));
        assertArrayEquals(Xattrs.lget(file, "security.capability"),
                Xattrs.lget(dst.resolve("dir/file"), "security.capability"));
        assertEquals(copied.ino(), PosixFiles.lstat(dst.resolve("hard")).ino());
        assertFalse(copied.ino() == PosixFiles.lstat(file).ino());

        FileStat l = PosixFiles.lstat(dst.resolve("link"));
        assertEquals(PosixFiles.S_IFLNK, l.type());
        assertEquals(Path.of("dir/file"), Files.readSymbolicLink(dst.resolve("link")));
        assertEquals(7, l.uid());
        assertEquals(1_400_000_000_000_000_000L, l.mtimeNanos());

        FileStat dev = PosixFiles.lstat(dst.resolve("null"));
        assertEquals(PosixFiles.S_IFCHR, dev.type());
        assertEquals(PosixFiles.makedev(1, 3), dev.rdev());
        assertEquals(PosixFiles.lstat(src.resolve("null")).permissions(), dev.permissions());
        assertEquals(PosixFiles.S_IFIFO, PosixFiles.lstat(dst.resolve("fifo")).type());

        FileStat d = PosixFiles.lstat(dst.resolve("dir"));
        assertEquals(0700, d.permissions());
        assertEquals(1_300_000_000_000_000_000L, d.mtimeNanos());
    }
}
