package io.wharf.linux;

import com.sun.jna.LastErrorException;
import io.wharf.linux.internal.LibC;
import io.wharf.linux.internal.Syscalls;
import java.io.ByteArrayOutputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An rtnetlink socket: creates veth pairs and sets links up, adds addresses and routes, in the network
 * namespace the socket was opened in. One request at a time, each acknowledged by the kernel; a refusal throws
 * {@link LinuxException} with the kernel's errno. What {@code ip link/addr/route} do, without a process each.
 */
public final class RouteNetlink implements AutoCloseable {
    private static final int AF_NETLINK = 16;
    private static final int SOCK_RAW = 3;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int NETLINK_ROUTE = 0;
    private static final int O_RDONLY = 0;
    private static final int O_CLOEXEC = 0x80000;

    private static final short NLMSG_ERROR = 2;
    private static final short RTM_NEWLINK = 16;
    private static final short RTM_DELLINK = 17;
    private static final short RTM_GETLINK = 18;
    private static final short RTM_NEWADDR = 20;
    private static final short RTM_NEWROUTE = 24;
    private static final short NLM_F_REQUEST = 0x1;
    private static final short NLM_F_ACK = 0x4;
    private static final short NLM_F_EXCL = 0x200;
    private static final short NLM_F_CREATE = 0x400;

    private static final short IFLA_ADDRESS = 1;
    private static final short IFLA_IFNAME = 3;
    private static final short IFLA_MTU = 4;
    private static final short IFLA_MASTER = 10;
    private static final short IFLA_LINKINFO = 18;
    private static final short IFLA_NET_NS_FD = 28;
    private static final short IFLA_INFO_KIND = 1;
    private static final short IFLA_INFO_DATA = 2;
    private static final short VETH_INFO_PEER = 1;
    private static final int IFF_UP = 0x1;

    private static final short IFA_ADDRESS = 1;
    private static final short IFA_LOCAL = 2;
    private static final int IFA_F_NODAD = 0x02;
    private static final short RTA_OIF = 4;
    private static final short RTA_GATEWAY = 5;
    private static final byte AF_INET = 2;
    private static final byte AF_INET6 = 10;
    private static final byte RT_TABLE_MAIN = (byte) 254;
    private static final byte RTPROT_BOOT = 3;
    private static final byte RTN_UNICAST = 1;

    private final int fd;
    private int sequence;
    private final byte[] reply = new byte[16384];

    private RouteNetlink(int fd) {
        this.fd = fd;
    }

