package io.wharf.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MountsTest {
    @TempDir
    Path dir;

    private Path mounted;

    @AfterEach
    void cleanUp() {
        if (mounted != null) {
            try {
                Mounts.umount2(mounted, Mounts.MNT_DETACH);
            } catch (LinuxException e) {
                // already unmounted by the test
            }
        }
    }

    @Test
    void mountsAndUnmountsTmpfs() throws Exception {
        Path target = Files.createDirectory(dir.resolve("mnt"));
        assertFalse(Mounts.isMountPoint(target));

        Mounts.mount("tmpfs", target, "tmpfs", Mounts.MS_NODEV | Mounts.MS_NOSUID, "size=4m,mode=0755");
        mounted = target;

        assertTrue(Mounts.isMountPoint(target));
        assertEquals(FsStat.TMPFS_MAGIC, PosixFiles.statfs(target).type());
        Path real = target.toRealPath();
        MountInfo info = Mounts.mountInfo().stream().filter(m -> m.mountPoint().equals(real))
                .findFirst().orElseThrow();
        assertEquals("tmpfs", info.fsType());
        assertEquals("tmpfs", info.source());
        assertTrue(info.mountOptions().contains("nodev"), info.mountOptions());
        Files.writeString(target.resolve("f"), "x");

        Mounts.umount2(target, 0);
        mounted = null;
        assertFalse(Mounts.isMountPoint(target));
        assertFalse(Files.exists(target.resolve("f")));
    }

    @Test
    void failedMountCarriesErrnoAndNamesBothPaths() {
        Path missing = dir.resolve("missing");
        LinuxException e = assertThrows(LinuxException.class,
                () -> Mounts.mount("tmpfs", missing, "tmpfs", 0, null));
        assertEquals(Errno.ENOENT, e.errno());
        assertEquals("mount tmpfs on " + missing + ": No such file or directory", e.getMessage());
    }

    @Test
    void unmountingAPlainDirectoryIsEinval() {
        LinuxException e = assertThrows(LinuxException.class, () -> Mounts.umount2(dir, 0));
        assertEquals(Errno.EINVAL, e.errno());
        assertEquals("umount " + dir + ": Invalid argument", e.getMessage());
    }

    @Test
    void parsesMountinfoLinesWithEscapes() {
        MountInfo m = MountInfo.parse("36 35 98:0 /mnt1 /mnt\\040two rw,noatime master:1 shared:2 - ext3 /dev/root"
                + " rw,errors=continue");
        assertEquals(36, m.mountId());
        assertEquals(35, m.parentId());
        assertEquals(98, m.major());
        assertEquals(0, m.minor());
        assertEquals("/mnt1", m.root());
        assertEquals(Path.of("/mnt two"), m.mountPoint());
        assertEquals(List.of("master:1", "shared:2"), m.optionalFields());
        assertEquals("ext3", m.fsType());
        assertEquals("/dev/root", m.source());
        assertEquals("rw,errors=continue", m.superOptions());
    }

    @Test
    void rootIsAMountPoint() throws Exception {
        assertTrue(Mounts.isMountPoint(Path.of("/")));
        assertFalse(Mounts.mountInfo().isEmpty());
    }
}
