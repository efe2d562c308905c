package io.wharf.daemon.internal.container;

import io.wharf.api.errors.InvalidArgumentException;
import java.time.Duration;
import java.time.Instant;

/** dockerd's time arguments: RFC 3339, Unix seconds (with fraction), or a duration back from now ({@code 10m}). */
final class Times {
    private Times() {
    }

    static Instant parseUntil(String value) {
        String v = value.trim();
        try {
            if (v.matches("\\d+(\\.\\d+)?")) {
                double secs = Double.parseDouble(v);
                return Instant.ofEpochSecond((long) secs, (long) ((secs - Math.floor(secs)) * 1e9));
            }
            if (v.matches("\\d+(\\.\\d+)?(ns|us|ms|s|m|h)")) {
                return Instant.now().minus(Duration.parse("PT" + goDuration(v)));
            }
            return java.time.OffsetDateTime.parse(v).toInstant();
        } catch (RuntimeException e) {
            throw new InvalidArgumentException("failed to parse value " + value + " as a timestamp");
        }
    }

    private static String goDuration(String v) {
        if (v.endsWith("h")) {
            return v.substring(0, v.length() - 1) + "H";
        }
        if (v.endsWith("ms")) {
            return Double.parseDouble(v.substring(0, v.length() - 2)) / 1000 + "S";
        }
        if (v.endsWith("m")) {
            return v.substring(0, v.length() - 1) + "M";
        }
        return v.replaceAll("[a-z]+$", "") + "S";
    }
}
