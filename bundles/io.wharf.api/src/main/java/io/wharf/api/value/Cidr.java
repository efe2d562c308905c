package io.wharf.api.value;

import io.wharf.api.errors.InvalidArgumentException;
import java.net.InetAddress;

/** An address with a prefix length, {@code 172.18.0.0/16} or {@code fd00::/64}, as Go's {@code net.ParseCIDR}. */
public record Cidr(InetAddress address, int prefix) {
    public static Cidr parse(String text) {
        int slash = text == null ? -1 : text.indexOf('/');
        if (slash < 0) {
            throw invalid(text);
        }
        InetAddress a = IpAddresses.literal(text.substring(0, slash));
        String p = text.substring(slash + 1);
        if (a == null || p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')
                || (p.length() > 1 && p.charAt(0) == '0')) {
            throw invalid(text);
        }
        int prefix = Integer.parseInt(p);
        if (prefix > a.getAddress().length * 8) {
            throw invalid(text);
        }
        return new Cidr(a, prefix);
    }

    private static InvalidArgumentException invalid(String text) {
        return new InvalidArgumentException("invalid CIDR address: " + text);
    }
}
