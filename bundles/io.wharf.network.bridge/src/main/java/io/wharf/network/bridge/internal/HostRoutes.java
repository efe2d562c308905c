package io.wharf.network.bridge.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The subnets the host already routes somewhere (read from {@code /proc/net/route} and
 * {@code /proc/net/ipv6_route}, no process spawned), so that an automatically chosen pool never shadows a network
 * the host uses, such as a docker0 bridge on 172.17.0.0/16. Default routes are skipped.
 */
final class HostRoutes {
    private final Path procNet;

    HostRoutes(Path procNet) {
        this.procNet = procNet;
    }

    List<Cidr> inUse() {
        return inUse(Set.of());
    }

    /**
     * The routed subnets but those through {@code own} links: the daemon's own bridge, left by an earlier run,
     * routes its own subnet, which is no conflict with itself.
     */
    List<Cidr> inUse(Set<String> own) {
        List<Cidr> routes = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(procNet.resolve("route"));
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                String[] f = line.trim().split("\\s+");
                if (f.length < 8 || own.contains(f[0])) {
                    continue;
                }
                int mask = Integer.bitCount((int) Long.parseLong(f[7], 16));
                if (mask == 0) {
                    continue;
                }
                // the kernel prints the destination in host byte order (little-endian here)
                long dest = Long.parseLong(f[1], 16);
                long swapped = ((dest & 0xff) << 24) | ((dest & 0xff00) << 8) | ((dest >> 8) & 0xff00)
                        | ((dest >> 24) & 0xff);
                routes.add(new Cidr(Cidr.fromBig(BigInteger.valueOf(swapped), 32), mask));
            }
        } catch (IOException | RuntimeException e) {
            // no IPv4 routing table readable: nothing to avoid
        }
        try {
            for (String line : Files.readAllLines(procNet.resolve("ipv6_route"))) {
                String[] f = line.trim().split("\\s+");
                if (f.length < 10 || own.contains(f[9])) {
                    continue;
                }
                int prefix = Integer.parseInt(f[1], 16);
                if (prefix == 0 || prefix == 128 || f[9].equals("lo")) {
                    continue;
                }
                routes.add(new Cidr(Cidr.fromBig(new BigInteger(f[0], 16), 128), prefix));
            }
        } catch (IOException | RuntimeException e) {
            // IPv6 disabled
        }
        return routes;
    }
}
