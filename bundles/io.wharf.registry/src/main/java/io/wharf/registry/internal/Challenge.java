package io.wharf.registry.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One authentication challenge from a {@code WWW-Authenticate} header: a scheme and its parameters. */
record Challenge(String scheme, Map<String, String> parameters) {

    Challenge {
        scheme = scheme.toLowerCase(Locale.ROOT);
        parameters = Map.copyOf(parameters);
    }

    String parameter(String name) {
        return parameters.getOrDefault(name, "");
    }

    /** Parses all challenges from the values of the {@code WWW-Authenticate} headers of one response. */
    static List<Challenge> parseAll(List<String> headerValues) {
        List<Challenge> result = new ArrayList<>();
        for (String value : headerValues) {
            result.addAll(parse(value));
        }
        return result;
    }

    // Grammar (RFC 7235): challenge = scheme [ 1*SP ( token68 / #auth-param ) ], several separated by commas;
    // a new challenge starts where a token is followed by a space and not by '='.
    static List<Challenge> parse(String header) {
        List<Challenge> result = new ArrayList<>();
        int pos = 0;
        int n = header.length();
        String scheme = null;
        Map<String, String> params = new LinkedHashMap<>();
        while (pos < n) {
            while (pos < n && (header.charAt(pos) == ' ' || header.charAt(pos) == ',' || header.charAt(pos) == '\t')) {
                pos++;
            }
            int start = pos;
            while (pos < n && isTokenChar(header.charAt(pos))) {
                pos++;
            }
            if (pos == start) {
                pos++;
                continue;
            }
            String token = header.substring(start, pos);
            int afterSpaces = pos;
            while (afterSpaces < n && header.charAt(afterSpaces) == ' ') {
                afterSpaces++;
            }
            if (afterSpaces < n && header.charAt(afterSpaces) == '=' && scheme != null) {
                pos = afterSpaces + 1;
                while (pos < n && header.charAt(pos) == ' ') {
                    pos++;
                }
                String value;
                if (pos < n && header.charAt(pos) == '"') {
                    StringBuilder b = new StringBuilder();
                    pos++;
                    while (pos < n && header.charAt(pos) != '"') {
                        char c = header.charAt(pos++);
                        if (c == '\\' && pos < n) {
                            c = header.charAt(pos++);
                        }
                        b.append(c);
                    }
                    pos++;
                    value = b.toString();
                } else {
                    int vs = pos;
                    while (pos < n && header.charAt(pos) != ',') {
                        pos++;
                    }
                    value = header.substring(vs, pos).trim();
                }
                params.put(token.toLowerCase(Locale.ROOT), value);
            } else {
                if (scheme != null) {
                    result.add(new Challenge(scheme, params));
                }
                scheme = token;
                params = new LinkedHashMap<>();
            }
        }
        if (scheme != null) {
            result.add(new Challenge(scheme, params));
        }
        return result;
    }

    private static boolean isTokenChar(char c) {
        return c > ' ' && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
    }
}
