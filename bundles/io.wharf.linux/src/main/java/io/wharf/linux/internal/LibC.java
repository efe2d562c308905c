package io.wharf.linux.internal;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * The libc functions Wharf needs that the JDK lacks. Paths are passed as NUL-terminated byte arrays so that
 * file names are encoded exactly as the JDK encodes them, not by JNA's own string encoding. Every function
 * that sets errno declares {@link LastErrorException}, which JNA raises with the errno captured right after
 * the call (before the JVM can clobber it).
 */
public interface LibC extends Library {
    /** The library handle: the only static state of the bundle, immutable once loaded. */
    LibC INSTANCE = Native.load("c", LibC.class);

    int mount(byte[] source, byte[] target, byte[] fstype, long flags, byte[] data) throws LastErrorException;

    int umount2(byte[] target, int flags) throws LastErrorException;

    int mknod(byte[] path, int mode, long dev) throws LastErrorException;

    int mkfifo(byte[] path, int mode) throws LastErrorException;

    int chmod(byte[] path, int mode) throws LastErrorException;

    int lchown(byte[] path, int uid, int gid) throws LastErrorException;

    int utimensat(int dirfd, byte[] path, long[] times, int flags) throws LastErrorException;

    int statx(int dirfd, byte[] path, int flags, int mask, byte[] statxbuf) throws LastErrorException;

    int statfs(byte[] path, byte[] buf) throws LastErrorException;

    int lsetxattr(byte[] path, String name, byte[] value, long size, int flags) throws LastErrorException;

    long lgetxattr(byte[] path, String name, byte[] value, long size) throws LastErrorException;

    long llistxattr(byte[] path, byte[] list, long size) throws LastErrorException;

    int lremovexattr(byte[] path, String name) throws LastErrorException;

    int setns(int fd, int nstype) throws LastErrorException;

    int unshare(int flags) throws LastErrorException;

    int open(byte[] path, int flags) throws LastErrorException;

    int close(int fd) throws LastErrorException;

    int getuid();

    int geteuid();

    int getpid();

    int kill(int pid, int sig) throws LastErrorException;

    int umask(int mask);

    int socket(int domain, int type, int protocol) throws LastErrorException;

    long send(int fd, byte[] buffer, long length, int flags) throws LastErrorException;

    long recv(int fd, byte[] buffer, long length, int flags) throws LastErrorException;

    Pointer strerror(int errnum);
}
