package io.wharf.runtime.oci.internal;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * The few C library calls this driver needs and the JDK lacks: SOCK_SEQPACKET sockets and FIFOs opened without
 * blocking. size_t and
 * ssize_t are {@code long} on the 64-bit hosts we run on.
 */
interface LibC extends Library {
    LibC INSTANCE = Native.load("c", LibC.class);

    int socket(int domain, int type, int protocol) throws LastErrorException;

    int connect(int fd, byte[] address, int length) throws LastErrorException;

    long recv(int fd, byte[] buffer, long length, int flags) throws LastErrorException;

    long send(int fd, byte[] buffer, long length, int flags) throws LastErrorException;

    int shutdown(int fd, int how) throws LastErrorException;

    int open(String path, int flags) throws LastErrorException;

    int close(int fd) throws LastErrorException;

    int mkfifo(String path, int mode) throws LastErrorException;

    long read(int fd, byte[] buffer, long length) throws LastErrorException;

    /** {@code fds} holds {@code struct pollfd}s, two ints each: the descriptor, then events and revents. */
    int poll(int[] fds, long count, int timeoutMillis) throws LastErrorException;
}
