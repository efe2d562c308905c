package io.wharf.registry.internal;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Decides, as dockerd does, which registries may be reached without verified TLS: loopback hosts always, the
 * {@code host[:port]} names configured, and hosts whose addresses fall in a configured CIDR.
 */
final class InsecureRegistries {
    private record Cidr(byte[] network, int prefix) {
        boolean contains(InetAddress address) {
            byte[] a = address.getAddress();
            if (a.length != network.length) {
                return false;
            }
            int bits = a.length * 8;
            BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                    .shiftRight(prefix).not().and(BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE));
            return new BigInteger(1, a).and(mask).equals(new BigInteger(1, network).and(mask));
        }
    }

    private record Rules(List<Cidr> cidrs, List<String> names) {
    }

    /** Replaced as a whole by a reload, so that a check sees either the old entries or the new ones. */
    private volatile Rules rules;

    InsecureRegistries(List<String> entries) {
        replace(entries);
    }

    /** The entries of a reloaded daemon.json take effect for the next connection. */
    void replace(List<String> entries) {
        List<Cidr> cidrs = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String entry : entries) {
            String e = entry.trim().toLowerCase(Locale.ROOT);
            if (e.isEmpty()) {
                continue;
            }
            // dockerd accepts (and ignores) a scheme on insecure registry entries.
            e = e.replaceFirst("^[a-z]+://", "").replaceFirst("/+$", "");
            Cidr cidr = parseCidr(e);
            if (cidr != null) {
                cidrs.add(cidr);
            } else {
                names.add(e);
            }
        }
        rules = new Rules(List.copyOf(cidrs), List.copyOf(names));
    }

    private static Cidr parseCidr(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            return null;
        }
        String address = text.substring(0, slash);
        if (!address.matches("[0-9.]+|[0-9a-f:]+")) {
            return null;
        }
        try {
            int prefix = Integer.parseInt(text.substring(slash + 1));
            byte[] network = InetAddress.getByName(address).getAddress();
            if (prefix < 0 || prefix > network.length * 8) {
                return null;
            }
            return new Cidr(network, prefix);
        } catch (NumberFormatException | UnknownHostException e) {
            return null;
        }
    }

    /** Whether {@code domain} ({@code host[:port]}) is insecure. May resolve the host name. */
    boolean isInsecure(String domain) {
        Rules rules = this.rules;
        List<String> names = rules.names();
        String d = domain.toLowerCase(Locale.ROOT);
        if (names.contains(d)) {
            return true;
        }
        String host = hostOf(d);
        if (names.contains(host) || host.equals("localhost") || host.endsWith(".localhost")) {
            return true;
        }
        List<InetAddress> addresses = new ArrayList<>();
        try {
            for (InetAddress a : InetAddress.getAllByName(host)) {
                addresses.add(a);
            }
        } catch (UnknownHostException e) {
            return false;
        }
        for (InetAddress a : addresses) {
            if (a.isLoopbackAddress()) {
                return true;
            }
            for (Cidr c : rules.cidrs()) {
                if (c.contains(a)) {
                    return true;
                }
            }
        }
        return false;
    }

    static String hostOf(String domain) {
        if (domain.startsWith("[")) {
            int close = domain.indexOf(']');
            return close > 0 ? domain.substring(1, close) : domain;
        }
        int colon = domain.lastIndexOf(':');
        return colon >= 0 ? domain.substring(0, colon) : domain;
    }
}
