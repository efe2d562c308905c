package io.wharf.linux;

import static io.wharf.linux.internal.Syscalls.cpath;
import static io.wharf.linux.internal.Syscalls.error;

import com.sun.jna.LastErrorException;
import io.wharf.linux.internal.Syscalls;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * File operations the JDK lacks or cannot do on a symlink itself: device nodes and fifos, the full mode
 * (setuid, setgid, sticky), ownership and times of a symlink, lstat with device numbers and nanosecond
 * mtime, statfs, umask.
 */
public final class PosixFiles {
    public static final int S_IFMT = 0170000;
    public static final int S_IFSOCK = 0140000;
    public static final int S_IFLNK = 0120000;
    public static final int S_IFREG = 0100000;
    public static final int S_IFBLK = 0060000;
    public static final int S_IFDIR = 0040000;
    public static final int S_IFCHR = 0020000;
    public static final int S_IFIFO = 0010000;
    public static final int S_ISUID = 04000;
    public static final int S_ISGID = 02000;
    public static final int S_ISVTX = 01000;

    public static final int AT_FDCWD = -100;
    public static final int AT_SYMLINK_NOFOLLOW = 0x100;
    /** Pass as a time to {@link #utimensat} to leave that time unchanged (UTIME_OMIT). */
    public static final long TIME_OMIT = Long.MIN_VALUE;

    private static final long UTIME_OMIT = (1L << 30) - 2;
    private static final int STATX_BASIC_STATS = 0x7ff;
    private static final int STATX_SIZE = 256;
    private static final int STATFS_SIZE = 256;

    private PosixFiles() {}

    /** The device number of major:minor, encoded as glibc's makedev(3) does. */
    public static long makedev(int major, int minor) {
        long ma = major & 0xffffffffL;
        long mi = minor & 0xffffffffL;
        return ((ma & 0x00000fffL) << 8) | ((ma & 0xfffff000L) << 32) | (mi & 0x000000ffL)
                | ((mi & 0xffffff00L) << 12);
    }

    public static int major(long dev) {
        return (int) (((dev >>> 8) & 0xfffL) | ((dev >>> 32) & 0xfffff000L));
    }

    public static int minor(long dev) {
        return (int) ((dev & 0xffL) | ((dev >>> 12) & 0xffffff00L));
    }

    /**
     * mknod(2): {@code mode} is the file type ({@link #S_IFCHR}, {@link #S_IFBLK}, {@link #S_IFIFO},
     * {@link #S_IFREG}) or'ed with the permissions, which the process umask reduces.
     */
    public static void mknod(Path path, int mode, long dev) throws LinuxException {
        try {
            Syscalls.libc().mknod(cpath(path), mode, dev);
        } catch (LastErrorException e) {
            throw error("mknod " + path, e);
        }
    }

    /** mkfifo(3); the process umask reduces {@code mode}. */
    public static void mkfifo(Path path, int mode) throws LinuxException {
        try {
            Syscalls.libc().mkfifo(cpath(path), mode);
        } catch (LastErrorException e) {
            throw error("mkfifo " + path, e);
        }
    }

    /**
     * chmod(2) with all twelve permission bits, which {@code Files.setPosixFilePermissions} cannot set.
     * Follows symlinks (Linux cannot change a symlink's mode); callers must not pass one.
     */
    public static void chmod(Path path, int mode) throws LinuxException {
        try {
            Syscalls.libc().chmod(cpath(path), mode & 07777);
        } catch (LastErrorException e) {
            throw error("chmod " + path, e);
        }
    }

    /** lchown(2): changes the owner of the file itself, a symlink included. -1 leaves a value unchanged. */
    public static void lchown(Path path, int uid, int gid) throws LinuxException {
        try {
            Syscalls.libc().lchown(cpath(path), uid, gid);
        } catch (LastErrorException e) {
            throw error("lchown " + path, e);
        }
    }

    /**
     * utimensat(2) relative to the working directory: sets access and modification times in nanoseconds
     * since the epoch ({@link #TIME_OMIT} leaves one unchanged). With {@link #AT_SYMLINK_NOFOLLOW} the times
     * of a symlink itself are set.
     */
    public static void utimensat(Path path, long atimeNanos, long mtimeNanos, int flags) throws LinuxException {
        long[] times = new long[4];
        timespec(times, 0, atimeNanos);
        timespec(times, 2, mtimeNanos);
        try {
            Syscalls.libc().utimensat(AT_FDCWD, cpath(path), times, flags);
        } catch (LastErrorException e) {
            throw error("utimensat " + path, e);
        }
    }

    /** Sets the modification (and access) time of the file itself, not following a symlink. */
    public static void setMtimeNoFollow(Path path, long mtimeNanos) throws LinuxException {
        utimensat(path, mtimeNanos, mtimeNanos, AT_SYMLINK_NOFOLLOW);
    }

    /** lstat(2): the attributes of the file itself; a symlink is not followed. */
    public static FileStat lstat(Path path) throws LinuxException {
        // statx has the same layout on every architecture, unlike struct stat.
        byte[] buf = new byte[STATX_SIZE];
        try {
            Syscalls.libc().statx(AT_FDCWD, cpath(path), AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS, buf);
        } catch (LastErrorException e) {
            throw error("lstat " + path, e);
        }
        ByteBuffer b = ByteBuffer.wrap(buf).order(ByteOrder.nativeOrder());
        long nlink = b.getInt(16) & 0xffffffffL;
        int uid = b.getInt(20);
        int gid = b.getInt(24);
        int mode = b.getShort(28) & 0xffff;
        long ino = b.getLong(32);
        long size = b.getLong(40);
        long mtime = b.getLong(112) * 1_000_000_000L + (b.getInt(120) & 0xffffffffL);
        long rdev = makedev(b.getInt(128), b.getInt(132));
        long dev = makedev(b.getInt(136), b.getInt(140));
        return new FileStat(mode, uid, gid, rdev, nlink, ino, dev, size, mtime);
    }

    /** statfs(2) of the file system holding {@code path}. */
    public static FsStat statfs(Path path) throws LinuxException {
        byte[] buf = new byte[STATFS_SIZE];
        try {
            Syscalls.libc().statfs(cpath(path), buf);
        } catch (LastErrorException e) {
            throw error("statfs " + path, e);
        }
        // struct statfs of 64-bit Linux: nine words then f_fsid, f_namelen, f_frsize, f_flags.
        ByteBuffer b = ByteBuffer.wrap(buf).order(ByteOrder.nativeOrder());
        return new FsStat(b.getLong(0), b.getLong(8), b.getLong(16), b.getLong(24), b.getLong(32), b.getLong(40),
                b.getLong(48), b.getLong(64), b.getLong(80));
    }

    /** umask(2): sets the process umask and returns the previous one. */
    public static int umask(int mask) {
        return Syscalls.libc().umask(mask & 0777);
    }

    private static void timespec(long[] times, int at, long nanos) {
        if (nanos == TIME_OMIT) {
            times[at] = 0;
            times[at + 1] = UTIME_OMIT;
        } else {
            times[at] = Math.floorDiv(nanos, 1_000_000_000L);
            times[at + 1] = Math.floorMod(nanos, 1_000_000_000L);
        }
    }

}
