package io.wharf.network.host.internal;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * Sets {@code lo} up in the calling thread's network namespace with two ioctls, which saves spawning {@code ip}
 * for every container.
 */
final class Loopback {
    private static final int AF_INET = 2;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final long SIOCGIFFLAGS = 0x8913;
    private static final long SIOCSIFFLAGS = 0x8914;
    private static final int IFF_UP = 1;
    /** struct ifreq: a 16-byte name, then a union whose first member is the short ifr_flags. */
    private static final int IFREQ_SIZE = 40;
    private static final int FLAGS_OFFSET = 16;

    interface Calls extends Library {
        int socket(int domain, int type, int protocol) throws LastErrorException;

        int ioctl(int fd, long request, byte[] ifreq) throws LastErrorException;

        int close(int fd);
    }

    private final Calls calls;

    Loopback() {
        this.calls = Native.load("c", Calls.class);
    }

    /** Brings {@code lo} up in the network namespace of the calling thread. */
    void up() {
        int fd = calls.socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        try {
            byte[] ifreq = new byte[IFREQ_SIZE];
            ifreq[0] = 'l';
            ifreq[1] = 'o';
            calls.ioctl(fd, SIOCGIFFLAGS, ifreq);
            int flags = (ifreq[FLAGS_OFFSET] & 0xff) | (ifreq[FLAGS_OFFSET + 1] & 0xff) << 8;
            flags |= IFF_UP;
            ifreq[FLAGS_OFFSET] = (byte) flags;
            ifreq[FLAGS_OFFSET + 1] = (byte) (flags >> 8);
            calls.ioctl(fd, SIOCSIFFLAGS, ifreq);
        } finally {
            calls.close(fd);
        }
    }
}
