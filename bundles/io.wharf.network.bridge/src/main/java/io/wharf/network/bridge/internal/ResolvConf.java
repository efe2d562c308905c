package io.wharf.network.bridge.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The host's resolvers from {@code resolv.conf}, read on every use so that an edited file takes effect at once.
 * Loopback resolvers are kept: the forwarding DNS server runs in the host's namespace and reaches them.
 */
final class ResolvConf implements Supplier<List<InetSocketAddress>> {
    private final Path file;

    ResolvConf(Path file) {
        this.file = file;
    }

    @Override
    public List<InetSocketAddress> get() {
        List<InetSocketAddress> servers = new ArrayList<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            return servers;
        }
        for (String line : lines) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 2 && f[0].equals("nameserver")) {
                try {
                    InetAddress address = Cidr.literal(f[1], f[1]);
                    servers.add(new InetSocketAddress(address, 53));
                } catch (RuntimeException e) {
                    // not an address: skip it as the resolver would
                }
            }
        }
        return servers;
    }
}
