package io.wharf.rest.internal.router;

import java.util.ArrayList;
import java.util.List;

/**
 * A route path such as {@code /containers/{id}/json} or {@code /images/{name:.*}/json}. A greedy parameter
 * takes every segment between the literal segments before and after it, so names with {@code /} match.
 */
public final class PathPattern {
    private final String text;
    private final String[] segments;   // literal text, or null where a parameter stands
    private final String[] names;      // parameter names in order of appearance
    private final int[] paramIndex;    // for each segment: index into names, or -1
    private final int greedy;          // index of the greedy segment, or -1
    private final int literals;

    private PathPattern(String text, String[] segments, String[] names, int[] paramIndex, int greedy) {
        this.text = text;
        this.segments = segments;
        this.names = names;
        this.paramIndex = paramIndex;
        this.greedy = greedy;
        int n = 0;
        for (String s : segments) {
            if (s != null) {
                n++;
            }
        }
        this.literals = n;
    }

    public static PathPattern parse(String path) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("route path must start with /: " + path);
        }
        String[] parts = path.substring(1).split("/", -1);
        String[] segments = new String[parts.length];
        int[] index = new int[parts.length];
        List<String> names = new ArrayList<>();
        int greedy = -1;
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            index[i] = -1;
            if (p.startsWith("{") && p.endsWith("}")) {
                String name = p.substring(1, p.length() - 1);
                int colon = name.indexOf(':');
                if (colon >= 0) {
                    if (!name.substring(colon + 1).equals(".*")) {
                        throw new IllegalArgumentException("only {name:.*} patterns are supported: " + path);
                    }
                    if (greedy >= 0) {
                        throw new IllegalArgumentException("at most one greedy parameter: " + path);
                    }
                    greedy = i;
                    name = name.substring(0, colon);
                }
                index[i] = names.size();
                names.add(name);
            } else {
                segments[i] = p;
            }
        }
        return new PathPattern(path, segments, names.toArray(String[]::new), index, greedy);
    }

    /** True when the pattern has no parameters, so it can be looked up by its text. */
    boolean isLiteral() {
        return names.length == 0;
    }

    String text() {
        return text;
    }

    String[] names() {
        return names;
    }

    /** Literal segments first: the more specific of two patterns that both match is tried first. */
    int specificity() {
        return (greedy < 0 ? 1000 : 0) + literals;
    }

    /** The decoded parameter values when the raw (still percent-encoded) {@code path} matches, else null. */
    String[] match(String path) {
        if (path.isEmpty() || path.charAt(0) != '/') {
            return null;
        }
        // split at the literal slashes of the raw path, then decode each segment once: an encoded
        // slash stays inside its segment (and so inside a name) instead of adding a segment
        String[] parts = path.substring(1).split("/", -1);
        for (int i = 0; i < parts.length; i++) {
            parts[i] = PathSegments.decode(parts[i]);
        }
        int n = parts.length;
        int m = segments.length;
        String[] values = new String[names.length];
        if (greedy < 0) {
            if (n != m) {
                return null;
            }
            return matchRange(parts, 0, 0, m, values) ? values : null;
        }
        int tail = m - greedy - 1;
        if (n < m) {
            return null;
        }
        if (!matchRange(parts, 0, 0, greedy, values) || !matchRange(parts, n - tail, greedy + 1, tail, values)) {
            return null;
        }
        String joined = String.join("/", java.util.Arrays.asList(parts).subList(greedy, n - tail));
        if (joined.isEmpty()) {
            return null;
        }
        values[paramIndex[greedy]] = joined;
        return values;
    }

    private boolean matchRange(String[] parts, int from, int segFrom, int count, String[] values) {
        for (int k = 0; k < count; k++) {
            String part = parts[from + k];
            String literal = segments[segFrom + k];
            if (literal != null) {
                if (!literal.equals(part)) {
                    return false;
                }
            } else {
                if (part.isEmpty()) {
                    return false;
                }
                values[paramIndex[segFrom + k]] = part;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return text;
    }
}
