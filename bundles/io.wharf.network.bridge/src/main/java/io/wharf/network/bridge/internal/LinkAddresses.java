package io.wharf.network.bridge.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The global addresses a link carries now, read with {@code ip -o addr show dev <link>}: what a restarted driver
 * compares with its records to adopt the bridge's address and remove any other it finds there.
 */
class LinkAddresses {
    private final Commands commands;

    LinkAddresses(Commands commands) {
        this.commands = commands;
    }

    /** The link's global-scope addresses with their prefixes, IPv4 and IPv6; empty when the link is absent. */
    List<Cidr> of(String link) {
        if (!Files.exists(Path.of("/sys/class/net", link))) {
            return List.of();
        }
        Commands.Result r = commands.run(List.of("ip", "-o", "addr", "show", "dev", link), null);
        return r.ok() ? parse(r.output()) : List.of();
    }

    /** Parses {@code ip -o addr} lines, keeping {@code scope global} ones (link-local addresses are the kernel's). */
    static List<Cidr> parse(String output) {
        List<Cidr> out = new ArrayList<>();
        for (String line : output.split("\n")) {
            String[] f = line.trim().split("\\s+");
            for (int i = 0; i + 1 < f.length; i++) {
                if ((f[i].equals("inet") || f[i].equals("inet6")) && line.contains(" scope global")) {
                    try {
                        out.add(Cidr.parse(f[i + 1]));
                    } catch (RuntimeException e) {
                        // not an address: a line of another shape
                    }
                    break;
                }
            }
        }
        return out;
    }
}
