package io.wharf.network.bridge.internal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;

/**
 * One network's DNS server, on the bridge's gateway address, port 53, UDP and TCP, in the host's network
 * namespace. Names registered on the network are answered here; every other query is relayed as raw bytes to the
 * upstream resolvers chosen for the client that asked (its own {@code --dns} servers or the host's), which the
 * server can reach even when they are loopback addresses the containers cannot.
 */
final class DnsServer implements AutoCloseable {
    private static final int TTL = 600;
    private static final int UPSTREAM_TIMEOUT_MS = 2000;
    private static final int TCP_IDLE_MS = 10_000;
    private static final int MAX_UDP = 4096;

    /** Answers a client's question from the network's own names; null means "not ours, forward it". */
    interface Lookup {
        List<byte[]> answer(InetAddress client, DnsMessage.Question question);
    }

    private final DatagramSocket udp;
    private final ServerSocket tcp;
    private final Lookup lookup;
    private final Function<InetAddress, List<InetSocketAddress>> upstreams;
    private final ExecutorService workers;
    private volatile boolean closed;

    DnsServer(InetSocketAddress address, Lookup lookup, Function<InetAddress, List<InetSocketAddress>> upstreams,
            ExecutorService workers) throws IOException {
        this.lookup = lookup;
        this.upstreams = upstreams;
        this.workers = workers;
        this.udp = new DatagramSocket(null);
        try {
            udp.setReuseAddress(true);
            udp.bind(address);
            this.tcp = new ServerSocket();
            tcp.setReuseAddress(true);
            tcp.bind(address, 64);
        } catch (IOException e) {
            udp.close();
            throw e;
        }
        String name = "wharf-dns-" + address.getAddress().getHostAddress();
        Thread u = new Thread(this::serveUdp, name + "-udp");
        u.setDaemon(true);
        u.start();
        Thread t = new Thread(this::serveTcp, name + "-tcp");
        t.setDaemon(true);
        t.start();
    }

    InetSocketAddress address() {
        return (InetSocketAddress) udp.getLocalSocketAddress();
    }

    @Override
    public void close() {
        closed = true;
        udp.close();
        try {
            tcp.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    private void serveUdp() {
        byte[] buf = new byte[MAX_UDP];
        while (!closed) {
            DatagramPacket packet = new DatagramPacket(buf, buf.length);
            try {
                udp.receive(packet);
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                continue;
            }
            byte[] query = Arrays.copyOf(packet.getData(), packet.getLength());
            InetSocketAddress client = (InetSocketAddress) packet.getSocketAddress();
            byte[] local = answerLocally(client.getAddress(), query);
            if (local != null) {
                send(local, client);
                continue;
            }
            submit(() -> {
                byte[] reply = forward(client.getAddress(), query);
                send(reply, client);
            });
        }
    }

    private void serveTcp() {
        while (!closed) {
            Socket socket;
            try {
                socket = tcp.accept();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                continue;
            }
            submit(() -> serveConnection(socket));
        }
    }

    private void serveConnection(Socket socket) {
        try (socket) {
            socket.setSoTimeout(TCP_IDLE_MS);
            DataInputStream in = new DataInputStream(socket.getInputStream());
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            while (true) {
                int length;
                try {
                    length = in.readUnsignedShort();
                } catch (IOException e) {
                    return;
                }
                byte[] query = new byte[length];
                in.readFully(query);
                byte[] reply = answerLocally(socket.getInetAddress(), query);
                if (reply == null) {
                    reply = forward(socket.getInetAddress(), query);
                }
                out.writeShort(reply.length);
                out.write(reply);
                out.flush();
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private byte[] answerLocally(InetAddress client, byte[] query) {
        DnsMessage.Question q = DnsMessage.question(query, query.length);
        if (q == null) {
            return null;
        }
        List<byte[]> answers = lookup.answer(client, q);
        if (answers == null) {
            return null;
        }
        int type = q.type() == DnsMessage.TYPE_PTR ? DnsMessage.TYPE_PTR : q.type();
        return DnsMessage.response(query, q, DnsMessage.RCODE_OK, type, TTL, answers);
    }

    /** Relays the query to each upstream in turn; SERVFAIL when none answers. */
    private byte[] forward(InetAddress client, byte[] query) {
        for (InetSocketAddress upstream : upstreams.apply(client)) {
            try (DatagramSocket socket = new DatagramSocket()) {
                socket.setSoTimeout(UPSTREAM_TIMEOUT_MS);
                socket.send(new DatagramPacket(query, query.length, upstream));
                byte[] buf = new byte[MAX_UDP];
                long deadline = System.nanoTime() + UPSTREAM_TIMEOUT_MS * 1_000_000L;
                while (System.nanoTime() < deadline) {
                    DatagramPacket reply = new DatagramPacket(buf, buf.length);
                    socket.receive(reply);
                    if (reply.getLength() >= 12 && DnsMessage.id(buf) == DnsMessage.id(query)) {
                        return Arrays.copyOf(buf, reply.getLength());
                    }
                }
            } catch (SocketTimeoutException e) {
                // try the next resolver
            } catch (IOException e) {
                // unreachable resolver: try the next
            }
        }
        DnsMessage.Question q = DnsMessage.question(query, query.length);
        if (q == null) {
            return Arrays.copyOf(query, Math.min(query.length, 12));
        }
        return DnsMessage.response(query, q, DnsMessage.RCODE_SERVFAIL, q.type(), 0, List.of());
    }

    private void send(byte[] reply, InetSocketAddress client) {
        try {
            udp.send(new DatagramPacket(reply, reply.length, client));
        } catch (IOException e) {
            // the client's problem; DNS clients retry
        }
    }

    private void submit(Runnable task) {
        try {
            workers.execute(task);
        } catch (RejectedExecutionException e) {
            // shutting down
        }
    }
}
