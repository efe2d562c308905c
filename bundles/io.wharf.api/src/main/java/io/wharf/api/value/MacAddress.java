package io.wharf.api.value;

import io.wharf.api.errors.InvalidArgumentException;

/** An Ethernet (EUI-48) address, written with colons or dashes: {@code 02:42:ac:11:00:02}. */
public record MacAddress(byte[] bytes) {
    public static MacAddress parse(String text) {
        if (text == null || text.length() != 17) {
            throw invalid(text);
        }
        char sep = text.charAt(2);
        if (sep != ':' && sep != '-') {
            throw invalid(text);
        }
        byte[] out = new byte[6];
        for (int i = 0; i < 6; i++) {
            int at = i * 3;
            if (i > 0 && text.charAt(at - 1) != sep) {
                throw invalid(text);
            }
            int hi = Character.digit(text.charAt(at), 16);
            int lo = Character.digit(text.charAt(at + 1), 16);
            if (hi < 0 || lo < 0) {
                throw invalid(text);
            }
            out[i] = (byte) (hi << 4 | lo);
        }
        return new MacAddress(out);
    }

    /** Checks {@code text} unless it is null or empty (no address asked for). */
    public static void parseOptional(String text) {
        if (text != null && !text.isEmpty()) {
            parse(text);
        }
    }

    private static InvalidArgumentException invalid(String text) {
        return new InvalidArgumentException("invalid MAC address: " + text);
    }
}
