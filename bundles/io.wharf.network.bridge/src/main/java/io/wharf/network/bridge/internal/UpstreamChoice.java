package io.wharf.network.bridge.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Where a network's DNS server sends a query it cannot answer, as dockerd's embedded server does: to the
 * {@code --dns} servers of the container whose address asked, else to the host's resolvers. The network's own
 * gateway is never an upstream (a host whose resolv.conf names it would loop back into the server).
 */
final class UpstreamChoice {
    private final Supplier<List<InetSocketAddress>> host;
    private final int port;

    /** @param port the port of the containers' resolvers: 53, as {@code --dns} takes only addresses */
    UpstreamChoice(Supplier<List<InetSocketAddress>> host, int port) {
        this.host = host;
        this.port = port;
    }

    List<InetSocketAddress> forClient(InetAddress client, List<BridgeEndpoint> endpoints, InetAddress gateway) {
        List<InetSocketAddress> out = new ArrayList<>();
        BridgeEndpoint asking = endpoints.stream().filter(e -> owns(e, client)).findFirst().orElse(null);
        if (asking != null) {
            for (String server : asking.dns()) {
                try {
                    out.add(new InetSocketAddress(Cidr.literal(server, server), port));
                } catch (RuntimeException e) {
                    // not an address: the daemon validated --dns, so only an old record gets here
                }
            }
        }
        out.removeIf(u -> u.getAddress().equals(gateway));
        if (out.isEmpty()) {
            out.addAll(host.get());
            out.removeIf(u -> u.getAddress().equals(gateway));
        }
        return out;
    }

    private static boolean owns(BridgeEndpoint e, InetAddress client) {
        return e.ipv4() != null && e.ipv4().address().equals(client)
                || e.ipv6() != null && e.ipv6().address().equals(client);
    }
}