    /** A socket in the calling thread's network namespace. */
    public static RouteNetlink open() throws LinuxException {
        try {
            return new RouteNetlink(Syscalls.libc().socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE));
        } catch (LastErrorException e) {
            throw Syscalls.error("netlink socket", e);
        }
    }

    /**
     * A socket in the network namespace of {@code netnsFile} (such as a container's bind-mounted namespace). A
     * socket stays in the namespace it was created in, so a short-lived thread joins the namespace, opens it
     * and ends; no thread of the caller's ever changes namespace.
     */
    public static RouteNetlink openIn(Path netnsFile) throws LinuxException {
        AtomicReference<Object> result = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                Namespaces.setns(netnsFile, Namespaces.CLONE_NEWNET);
                result.set(open());
            } catch (LinuxException | RuntimeException e) {
                result.set(e);
            }
        }, "wharf-netns-socket");
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LinuxException(Errno.EINTR, "interrupted while opening a netlink socket in " + netnsFile);
        }
        Object r = result.get();
        if (r instanceof RouteNetlink n) {
            return n;
        }
        if (r instanceof LinuxException e) {
            throw e;
        }
        throw (RuntimeException) r;
    }

    /** The index of the link {@code name} in this socket's namespace. */
    public int linkIndex(String name) throws LinuxException {
        Message m = new Message(RTM_GETLINK, NLM_F_REQUEST);
        m.ifinfo((byte) 0, 0, 0, 0);
        m.attr(IFLA_IFNAME, cstring(name));
        ByteBuffer r = exchange(m, "find link " + name);
        // the reply is an RTM_NEWLINK: nlmsghdr, then ifinfomsg with the index at offset 4
        return r.getInt(16 + 4);
    }

    /**
     * Creates a veth pair: {@code name} here, enslaved to {@code masterIndex} (0 for none) and up, and its
     * peer {@code peerName} with {@code peerMac} (null for a random one) in the namespace of {@code peerNetns}.
     * {@code mtu} 0 keeps the kernel's default.
     */
    public void addVethPair(String name, int masterIndex, int mtu, String peerName, byte[] peerMac, Path peerNetns)
            throws LinuxException {
        int nsFd;
        try {
            nsFd = Syscalls.libc().open(Syscalls.cpath(peerNetns), O_RDONLY | O_CLOEXEC);
        } catch (LastErrorException e) {
            throw Syscalls.error("open " + peerNetns, e);
        }
        try {
            Message m = new Message(RTM_NEWLINK, (short) (NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL));
            m.ifinfo((byte) 0, 0, IFF_UP, IFF_UP);
            m.attr(IFLA_IFNAME, cstring(name));
            if (mtu > 0) {
                m.attr(IFLA_MTU, u32(mtu));
            }
            if (masterIndex > 0) {
                m.attr(IFLA_MASTER, u32(masterIndex));
            }
            int linkInfo = m.begin(IFLA_LINKINFO);
            m.attr(IFLA_INFO_KIND, cstring("veth"));
            int data = m.begin(IFLA_INFO_DATA);
            int peer = m.begin(VETH_INFO_PEER);
            m.ifinfo((byte) 0, 0, 0, 0);
            m.attr(IFLA_IFNAME, cstring(peerName));
            if (peerMac != null) {
                m.attr(IFLA_ADDRESS, peerMac);
            }
            if (mtu > 0) {
                m.attr(IFLA_MTU, u32(mtu));
            }
            m.attr(IFLA_NET_NS_FD, u32(nsFd));
            m.end(peer);
            m.end(data);
            m.end(linkInfo);
            exchange(m, "create veth pair " + name + "/" + peerName);
        } finally {
            Syscalls.libc().close(nsFd);
        }
    }

    /** Sets the link up. */
    public void setUp(int index) throws LinuxException {
        Message m = new Message(RTM_NEWLINK, (short) (NLM_F_REQUEST | NLM_F_ACK));
        m.ifinfo((byte) 0, index, IFF_UP, IFF_UP);
        exchange(m, "set link " + index + " up");
    }

    /** Deletes the link. */
    public void deleteLink(int index) throws LinuxException {
        Message m = new Message(RTM_DELLINK, (short) (NLM_F_REQUEST | NLM_F_ACK));
        m.ifinfo((byte) 0, index, 0, 0);
        exchange(m, "delete link " + index);
    }

    /** Adds {@code address/prefix} to the link; IPv6 addresses skip duplicate address detection when asked. */
    public void addAddress(int index, InetAddress address, int prefix, boolean noDad) throws LinuxException {
        boolean v6 = address instanceof Inet6Address;
        Message m = new Message(RTM_NEWADDR, (short) (NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL));
        m.bytes(v6 ? AF_INET6 : AF_INET, (byte) prefix, (byte) (noDad && v6 ? IFA_F_NODAD : 0), (byte) 0);
        m.int32(index);
        m.attr(IFA_LOCAL, address.getAddress());
        m.attr(IFA_ADDRESS, address.getAddress());
        exchange(m, "add address " + address.getHostAddress() + "/" + prefix);
    }

    /** Adds the default route through {@code gateway} on the link. */
    public void addDefaultRoute(InetAddress gateway, int index) throws LinuxException {
        boolean v6 = gateway instanceof Inet6Address;
        Message m = new Message(RTM_NEWROUTE, (short) (NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL));
        m.bytes(v6 ? AF_INET6 : AF_INET, (byte) 0, (byte) 0, (byte) 0, RT_TABLE_MAIN, RTPROT_BOOT, (byte) 0,
                RTN_UNICAST);
        m.int32(0);
        m.attr(RTA_GATEWAY, gateway.getAddress());
        m.attr(RTA_OIF, u32(index));
        exchange(m, "add default route via " + gateway.getHostAddress());
    }

    @Override
    public void close() {
        Syscalls.libc().close(fd);
    }

    /** Sends the request and reads until its answer: the data reply, or the acknowledgement (or refusal). */
    private ByteBuffer exchange(Message m, String what) throws LinuxException {
        int seq = ++sequence;
        byte[] request = m.finish(seq);
        LibC libc = Syscalls.libc();
        try {
            libc.send(fd, request, request.length, 0);
            while (true) {
                long n = libc.recv(fd, reply, reply.length, 0);
                ByteBuffer b = ByteBuffer.wrap(reply, 0, (int) n).order(ByteOrder.nativeOrder());
                for (int at = 0; at + 16 <= n;) {
                    int len = b.getInt(at);
                    short type = b.getShort(at + 4);
                    int replySeq = b.getInt(at + 8);
                    if (len < 16) {
                        break;
                    }
                    if (replySeq == seq) {
                        if (type == NLMSG_ERROR) {
                            int error = b.getInt(at + 16);
                            if (error == 0) {
                                return b;
                            }
                            throw new LinuxException(-error, what + ": " + Syscalls.strerror(-error));
                        }
                        return ByteBuffer.wrap(reply, at, len).slice().order(ByteOrder.nativeOrder());
                    }
                    at += (len + 3) & ~3;
                }
            }
        } catch (LastErrorException e) {
            throw Syscalls.error(what, e);
        }
    }

    private static byte[] cstring(String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[b.length + 1];
        System.arraycopy(b, 0, out, 0, b.length);
        return out;
    }

    private static byte[] u32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(v).array();
    }

    /** A netlink message being built: the 16-byte header is written last, when the length is known. */
    private static final class Message {
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        /** Nested attributes: where each header is and its length, filled in by {@link #finish}. */
        private final java.util.List<int[]> nested = new java.util.ArrayList<>();
        private final short type;
        private final short flags;

        Message(short type, short flags) {
            this.type = type;
            this.flags = flags;
        }

        void bytes(byte... b) {
            body.writeBytes(b);
        }

        void int32(int v) {
            body.writeBytes(u32(v));
        }

        /** struct ifinfomsg: family, pad, type, index, flags, change. */
        void ifinfo(byte family, int index, int ifFlags, int change) {
            bytes(family, (byte) 0, (byte) 0, (byte) 0);
            int32(index);
            int32(ifFlags);
            int32(change);
        }

        void attr(short attrType, byte[] value) {
            attrHeader(4 + value.length, attrType);
            body.writeBytes(value);
            pad();
        }

        /** Opens a nested attribute; returns where its header is, for {@link #end}. */
        int begin(short attrType) {
            int at = body.size();
            attrHeader(0, attrType);
            return at;
        }

        /** struct rtattr: length, type. */
        private void attrHeader(int len, short attrType) {
            body.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putShort((short) len)
                    .putShort(attrType).array());
        }

        void end(int at) {
            nested.add(new int[] {at, body.size() - at});
        }

        private void pad() {
            while (body.size() % 4 != 0) {
                body.write(0);
            }
        }

        byte[] finish(int seq) {
            byte[] payload = body.toByteArray();
            ByteBuffer p = ByteBuffer.wrap(payload).order(ByteOrder.nativeOrder());
            for (int[] n : nested) {
                p.putShort(n[0], (short) n[1]);
            }
            ByteBuffer b = ByteBuffer.allocate(16 + payload.length).order(ByteOrder.nativeOrder());
            b.putInt(16 + payload.length).putShort(type).putShort(flags).putInt(seq).putInt(0).put(payload);
            return b.array();
        }
    }
}
