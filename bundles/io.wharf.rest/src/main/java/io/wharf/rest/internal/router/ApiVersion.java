package io.wharf.rest.internal.router;

import io.wharf.api.system.SystemService;
import java.util.Arrays;

/**
 * An API version such as {@code 1.47}, compared numerically part by part as dockerd does, so that
 * {@code 1.9 < 1.24}.
 */
public final class ApiVersion implements Comparable<ApiVersion> {
    public static final ApiVersion CURRENT = parse(SystemService.API_VERSION);
    public static final ApiVersion MINIMUM = parse(SystemService.MIN_API_VERSION);

    private final String text;
    private final int[] parts;

    private ApiVersion(String text, int[] parts) {
        this.text = text;
        this.parts = parts;
    }

    /** Parses digits and dots; throws IllegalArgumentException otherwise. */
    public static ApiVersion parse(String text) {
        String[] s = text.split("\\.", -1);
        int[] parts = new int[s.length];
        for (int i = 0; i < s.length; i++) {
            String p = s[i];
            if (p.isEmpty()) {
                parts[i] = 0;   // dockerd treats an empty part as 0
                continue;
            }
            for (int k = 0; k < p.length(); k++) {
                if (p.charAt(k) < '0' || p.charAt(k) > '9') {
                    throw new IllegalArgumentException("not a version: " + text);
                }
            }
            parts[i] = p.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(p);
        }
        return new ApiVersion(text, parts);
    }

    public boolean lessThan(String other) {
        return compareTo(parse(other)) < 0;
    }

    public boolean atLeast(String other) {
        return compareTo(parse(other)) >= 0;
    }

    @Override
    public int compareTo(ApiVersion o) {
        int n = Math.max(parts.length, o.parts.length);
        for (int i = 0; i < n; i++) {
            int a = i < parts.length ? parts[i] : 0;
            int b = i < o.parts.length ? o.parts[i] : 0;
            if (a != b) {
                return Integer.compare(a, b);
            }
        }
        return 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ApiVersion v && compareTo(v) == 0;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(parts);
    }

    @Override
    public String toString() {
        return text;
    }
}
