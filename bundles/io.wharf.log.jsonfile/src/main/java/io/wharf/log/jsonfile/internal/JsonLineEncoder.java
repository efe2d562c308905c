package io.wharf.log.jsonfile.internal;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes one json-file entry byte for byte as dockerd does: {@code log}, {@code stream}, {@code attrs}, {@code time}
 * in that order, empty fields left out except {@code time}, and strings escaped as dockerd's jsonlog escapes them
 * ({@code <>&} as unicode escapes, invalid UTF-8 as U+FFFD).
 */
final class JsonLineEncoder {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private JsonLineEncoder() {
    }

    /**
     * Appends the entry and its terminating newline.
     *
     * @param attrs the {@code attrs} object already encoded, or null
     */
    static void encode(ByteBuf out, byte[] log, String stream, byte[] attrs, long timeNanos) {
        out.put((byte) '{');
        boolean first = true;
        if (log.length > 0) {
            out.ascii("\"log\":");
            string(out, log, false);
            first = false;
        }
        if (stream != null && !stream.isEmpty()) {
            if (!first) {
                out.put((byte) ',');
            }
            out.ascii("\"stream\":");
            string(out, stream.getBytes(StandardCharsets.UTF_8), false);
            first = false;
        }
        if (attrs != null && attrs.length > 0) {
            if (!first) {
                out.put((byte) ',');
            }
            out.ascii("\"attrs\":").put(attrs);
            first = false;
        }
        if (!first) {
            out.put((byte) ',');
        }
        out.ascii("\"time\":\"");
        LogTime.append(out, timeNanos);
        out.ascii("\"}\n");
    }

    /** Encodes attributes as Go's {@code json.Marshal} encodes a string map: keys sorted. Null when empty. */
    static byte[] attrs(Map<String, String> attrs) {
        if (attrs == null || attrs.isEmpty()) {
            return null;
        }
        ByteBuf out = new ByteBuf(64);
        out.put((byte) '{');
        boolean first = true;
        for (Map.Entry<String, String> e : new TreeMap<>(attrs).entrySet()) {
            if (!first) {
                out.put((byte) ',');
            }
            first = false;
            string(out, e.getKey().getBytes(StandardCharsets.UTF_8), true);
            out.put((byte) ':');
            string(out, e.getValue().getBytes(StandardCharsets.UTF_8), true);
        }
        out.put((byte) '}');
        return out.toArray();
    }

    /**
     * A JSON string. The jsonlog escaper has short forms only for {@code \n \r \" \\}; Go's encoding/json (used for
     * attrs) also has {@code \t}.
     */
    static void string(ByteBuf out, byte[] s, boolean goMarshal) {
        out.put((byte) '"');
        int start = 0;
        int i = 0;
        while (i < s.length) {
            int b = s[i] & 0xff;
            if (b < 0x80) {
                if (b >= 0x20 && b != '\\' && b != '"' && b != '<' && b != '>' && b != '&') {
                    i++;
                    continue;
                }
                out.put(s, start, i - start);
                switch (b) {
                    case '\\', '"' -> out.put((byte) '\\').put((byte) b);
                    case '\n' -> out.put((byte) '\\').put((byte) 'n');
                    case '\r' -> out.put((byte) '\\').put((byte) 'r');
                    default -> {
                        if (goMarshal && b == '\t') {
                            out.put((byte) '\\').put((byte) 't');
                        } else {
                            out.ascii("\\u00").put(HEX[b >> 4]).put(HEX[b & 0xf]);
                        }
                    }
                }
                start = ++i;
                continue;
            }
            int size = Utf8.sequenceLength(s, i);
            if (size == 0) {
                out.put(s, start, i - start);
                out.ascii("\\ufffd");
                start = ++i;
                continue;
            }
            if (size == 3 && b == 0xe2 && (s[i + 1] & 0xff) == 0x80 && ((s[i + 2] & 0xff) == 0xa8 || (s[i + 2] & 0xff) == 0xa9)) {
                out.put(s, start, i - start);
                out.ascii("\\u202").put(HEX[(s[i + 2] & 0xff) == 0xa8 ? 8 : 9]);
                i += 3;
                start = i;
                continue;
            }
            i += size;
        }
        out.put(s, start, s.length - start);
        out.put((byte) '"');
    }
}
