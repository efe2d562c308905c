package io.wharf.network.bridge.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a starting bridge driver finds on the host and no longer wants: addresses stacked on its bridge, bridges
 * marked as its own that no record names, veths of its naming left on a bridge by endpoints it has forgotten.
 * Decisions only, read from {@code /sys} and {@code ip} output, so they are tested without touching the host.
 */
final class BridgeReconcile {
    /** {@link BridgeDriver#vethName}'s shape: what this driver names a veth, and nothing else does. */
    private static final Pattern OWN_VETH = Pattern.compile("veth[0-9a-f]{11}");

    private BridgeReconcile() {
    }

    /** The addresses on the bridge that are neither of the network's gateways, prefix included. */
    static List<Cidr> strayAddresses(List<Cidr> present, BridgeNetwork n) {
        List<Cidr> stray = new ArrayList<>();
        for (Cidr a : present) {
            if (!same(a, n.gateway4()) && !same(a, n.gateway6())) {
                stray.add(a);
            }
        }
        return stray;
    }

    private static boolean same(Cidr a, Cidr b) {
        return b != null && a.address().equals(b.address()) && a.prefix() == b.prefix();
    }

    /** Links under {@code sysClassNet} whose alias is {@code mark} and whose name is not {@code wanted}. */
    static List<String> strayBridges(Path sysClassNet, String mark, Set<String> wanted) {
        List<String> stray = new ArrayList<>();
        for (String link : names(sysClassNet)) {
            if (wanted.contains(link)) {
                continue;
            }
            try {
                Path alias = sysClassNet.resolve(link).resolve("ifalias");
                if (Files.isRegularFile(alias)
                        && Files.readString(alias, StandardCharsets.UTF_8).strip().equals(mark)) {
                    stray.add(link);
                }
            } catch (IOException e) {
                // the link went away meanwhile
            }
        }
        return stray;
    }

    /** The ports of a bridge ({@code /sys/class/net/<bridge>/brif}) named as this driver names veths, not known. */
    static List<String> strayVeths(Path brif, Set<String> known) {
        return names(brif).stream().filter(n -> OWN_VETH.matcher(n).matches() && !known.contains(n)).toList();
    }

    private static List<String> names(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
