package io.wharf.daemon.internal.volume;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.wharf.linux.FileStat;
import io.wharf.linux.LinuxException;
import io.wharf.linux.PosixFiles;
import io.wharf.linux.Xattrs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentCopierTest {
    @TempDir
    Path dir;

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    @Test
    void imageContentIsCopiedWithOwnersModesLinksAndXattrs() throws Exception {
        assumeTrue(root(), "changing owners needs root");
        Path image = Files.createDirectories(dir.resolve("image/etc/app"));
        Path conf = Files.writeString(image.resolve("app.conf"), "key=value\n");
        Files.setPosixFilePermissions(conf, PosixFilePermissions.fromString("rw-r-----"));
        PosixFiles.lchown(conf, 1000, 1001);
        Files.createLink(image.resolve("hardlink.conf"), conf);
        Files.createSymbolicLink(image.resolve("link"), Path.of("app.conf"));
        Files.createSymbolicLink(image.resolve("dangling"), Path.of("/does/not/exist"));
        Path sub = Files.createDirectories(image.resolve("cache"));
        PosixFiles.chmod(sub, 01777);
        PosixFiles.lchown(image, 33, 33);
        PosixFiles.chmod(image, 0750);
        PosixFiles.mkfifo(image.resolve("pipe"), 0600);
        boolean xattrs = trySetXattr(conf);
        PosixFiles.setMtimeNoFollow(conf, 1_000_000_000_000_000_000L);

        Path volume = Files.createDirectories(dir.resolve("volume/_data"));
        assertTrue(ContentCopier.copyIfEmpty(image, volume));

        Path copied = volume.resolve("app.conf");
        assertEquals("key=value\n", Files.readString(copied));
        FileStat st = PosixFiles.lstat(copied);
        assertEquals(1000, st.uid());
        assertEquals(1001, st.gid());
        assertEquals(0640, st.permissions());
        assertEquals(1_000_000_000_000_000_000L, st.mtimeNanos());
        assertEquals(st.ino(), PosixFiles.lstat(volume.resolve("hardlink.conf")).ino(), "hard link kept");
        assertEquals(Path.of("app.conf"), Files.readSymbolicLink(volume.resolve("link")));
        assertEquals(Path.of("/does/not/exist"), Files.readSymbolicLink(volume.resolve("dangling")));
        assertEquals(01777, PosixFiles.lstat(volume.resolve("cache")).permissions());
        assertEquals(PosixFiles.S_IFIFO, PosixFiles.lstat(volume.resolve("pipe")).type());
        FileStat top = PosixFiles.lstat(volume);
        assertEquals(33, top.uid());
        assertEquals(0750, top.permissions());
        if (xattrs) {
            assertArrayEquals("v".getBytes(), Xattrs.lget(copied, "user.wharf.test"));
        }
    }

    @Test
    void aVolumeThatHasContentIsLeftAlone() throws Exception {
        Path image = Files.createDirectories(dir.resolve("image"));
        Files.writeString(image.resolve("from-image"), "x");
        Path volume = Files.createDirectories(dir.resolve("volume"));
        Files.writeString(volume.resolve("mine"), "y");
        assertFalse(ContentCopier.copyIfEmpty(image, volume));
        assertEquals(List.of("mine"), Files.list(volume).map(p -> p.getFileName().toString()).toList());
    }

    @Test
    void aMissingImagePathCopiesNothing() throws Exception {
        Path volume = Files.createDirectories(dir.resolve("volume"));
        assertFalse(ContentCopier.copyIfEmpty(dir.resolve("absent"), volume));
        Files.writeString(dir.resolve("file"), "not a directory");
        assertFalse(ContentCopier.copyIfEmpty(dir.resolve("file"), volume));
    }

    private static boolean trySetXattr(Path p) {
        try {
            Xattrs.lset(p, "user.wharf.test", "v".getBytes());
            return true;
        } catch (LinuxException e) {
            return false; // the temp file system may not take user xattrs
        }
    }
}
