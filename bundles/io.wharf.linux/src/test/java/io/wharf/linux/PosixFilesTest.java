package io.wharf.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PosixFilesTest {
    @TempDir
    Path dir;

    @Test
    void makedevRoundTripsLargeNumbers() {
        long dev = PosixFiles.makedev(259, 1048577);
        assertEquals(259, PosixFiles.major(dev));
        assertEquals(1048577, PosixFiles.minor(dev));
        assertEquals(0x0103L, PosixFiles.makedev(1, 3)); // /dev/null as ls shows it: 1, 3
    }

    @Test
    void createsA00CharDeviceLikeAnOverlayWhiteout() throws Exception {
        Path node = dir.resolve("wh");
        PosixFiles.mknod(node, PosixFiles.S_IFCHR | 0644, PosixFiles.makedev(0, 0));
        FileStat st = PosixFiles.lstat(node);
        assertTrue(st.isCharDevice());
        assertEquals(0, st.rdev());
        assertEquals(0, st.rdevMajor());
    }

    @Test
    void createsACharDeviceWithNumbers() throws Exception {
        Path node = dir.resolve("null");
        PosixFiles.mknod(node, PosixFiles.S_IFCHR | 0666, PosixFiles.makedev(1, 3));
        FileStat st = PosixFiles.lstat(node);
        assertEquals(1, st.rdevMajor());
        assertEquals(3, st.rdevMinor());
        assertEquals(Files.getAttribute(Path.of("/dev/null"), "unix:rdev"), st.rdev());
    }

    @Test
    void createsAFifo() throws Exception {
        Path fifo = dir.resolve("fifo");
        PosixFiles.mkfifo(fifo, 0600);
        assertEquals(PosixFiles.S_IFIFO, PosixFiles.lstat(fifo).type());
        assertTrue(Files.readAttributes(fifo, java.nio.file.attribute.BasicFileAttributes.class).isOther());
        LinuxException e = assertThrows(LinuxException.class, () -> PosixFiles.mkfifo(fifo, 0600));
        assertEquals(Errno.EEXIST, e.errno());
        assertEquals("mkfifo " + fifo + ": File exists", e.getMessage());
    }

    @Test
    void lstatDescribesTheSymlinkItselfAndUtimensatSetsItsMtime() throws Exception {
        Path target = Files.writeString(dir.resolve("target"), "hello");
        Path link = Files.createSymbolicLink(dir.resolve("link"), Path.of("target"));
        long mtime = 1_500_000_000_123_456_789L;
        PosixFiles.setMtimeNoFollow(link, mtime);
        PosixFiles.lchown(link, 1234, 5678);

        FileStat st = PosixFiles.lstat(link);
        assertTrue(st.isSymbolicLink());
        assertEquals("target".length(), st.size());
        assertEquals(mtime, st.mtimeNanos());
        assertEquals(1234, st.uid());
        assertEquals(5678, st.gid());
        assertEquals(1, st.nlink());
        assertEquals(Files.getAttribute(link, "unix:ino", LinkOption.NOFOLLOW_LINKS), st.ino());
        assertEquals(Files.getAttribute(link, "unix:dev", LinkOption.NOFOLLOW_LINKS), st.dev());

        FileStat t = PosixFiles.lstat(target);
        assertTrue(t.isRegularFile());
        assertEquals(0, t.uid()); // the target was not touched
        assertEquals(FileTime.from(mtime / 1000, TimeUnit.MICROSECONDS).toMillis(),
                Files.getLastModifiedTime(link, LinkOption.NOFOLLOW_LINKS).toMillis());
    }

    @Test
    void chmodSetsSpecialBits() throws Exception {
        Path f = Files.createFile(dir.resolve("f"));
        PosixFiles.chmod(f, 07755);
        assertEquals(07755, PosixFiles.lstat(f).permissions());
    }

    @Test
    void umaskReturnsThePreviousMask() {
        int old = PosixFiles.umask(027);
        try {
            assertEquals(027, PosixFiles.umask(027));
        } finally {
            PosixFiles.umask(old);
        }
    }

    @Test
    void lstatOfMissingFileIsEnoent() {
        Path missing = dir.resolve("missing");
        LinuxException e = assertThrows(LinuxException.class, () -> PosixFiles.lstat(missing));
        assertEquals(Errno.ENOENT, e.errno());
        assertEquals("lstat " + missing + ": No such file or directory", e.getMessage());
    }
}
