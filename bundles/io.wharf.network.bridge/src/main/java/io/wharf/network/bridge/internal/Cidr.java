package io.wharf.network.bridge.internal;

import io.wharf.api.errors.InvalidArgumentException;
import java.math.BigInteger;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * An address with a prefix length ({@code 172.18.0.2/16}), IPv4 or IPv6, with the arithmetic IPAM and the
 * bridge driver need. Parsing accepts only literal addresses: no name is ever looked up.
 */
record Cidr(InetAddress address, int prefix) {

    static Cidr parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidArgumentException("invalid CIDR address: " + text);
        }
        int slash = text.indexOf('/');
        InetAddress address = literal(slash < 0 ? text : text.substring(0, slash), text);
        int bits = address.getAddress().length * 8;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new InvalidArgumentException("invalid CIDR address: " + text);
            }
            if (prefix < 0 || prefix > bits) {
                throw new InvalidArgumentException("invalid CIDR address: " + text);
            }
        }
        return new Cidr(address, prefix);
    }

    /** Parses a literal IPv4 or IPv6 address without consulting any resolver. */
    static InetAddress literal(String text, String whole) {
        String s = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        boolean v4 = s.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean v6 = s.contains(":") && s.matches("[0-9a-fA-F:.%a-zA-Z0-9]+");
        if (!v4 && !v6) {
            throw new InvalidArgumentException("invalid CIDR address: " + whole);
        }
        if (v4) {
            for (String part : s.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    throw new InvalidArgumentException("invalid CIDR address: " + whole);
                }
            }
        }
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new InvalidArgumentException("invalid CIDR address: " + whole);
        }
    }

    boolean v6() {
        return address instanceof Inet6Address;
    }

    int bits() {
        return v6() ? 128 : 32;
    }

    /** The network itself: the address with the host bits cleared. */
    Cidr network() {
        return new Cidr(fromBig(toBig(address).andNot(hostMask()), bits()), prefix);
    }

    BigInteger size() {
        return BigInteger.ONE.shiftLeft(bits() - prefix);
    }

    boolean contains(InetAddress other) {
        if ((other instanceof Inet6Address) != v6()) {
            return false;
        }
        return toBig(other).andNot(hostMask()).equals(toBig(address).andNot(hostMask()));
    }

    boolean contains(Cidr other) {
        return other.v6() == v6() && other.prefix >= prefix && contains(other.address);
    }

    boolean overlaps(Cidr other) {
        return other.v6() == v6() && (contains(other.address) || other.contains(address));
    }

    /** The address {@code offset} places after the network address, with this prefix. */
    Cidr at(BigInteger offset) {
        return new Cidr(fromBig(toBig(network().address).add(offset), bits()), prefix);
    }

    /** How far {@code other} lies after this network's address. */
    BigInteger offsetOf(InetAddress other) {
        return toBig(other).subtract(toBig(network().address));
    }

    /** The {@code index}-th subnet of length {@code length} inside this one. */
    Cidr subnet(int length, BigInteger index) {
        return new Cidr(fromBig(toBig(network().address).add(index.shiftLeft(bits() - length)), bits()), length);
    }

    Cidr withAddress(InetAddress other) {
        return new Cidr(other, prefix);
    }

    /** The address alone, IPv6 in its shortest form (RFC 5952) as dockerd prints it. */
    String ip() {
        byte[] b = address.getAddress();
        if (b.length == 4) {
            return address.getHostAddress();
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (b[2 * i] & 0xff) << 8 | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return ip() + "/" + prefix;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && c.prefix == prefix && Arrays.equals(c.address.getAddress(), address.getAddress());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(address.getAddress()) * 31 + prefix;
    }

    private BigInteger hostMask() {
        return BigInteger.ONE.shiftLeft(bits() - prefix).subtract(BigInteger.ONE);
    }

    static BigInteger toBig(InetAddress address) {
        return new BigInteger(1, address.getAddress());
    }

    static InetAddress fromBig(BigInteger value, int bits) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[bits / 8];
        int copy = Math.min(raw.length, out.length);
        System.arraycopy(raw, raw.length - copy, out, out.length - copy, copy);
        try {
            return InetAddress.getByAddress(out);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
