package io.wharf.api.registry;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the string members of one JSON object and skips all others; enough for the docker CLI's credential
 * JSON, so that the API needs no JSON library. Keys are lower-cased, as Go's decoder matches them loosely.
 */
final class FlatJsonObject {
    private final String text;
    private int pos;

    private FlatJsonObject(String text) {
        this.text = text;
    }

    static Map<String, String> parse(String json) {
        FlatJsonObject p = new FlatJsonObject(json);
        Map<String, String> result = new HashMap<>();
        p.skipSpace();
        p.expect('{');
        p.skipSpace();
        if (p.peek() == '}') {
            p.pos++;
        } else {
            while (true) {
                p.skipSpace();
                String key = p.string();
                p.skipSpace();
                p.expect(':');
                p.skipSpace();
                if (p.peek() == '"') {
                    result.put(key.toLowerCase(Locale.ROOT), p.string());
                } else {
                    p.skipValue();
                }
                p.skipSpace();
                char c = p.next();
                if (c == '}') {
                    break;
                }
                if (c != ',') {
                    throw p.error("expected ',' or '}'");
                }
            }
        }
        p.skipSpace();
        if (p.pos != json.length()) {
            throw p.error("unexpected data after the object");
        }
        return result;
    }

    static String field(String key, String value) {
        return quote(key) + ":" + quote(value);
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': b.append("\\\""); break;
                case '\\': b.append("\\\\"); break;
                case '\n': b.append("\\n"); break;
                case '\r': b.append("\\r"); break;
                case '\t': b.append("\\t"); break;
                default:
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
            }
        }
        return b.append('"').toString();
    }

    private void skipValue() {
        char c = peek();
        if (c == '"') {
            string();
        } else if (c == '{' || c == '[') {
            char close = c == '{' ? '}' : ']';
            pos++;
            skipSpace();
            if (peek() == close) {
                pos++;
                return;
            }
            while (true) {
                skipSpace();
                if (close == '}') {
                    string();
                    skipSpace();
                    expect(':');
                    skipSpace();
                }
                skipValue();
                skipSpace();
                char n = next();
                if (n == close) {
                    return;
                }
                if (n != ',') {
                    throw error("expected ',' or '" + close + "'");
                }
            }
        } else {
            int start = pos;
            while (pos < text.length() && "{}[],: \t\r\n\"".indexOf(text.charAt(pos)) < 0) {
                pos++;
            }
            String literal = text.substring(start, pos);
            if (!(literal.equals("null") || literal.equals("true") || literal.equals("false")
                    || literal.matches("-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?"))) {
                throw error("invalid value");
            }
        }
    }

    private String string() {
        expect('"');
        StringBuilder b = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') {
                return b.toString();
            }
            if (c == '\\') {
                char e = next();
                switch (e) {
                    case '"': case '\\': case '/': b.append(e); break;
                    case 'b': b.append('\b'); break;
                    case 'f': b.append('\f'); break;
                    case 'n': b.append('\n'); break;
                    case 'r': b.append('\r'); break;
                    case 't': b.append('\t'); break;
                    case 'u':
                        if (pos + 4 > text.length()) {
                            throw error("bad escape");
                        }
                        try {
                            b.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                        } catch (NumberFormatException ex) {
                            throw error("bad escape");
                        }
                        pos += 4;
                        break;
                    default: throw error("bad escape");
                }
            } else {
                b.append(c);
            }
        }
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private char peek() {
        if (pos >= text.length()) {
            throw error("unexpected end of JSON input");
        }
        return text.charAt(pos);
    }

    private char next() {
        char c = peek();
        pos++;
        return c;
    }

    private void expect(char c) {
        if (next() != c) {
            throw error("expected '" + c + "'");
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException(what + " at offset " + pos);
    }
}
