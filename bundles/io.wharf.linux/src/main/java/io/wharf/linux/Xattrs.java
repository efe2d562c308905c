package io.wharf.linux;

import static io.wharf.linux.internal.Syscalls.cpath;
import static io.wharf.linux.internal.Syscalls.error;

import com.sun.jna.LastErrorException;
import io.wharf.linux.internal.Syscalls;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Extended attributes of a file itself (the l* calls: a symlink is not followed). Values are raw bytes;
 * {@code trusted.*} and {@code security.*} need CAP_SYS_ADMIN.
 */
public final class Xattrs {
    public static final int XATTR_CREATE = 1;
    public static final int XATTR_REPLACE = 2;

    private Xattrs() {}

    /** lsetxattr(2) with flags 0 (create or replace). */
    public static void lset(Path path, String name, byte[] value) throws LinuxException {
        lset(path, name, value, 0);
    }

    public static void lset(Path path, String name, byte[] value, int flags) throws LinuxException {
        try {
            Syscalls.libc().lsetxattr(cpath(path), name, value, value.length, flags);
        } catch (LastErrorException e) {
            throw error("lsetxattr " + name + " " + path, e);
        }
    }

    /** lgetxattr(2): the value, or null when the attribute does not exist (ENODATA). */
    public static byte[] lget(Path path, String name) throws LinuxException {
        byte[] cpath = cpath(path);
        // The value may grow between the size query and the read: retry on ERANGE.
        for (int attempt = 0; ; attempt++) {
            try {
                long size = Syscalls.libc().lgetxattr(cpath, name, null, 0);
                byte[] buf = new byte[(int) size];
                long n = Syscalls.libc().lgetxattr(cpath, name, buf, buf.length);
                return n == buf.length ? buf : java.util.Arrays.copyOf(buf, (int) n);
            } catch (LastErrorException e) {
                if (e.getErrorCode() == Errno.ENODATA) {
                    return null;
                }
                if (e.getErrorCode() != Errno.ERANGE || attempt > 5) {
                    throw error("lgetxattr " + name + " " + path, e);
                }
            }
        }
    }

    /** llistxattr(2): the attribute names, in the file system's order. */
    public static List<String> llist(Path path) throws LinuxException {
        byte[] cpath = cpath(path);
        for (int attempt = 0; ; attempt++) {
            try {
                long size = Syscalls.libc().llistxattr(cpath, null, 0);
                List<String> names = new ArrayList<>();
                if (size == 0) {
                    return names;
                }
                byte[] buf = new byte[(int) size];
                int n = (int) Syscalls.libc().llistxattr(cpath, buf, buf.length);
                int start = 0;
                for (int i = 0; i < n; i++) {
                    if (buf[i] == 0) {
                        if (i > start) {
                            names.add(new String(buf, start, i - start, StandardCharsets.UTF_8));
                        }
                        start = i + 1;
                    }
                }
                return names;
            } catch (LastErrorException e) {
                if (e.getErrorCode() != Errno.ERANGE || attempt > 5) {
                    throw error("llistxattr " + path, e);
                }
            }
        }
    }

    /** lremovexattr(2); throws with errno ENODATA when the attribute does not exist. */
    public static void lremove(Path path, String name) throws LinuxException {
        try {
            Syscalls.libc().lremovexattr(cpath(path), name);
        } catch (LastErrorException e) {
            throw error("lremovexattr " + name + " " + path, e);
        }
    }
}
