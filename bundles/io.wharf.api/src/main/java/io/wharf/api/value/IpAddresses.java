package io.wharf.api.value;

import io.wharf.api.errors.InvalidArgumentException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * IP address literals, read as Go's {@code net.ParseIP} reads them: dotted IPv4 without leading zeros, or IPv6.
 * A name is never looked up.
 */
public final class IpAddresses {
    private IpAddresses() {
    }

    /** Parses {@code text}; {@code what} names the field in the error ({@code invalid what: text}). */
    public static InetAddress parse(String text, String what) {
        InetAddress a = literal(text);
        if (a == null) {
            throw new InvalidArgumentException("invalid " + what + ": " + text);
        }
        return a;
    }

    /** As {@link #parse}, but an absent or empty value is no address (null). */
    public static InetAddress parseOptional(String text, String what) {
        return text == null || text.isEmpty() ? null : parse(text, what);
    }

    public static Inet4Address parseIpv4(String text, String what) {
        if (parse(text, what) instanceof Inet4Address a && text.indexOf(':') < 0) {
            return a;
        }
        throw new InvalidArgumentException("invalid " + what + ": " + text);
    }

    public static Inet6Address parseIpv6(String text, String what) {
        if (parse(text, what) instanceof Inet6Address a) {
            return a;
        }
        throw new InvalidArgumentException("invalid " + what + ": " + text);
    }

    /** The address {@code text} is, or null when it is not an IP literal. */
    public static InetAddress literal(String text) {
        if (text == null || text.isEmpty() || text.length() > 45) {
            return null;
        }
        if (text.indexOf(':') < 0) {
            byte[] v4 = ipv4(text);
            return v4 == null ? null : byAddress(v4);
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.digit(c, 16) < 0 && c != ':' && c != '.') {
                return null;
            }
        }
        // only hex digits, colons and dots: the JDK parses this as an IPv6 literal and never resolves it
        if (text.indexOf(":::") >= 0 || text.indexOf("::") != text.lastIndexOf("::")) {
            return null;
        }
        int dot = text.indexOf('.');
        if (dot >= 0 && ipv4(text.substring(text.lastIndexOf(':') + 1)) == null) {
            return null;
        }
        try {
            return InetAddress.getByName("[" + text + "]");
        } catch (UnknownHostException | RuntimeException e) {
            return null;
        }
    }

    private static byte[] ipv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0')
                    || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return null;
            }
            int n = Integer.parseInt(p);
            if (n > 255) {
                return null;
            }
            out[i] = (byte) n;
        }
        return out;
    }

    private static InetAddress byAddress(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
