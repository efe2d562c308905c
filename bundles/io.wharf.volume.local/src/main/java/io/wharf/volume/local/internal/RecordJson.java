package io.wharf.volume.local.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The little JSON a volume record needs: objects whose values are strings or objects of strings. Written with
 * sorted keys so that the same record always gives the same bytes.
 */
final class RecordJson {
    private final String in;
    private int pos;

    private RecordJson(String in) {
        this.in = in;
    }

    static String write(Map<String, ?> object) {
        StringBuilder out = new StringBuilder();
        writeObject(out, object);
        return out.append('\n').toString();
    }

    /** Parses an object; nested objects become maps, strings stay strings, other values are kept as text. */
    static Map<String, Object> parse(String json) {
        RecordJson p = new RecordJson(json);
        Map<String, Object> result = p.object();
        p.skipSpace();
        if (p.pos != json.length()) {
            throw new IllegalArgumentException("trailing characters after JSON object");
        }
        return result;
    }

    private static void writeObject(StringBuilder out, Map<String, ?> object) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, ?> e : new TreeMap<>(object).entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            if (!first) {
                out.append(',');
            }
            first = false;
            writeString(out, e.getKey());
            out.append(':');
            if (e.getValue() instanceof Map<?, ?> m) {
                @SuppressWarnings("unchecked")
                Map<String, ?> nested = (Map<String, ?>) m;
                writeObject(out, nested);
            } else {
                writeString(out, e.getValue().toString());
            }
        }
        out.append('}');
    }

    private static void writeString(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private Map<String, Object> object() {
        Map<String, Object> map = new LinkedHashMap<>();
        expect('{');
        skipSpace();
        if (peek() == '}') {
            pos++;
            return map;
        }
        while (true) {
            skipSpace();
            String key = string();
            skipSpace();
            expect(':');
            skipSpace();
            map.put(key, value());
            skipSpace();
            char c = in.charAt(pos++);
            if (c == '}') {
                return map;
            }
            if (c != ',') {
                throw new IllegalArgumentException("expected , or } at " + (pos - 1));
            }
        }
    }

    private Object value() {
        char c = peek();
        if (c == '{') {
            return object();
        }
        if (c == '"') {
            return string();
        }
        int start = pos;
        while (pos < in.length() && ",}] \n\r\t".indexOf(in.charAt(pos)) < 0) {
            pos++;
        }
        String literal = in.substring(start, pos);
        return literal.equals("null") ? null : literal;
    }

    private String string() {
        expect('"');
        StringBuilder out = new StringBuilder();
        while (true) {
            char c = in.charAt(pos++);
            if (c == '"') {
                return out.toString();
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = in.charAt(pos++);
            switch (e) {
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'u' -> {
                    out.append((char) Integer.parseInt(in.substring(pos, pos + 4), 16));
                    pos += 4;
                }
                default -> out.append(e);
            }
        }
    }

    private char peek() {
        if (pos >= in.length()) {
            throw new IllegalArgumentException("unexpected end of JSON");
        }
        return in.charAt(pos);
    }

    private void expect(char c) {
        if (peek() != c) {
            throw new IllegalArgumentException("expected " + c + " at " + pos);
        }
        pos++;
    }

    private void skipSpace() {
        while (pos < in.length() && Character.isWhitespace(in.charAt(pos))) {
            pos++;
        }
    }
}
