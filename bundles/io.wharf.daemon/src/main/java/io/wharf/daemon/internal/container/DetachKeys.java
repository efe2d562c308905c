package io.wharf.daemon.internal.container;

import io.wharf.api.errors.InvalidArgumentException;

/** dockerd's detach key syntax: comma-separated {@code ctrl-<x>} or single characters; default ctrl-p,ctrl-q. */
final class DetachKeys {
    static final byte[] DEFAULT = {16, 17};

    private DetachKeys() {
    }

    static byte[] parse(String spec) {
        if (spec == null || spec.isEmpty()) {
            return DEFAULT;
        }
        String[] parts = spec.split(",");
        byte[] keys = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].trim();
            if (p.length() == 1) {
                keys[i] = (byte) p.charAt(0);
            } else if (p.length() == 6 && p.toLowerCase().startsWith("ctrl-")) {
                char c = Character.toLowerCase(p.charAt(5));
                if (c >= 'a' && c <= 'z') {
                    keys[i] = (byte) (c - 'a' + 1);
                } else if (c == '@') {
                    keys[i] = 0;
                } else if (c == '[') {
                    keys[i] = 27;
                } else if (c == '\\') {
                    keys[i] = 28;
                } else if (c == ']') {
                    keys[i] = 29;
                } else if (c == '^') {
                    keys[i] = 30;
                } else if (c == '_') {
                    keys[i] = 31;
                } else {
                    throw new InvalidArgumentException("Invalid detach keys (" + spec + ") provided");
                }
            } else {
                throw new InvalidArgumentException("Invalid detach keys (" + spec + ") provided");
            }
        }
        return keys;
    }
}
