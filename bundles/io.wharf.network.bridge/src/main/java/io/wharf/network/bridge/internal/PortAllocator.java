package io.wharf.network.bridge.internal;

import io.wharf.api.errors.InvalidArgumentException;
import io.wharf.api.errors.WharfException;
import io.wharf.api.network.NetworkDriver.PortBinding;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Chooses host ports for published ports. A port is free when no endpoint of this driver publishes it on an
 * overlapping address and a test bind on the host succeeds (so a port some host process listens on is refused
 * with dockerd's "port is already allocated"). Ephemeral ports come from {@code ip_local_port_range}.
 */
final class PortAllocator {
    private final Path localPortRange;

    PortAllocator(Path localPortRange) {
        this.localPortRange = localPortRange;
    }

    /**
     * Resolves each requested binding to one host port. {@code hostPort} 0 asks for an ephemeral port;
     * {@code hostPortEnd} above {@code hostPort} asks for any free port in that range.
     */
    List<PortBinding> allocate(List<PortBinding> requested, List<PortBinding> taken, String defaultHostIp) {
        List<PortBinding> used = new ArrayList<>(taken);
        List<PortBinding> chosen = new ArrayList<>();
        for (PortBinding r : requested) {
            String proto = r.protocol() == null || r.protocol().isEmpty() ? "tcp"
                    : r.protocol().toLowerCase(Locale.ROOT);
            if (!proto.equals("tcp") && !proto.equals("udp") && !proto.equals("sctp")) {
                throw new InvalidArgumentException("invalid protocol: " + r.protocol());
            }
            if (r.containerPort() < 1 || r.containerPort() > 65535) {
                throw new InvalidArgumentException("invalid container port: " + r.containerPort());
            }
            String hostIp = r.hostIp() == null || r.hostIp().isEmpty() ? defaultHostIp : r.hostIp();
            Cidr.literal(hostIp, hostIp);
            if (hostIp.contains(":")) {
                // IPv6 host bindings are not published by this driver (no ip6tables NAT); skip them
                continue;
            }
            int first;
            int last;
            boolean ephemeral = r.hostPort() == 0;
            if (ephemeral) {
                int[] range = ephemeralRange();
                first = range[0];
                last = range[1];
            } else {
                first = r.hostPort();
                last = Math.max(r.hostPort(), r.hostPortEnd());
            }
            if (first < 1 || last > 65535) {
                throw new InvalidArgumentException("invalid host port: " + r.hostPort());
            }
            PortBinding found = null;
            for (int port = first; port <= last && found == null; port++) {
                PortBinding candidate = new PortBinding(proto, r.containerPort(), hostIp, port, port);
                if (!clashes(candidate, used) && bindable(candidate)) {
                    found = candidate;
                }
            }
            if (found == null) {
                String ports = first == last ? Integer.toString(first) : first + "-" + last;
                throw new WharfException(ephemeral ? "no available ephemeral host port for " + proto
                        : "Bind for " + hostIp + ":" + ports + " failed: port is already allocated");
            }
            used.add(found);
            chosen.add(found);
        }
        return chosen;
    }

    private static boolean clashes(PortBinding candidate, List<PortBinding> used) {
        for (PortBinding u : used) {
            if (u.protocol().equals(candidate.protocol()) && u.hostPort() == candidate.hostPort()
                    && (u.hostIp().equals(candidate.hostIp()) || u.hostIp().equals("0.0.0.0")
                            || candidate.hostIp().equals("0.0.0.0"))) {
                return true;
            }
        }
        return false;
    }

    private static boolean bindable(PortBinding b) {
        InetSocketAddress address;
        try {
            address = new InetSocketAddress(InetAddress.getByName(b.hostIp()), b.hostPort());
        } catch (IOException e) {
            return false;
        }
        try {
            if (b.protocol().equals("udp")) {
                try (DatagramSocket s = new DatagramSocket(null)) {
                    s.bind(address);
                }
            } else {
                try (ServerSocket s = new ServerSocket()) {
                    s.setReuseAddress(true);
                    s.bind(address);
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    int[] ephemeralRange() {
        try {
            String[] f = Files.readString(localPortRange).trim().split("\\s+");
            return new int[] {Integer.parseInt(f[0]), Integer.parseInt(f[1])};
        } catch (IOException | RuntimeException e) {
            return new int[] {32768, 60999};
        }
    }
}
