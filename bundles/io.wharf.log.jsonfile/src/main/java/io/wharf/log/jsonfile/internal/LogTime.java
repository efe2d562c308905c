package io.wharf.log.jsonfile.internal;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Timestamps as Go's {@code time.RFC3339Nano} writes them in UTC, which is what dockerd puts in json-file logs:
 * the fraction has trailing zeros removed and is left out entirely on a whole second.
 */
final class LogTime {
    private static final long NANOS = 1_000_000_000L;

    private LogTime() {
    }

    static void append(ByteBuf out, long epochNanos) {
        long seconds = Math.floorDiv(epochNanos, NANOS);
        int fraction = (int) Math.floorMod(epochNanos, NANOS);
        LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
        digits(out, t.getYear(), 4).put((byte) '-');
        digits(out, t.getMonthValue(), 2).put((byte) '-');
        digits(out, t.getDayOfMonth(), 2).put((byte) 'T');
        digits(out, t.getHour(), 2).put((byte) ':');
        digits(out, t.getMinute(), 2).put((byte) ':');
        digits(out, t.getSecond(), 2);
        if (fraction != 0) {
            int width = 9;
            while (fraction % 10 == 0) {
                fraction /= 10;
                width--;
            }
            out.put((byte) '.');
            digits(out, fraction, width);
        }
        out.put((byte) 'Z');
    }

    static String format(long epochNanos) {
        ByteBuf b = new ByteBuf(36);
        append(b, epochNanos);
        return b.toString();
    }

    /** Parses RFC 3339 with an optional fraction of up to nine digits and a {@code Z} or numeric offset. */
    static long parse(CharSequence s) {
        try {
            int year = num(s, 0, 4);
            expect(s, 4, '-');
            int month = num(s, 5, 2);
            expect(s, 7, '-');
            int day = num(s, 8, 2);
            char sep = s.charAt(10);
            if (sep != 'T' && sep != 't' && sep != ' ') {
                throw new IllegalArgumentException();
            }
            int hour = num(s, 11, 2);
            expect(s, 13, ':');
            int minute = num(s, 14, 2);
            expect(s, 16, ':');
            int second = num(s, 17, 2);
            int i = 19;
            long fraction = 0;
            if (i < s.length() && s.charAt(i) == '.') {
                i++;
                int scale = 0;
                while (i < s.length() && Character.isDigit(s.charAt(i))) {
                    if (scale < 9) {
                        fraction = fraction * 10 + (s.charAt(i) - '0');
                        scale++;
                    }
                    i++;
                }
                for (; scale < 9; scale++) {
                    fraction *= 10;
                }
            }
            long offsetSeconds = 0;
            char zone = s.charAt(i);
            if (zone == '+' || zone == '-') {
                offsetSeconds = num(s, i + 1, 2) * 3600L + num(s, i + 4, 2) * 60L;
                if (zone == '-') {
                    offsetSeconds = -offsetSeconds;
                }
            } else if (zone != 'Z' && zone != 'z') {
                throw new IllegalArgumentException();
            }
            long days = LocalDate.of(year, month, day).toEpochDay();
            long seconds = days * 86400 + hour * 3600L + minute * 60L + second - offsetSeconds;
            return seconds * NANOS + fraction;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not an RFC 3339 time: " + s, e);
        }
    }

    private static ByteBuf digits(ByteBuf out, int value, int width) {
        byte[] d = new byte[width];
        for (int i = width - 1; i >= 0; i--) {
            d[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        return out.put(d);
    }

    private static int num(CharSequence s, int at, int width) {
        int v = 0;
        for (int i = at; i < at + width; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException();
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static void expect(CharSequence s, int at, char c) {
        if (s.charAt(at) != c) {
            throw new IllegalArgumentException();
        }
    }
}
