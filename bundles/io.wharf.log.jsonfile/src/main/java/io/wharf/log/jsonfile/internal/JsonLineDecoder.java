package io.wharf.log.jsonfile.internal;

import io.wharf.api.log.LogMessage;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads one json-file entry back. Only the shape dockerd writes is understood (an object of strings, with
 * {@code attrs} an object of strings); unknown keys are skipped so that files written by dockerd itself read too.
 */
final class JsonLineDecoder {
    private final byte[] in;
    private int pos;
    private final int end;
    private final ByteBuf scratch = new ByteBuf(256);

    private JsonLineDecoder(byte[] in, int off, int end) {
        this.in = in;
        this.pos = off;
        this.end = end;
    }

    /** The entry in {@code in[off, end)}, or null when it is not a json-file entry (a torn or foreign line). */
    static LogMessage decode(byte[] in, int off, int end) {
        try {
            return new JsonLineDecoder(in, off, end).entry();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private LogMessage entry() {
        byte[] log = new byte[0];
        String stream = "";
        String time = null;
        Map<String, String> attrs = Map.of();
        expect('{');
        if (peek() != '}') {
            do {
                String key = new String(string(), StandardCharsets.UTF_8);
                expect(':');
                switch (key) {
                    case "log" -> log = string();
                    case "stream" -> stream = new String(string(), StandardCharsets.UTF_8);
                    case "time" -> time = new String(string(), StandardCharsets.US_ASCII);
                    case "attrs" -> attrs = object();
                    default -> skipValue();
                }
            } while (comma());
        }
        expect('}');
        if (time == null) {
            return null;
        }
        boolean partial = log.length == 0 || log[log.length - 1] != '\n';
        return new LogMessage(stream, log, LogTime.parse(time), partial, attrs);
    }

    private Map<String, String> object() {
        Map<String, String> map = new LinkedHashMap<>();
        expect('{');
        if (peek() != '}') {
            do {
                String key = new String(string(), StandardCharsets.UTF_8);
                expect(':');
                if (peek() == '"') {
                    map.put(key, new String(string(), StandardCharsets.UTF_8));
                } else {
                    skipValue();
                }
            } while (comma());
        }
        expect('}');
        return map;
    }

    private boolean comma() {
        if (peek() == ',') {
            pos++;
            return true;
        }
        return false;
    }

    private byte[] string() {
        expect('"');
        scratch.clear();
        int start = pos;
        while (true) {
            byte b = in[pos];
            if (b == '"') {
                scratch.put(in, start, pos - start);
                pos++;
                return scratch.toArray();
            }
            if (b != '\\') {
                pos++;
                continue;
            }
            scratch.put(in, start, pos - start);
            byte e = in[pos + 1];
            pos += 2;
            switch (e) {
                case 'n' -> scratch.put((byte) '\n');
                case 'r' -> scratch.put((byte) '\r');
                case 't' -> scratch.put((byte) '\t');
                case 'b' -> scratch.put((byte) '\b');
                case 'f' -> scratch.put((byte) '\f');
                case 'u' -> unicode();
                default -> scratch.put(e);
            }
            start = pos;
        }
    }

    private void unicode() {
        int c = hex4();
        if (Character.isHighSurrogate((char) c) && pos + 6 <= end && in[pos] == '\\' && in[pos + 1] == 'u') {
            pos += 2;
            int low = hex4();
            if (Character.isLowSurrogate((char) low)) {
                c = Character.toCodePoint((char) c, (char) low);
            } else {
                utf8(0xfffd);
                c = low;
            }
        }
        utf8(Character.isSurrogate((char) c) && c <= 0xffff ? 0xfffd : c);
    }

    private int hex4() {
        int v = Integer.parseInt(new String(in, pos, 4, StandardCharsets.US_ASCII), 16);
        pos += 4;
        return v;
    }

    private void utf8(int cp) {
        scratch.put(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
    }

    private void skipValue() {
        byte b = peek();
        if (b == '"') {
            string();
        } else if (b == '{' || b == '[') {
            int depth = 0;
            do {
                byte c = in[pos];
                if (c == '"') {
                    string();
                    continue;
                }
                if (c == '{' || c == '[') {
                    depth++;
                } else if (c == '}' || c == ']') {
                    depth--;
                }
                pos++;
            } while (depth > 0);
        } else {
            while (pos < end && in[pos] != ',' && in[pos] != '}') {
                pos++;
            }
        }
    }

    private byte peek() {
        while (pos < end && (in[pos] == ' ' || in[pos] == '\t' || in[pos] == '\r' || in[pos] == '\n')) {
            pos++;
        }
        if (pos >= end) {
            throw new IllegalArgumentException("truncated");
        }
        return in[pos];
    }

    private void expect(char c) {
        if (peek() != c) {
            throw new IllegalArgumentException("expected " + c);
        }
        pos++;
    }
}
