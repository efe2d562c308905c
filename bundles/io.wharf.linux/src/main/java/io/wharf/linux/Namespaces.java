package io.wharf.linux;

import static io.wharf.linux.internal.Syscalls.cpath;
import static io.wharf.linux.internal.Syscalls.error;

import com.sun.jna.LastErrorException;
import io.wharf.linux.internal.Syscalls;
import java.nio.file.Path;

/**
 * setns(2) and unshare(2). In a JVM these change only the calling thread (mount and user namespaces may
 * refuse a multithreaded process), so run such work on a dedicated thread and never return it to a pool.
 */
public final class Namespaces {
    public static final int CLONE_NEWNS = 0x00020000;
    public static final int CLONE_NEWCGROUP = 0x02000000;
    public static final int CLONE_NEWUTS = 0x04000000;
    public static final int CLONE_NEWIPC = 0x08000000;
    public static final int CLONE_NEWUSER = 0x10000000;
    public static final int CLONE_NEWPID = 0x20000000;
    public static final int CLONE_NEWNET = 0x40000000;
    public static final int CLONE_NEWTIME = 0x00000080;
    public static final int CLONE_FS = 0x00000200;
    public static final int CLONE_FILES = 0x00000400;

    private static final int O_RDONLY = 0;
    private static final int O_CLOEXEC = 0x80000;

    private Namespaces() {}

    /** setns(2) on an open namespace file descriptor; {@code nstype} 0 accepts any kind. */
    public static void setns(int fd, int nstype) throws LinuxException {
        try {
            Syscalls.libc().setns(fd, nstype);
        } catch (LastErrorException e) {
            throw error("setns fd " + fd, e);
        }
    }

    /** Opens a namespace file such as {@code /proc/<pid>/ns/net}, joins it and closes it again. */
    public static void setns(Path nsFile, int nstype) throws LinuxException {
        int fd;
        try {
            fd = Syscalls.libc().open(cpath(nsFile), O_RDONLY | O_CLOEXEC);
        } catch (LastErrorException e) {
            throw error("open " + nsFile, e);
        }
        try {
            Syscalls.libc().setns(fd, nstype);
        } catch (LastErrorException e) {
            throw error("setns " + nsFile, e);
        } finally {
            Syscalls.libc().close(fd);
        }
    }

    /** unshare(2) with {@code CLONE_*} flags. */
    public static void unshare(int flags) throws LinuxException {
        try {
            Syscalls.libc().unshare(flags);
        } catch (LastErrorException e) {
            throw error("unshare 0x" + Integer.toHexString(flags), e);
        }
    }
}
