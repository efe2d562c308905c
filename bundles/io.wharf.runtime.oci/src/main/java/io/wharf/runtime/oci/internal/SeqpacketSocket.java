package io.wharf.runtime.oci.internal;

import com.sun.jna.LastErrorException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A client of a Unix SOCK_SEQPACKET socket, the kind conmon's attach socket is. The JDK speaks only stream
 * sockets on Unix addresses, hence the few C calls. The directory is opened with O_PATH and the socket reached
 * through {@code /proc/self/fd/N/name}, so that long bundle paths stay within sun_path's 108 bytes.
 */
final class SeqpacketSocket implements AutoCloseable {
    private static final int AF_UNIX = 1;
    private static final int SOCK_SEQPACKET = 5;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int O_PATH = 0x200000;
    private static final int O_CLOEXEC = 0x80000;
    private static final int SHUT_WR = 1;
    private static final int SHUT_RDWR = 2;
    private static final int MSG_NOSIGNAL = 0x4000;

    private final int fd;
    private volatile boolean closed;
    /** The descriptor is closed: its number may belong to another file now, so it must not be touched. */
    private volatile boolean released;

    private SeqpacketSocket(int fd) {
        this.fd = fd;
    }

    static SeqpacketSocket connect(Path socket) throws IOException {
        LibC libc = LibC.INSTANCE;
        int dir;
        try {
            dir = libc.open(socket.getParent().toString(), O_PATH | O_CLOEXEC);
        } catch (LastErrorException e) {
            throw new IOException("cannot open " + socket.getParent() + ": errno " + e.getErrorCode());
        }
        int fd = -1;
        try {
            fd = libc.socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
            byte[] path = ("/proc/self/fd/" + dir + "/" + socket.getFileName()).getBytes(StandardCharsets.UTF_8);
            byte[] address = new byte[2 + path.length + 1];
            address[0] = (byte) AF_UNIX; // sun_family, little-endian
            System.arraycopy(path, 0, address, 2, path.length);
            libc.connect(fd, address, address.length);
            return new SeqpacketSocket(fd);
        } catch (LastErrorException e) {
            if (fd >= 0) {
                libc.close(fd);
            }
            throw new IOException("cannot connect to " + socket + ": errno " + e.getErrorCode());
        } finally {
            libc.close(dir);
        }
    }

    /** Receives one packet into {@code buffer}; returns its length, or -1 at the end. */
    int receive(byte[] buffer) throws IOException {
        try {
            long n = LibC.INSTANCE.recv(fd, buffer, buffer.length, 0);
            return n <= 0 ? -1 : (int) n;
        } catch (LastErrorException e) {
            if (closed) {
                return -1;
            }
            throw new IOException("attach socket: errno " + e.getErrorCode());
        }
    }

    void send(byte[] data, int offset, int length) throws IOException {
        if (released) {
            throw new IOException("attach socket closed");
        }
        byte[] packet = offset == 0 && length == data.length ? data : java.util.Arrays.copyOfRange(data, offset,
                offset + length);
        try {
            LibC.INSTANCE.send(fd, packet, packet.length, MSG_NOSIGNAL);
        } catch (LastErrorException e) {
            throw new IOException("attach socket: errno " + e.getErrorCode());
        }
    }

    /** Tells conmon we are done writing: it closes the container's stdin unless told to leave it open. */
    synchronized void shutdownOutput() {
        if (released) {
            return;
        }
        try {
            LibC.INSTANCE.shutdown(fd, SHUT_WR);
        } catch (LastErrorException e) {
            // already shut down
        }
    }

    /** Wakes a blocked {@link #receive}; the descriptor is released by {@link #close}. */
    synchronized void shutdown() {
        closed = true;
        if (released) {
            return;
        }
        try {
            LibC.INSTANCE.shutdown(fd, SHUT_RDWR);
        } catch (LastErrorException e) {
            // the peer is gone already
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (released) {
            return;
        }
        released = true;
        try {
            LibC.INSTANCE.close(fd);
        } catch (LastErrorException e) {
            // nothing more to release
        }
    }
}
