package io.wharf.linux;

import static io.wharf.linux.internal.Syscalls.cpath;
import static io.wharf.linux.internal.Syscalls.cstring;
import static io.wharf.linux.internal.Syscalls.error;

import com.sun.jna.LastErrorException;
import io.wharf.linux.internal.Syscalls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** mount(2), umount2(2) and the mount table of this process ({@code /proc/self/mountinfo}). */
public final class Mounts {
    public static final long MS_RDONLY = 1L;
    public static final long MS_NOSUID = 2L;
    public static final long MS_NODEV = 4L;
    public static final long MS_NOEXEC = 8L;
    public static final long MS_SYNCHRONOUS = 16L;
    public static final long MS_REMOUNT = 32L;
    public static final long MS_MANDLOCK = 64L;
    public static final long MS_DIRSYNC = 128L;
    public static final long MS_NOSYMFOLLOW = 256L;
    public static final long MS_NOATIME = 1024L;
    public static final long MS_NODIRATIME = 2048L;
    public static final long MS_BIND = 4096L;
    public static final long MS_MOVE = 8192L;
    public static final long MS_REC = 16384L;
    public static final long MS_SILENT = 32768L;
    public static final long MS_POSIXACL = 1L << 16;
    public static final long MS_UNBINDABLE = 1L << 17;
    public static final long MS_PRIVATE = 1L << 18;
    public static final long MS_SLAVE = 1L << 19;
    public static final long MS_SHARED = 1L << 20;
    public static final long MS_RELATIME = 1L << 21;
    public static final long MS_STRICTATIME = 1L << 24;
    public static final long MS_LAZYTIME = 1L << 25;

    public static final int MNT_FORCE = 1;
    public static final int MNT_DETACH = 2;
    public static final int MNT_EXPIRE = 4;
    public static final int UMOUNT_NOFOLLOW = 8;

    private static final Path MOUNTINFO = Path.of("/proc/self/mountinfo");

    private Mounts() {}

    /**
     * mount(2). {@code source}, {@code fstype} and {@code data} may be null (e.g. for a remount or a
     * propagation change). The error message names source and target: {@code mount tmpfs on /x: ...}.
     */
    public static void mount(String source, Path target, String fstype, long flags, String data)
            throws LinuxException {
        try {
            Syscalls.libc().mount(source == null ? null : cstring(source), cpath(target),
                    fstype == null ? null : cstring(fstype), flags, data == null ? null : cstring(data));
        } catch (LastErrorException e) {
            throw error("mount " + (source == null ? "none" : source) + " on " + target, e);
        }
    }

    /** umount2(2) with {@code MNT_*} flags. */
    public static void umount2(Path target, int flags) throws LinuxException {
        try {
            Syscalls.libc().umount2(cpath(target), flags);
        } catch (LastErrorException e) {
            throw error("umount " + target, e);
        }
    }

    /** The parsed records of {@code /proc/self/mountinfo}, in the kernel's order (parents before children). */
    public static List<MountInfo> mountInfo() throws IOException {
        List<MountInfo> result = new ArrayList<>();
        for (String line : Files.readAllLines(MOUNTINFO, Syscalls.fileNames())) {
            if (!line.isBlank()) {
                result.add(MountInfo.parse(line));
            }
        }
        return result;
    }

    /**
     * Whether {@code path} (made absolute, symlinks resolved) is the mount point of some mount in this
     * process's mount namespace. Unlike comparing st_dev with the parent, this also sees bind mounts of a
     * directory onto itself.
     */
    public static boolean isMountPoint(Path path) throws IOException {
        Path real = path.toRealPath();
        for (MountInfo m : mountInfo()) {
            if (m.mountPoint().equals(real)) {
                return true;
            }
        }
        return false;
    }
}
