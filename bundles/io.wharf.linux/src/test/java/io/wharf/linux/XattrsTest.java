package io.wharf.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On a tmpfs of our own, so that user.* and trusted.* work whatever file system holds /tmp. */
class XattrsTest {
    @TempDir
    Path dir;

    private Path fs;

    @BeforeEach
    void mountTmpfs() throws Exception {
        fs = Files.createDirectory(dir.resolve("fs"));
        Mounts.mount("tmpfs", fs, "tmpfs", 0, "size=1m");
    }

    @AfterEach
    void unmount() throws Exception {
        Mounts.umount2(fs, Mounts.MNT_DETACH);
    }

    @Test
    void userAndTrustedAttributesRoundTrip() throws Exception {
        Path f = Files.writeString(fs.resolve("f"), "x");
        byte[] binary = {0, 1, 2, (byte) 0xff};
        Xattrs.lset(f, "user.test", binary);
        Xattrs.lset(f, "trusted.overlay.opaque", "y".getBytes(StandardCharsets.US_ASCII));

        assertArrayEquals(binary, Xattrs.lget(f, "user.test"));
        assertArrayEquals(new byte[] {'y'}, Xattrs.lget(f, "trusted.overlay.opaque"));
        assertTrue(Xattrs.llist(f).containsAll(java.util.List.of("user.test", "trusted.overlay.opaque")));

        Xattrs.lremove(f, "user.test");
        assertNull(Xattrs.lget(f, "user.test"));
        LinuxException e = assertThrows(LinuxException.class, () -> Xattrs.lremove(f, "user.test"));
        assertEquals(Errno.ENODATA, e.errno());
    }

    @Test
    void emptyValueAndEmptyList() throws Exception {
        Path d = Files.createDirectory(fs.resolve("d"));
        assertEquals(java.util.List.of(), Xattrs.llist(d));
        Xattrs.lset(d, "trusted.empty", new byte[0]);
        assertArrayEquals(new byte[0], Xattrs.lget(d, "trusted.empty"));
    }

    @Test
    void trustedAttributeOnSymlinkItself() throws Exception {
        Path link = Files.createSymbolicLink(fs.resolve("l"), Path.of("/nonexistent"));
        Xattrs.lset(link, "trusted.x", new byte[] {1});
        assertArrayEquals(new byte[] {1}, Xattrs.lget(link, "trusted.x"));
    }
}
