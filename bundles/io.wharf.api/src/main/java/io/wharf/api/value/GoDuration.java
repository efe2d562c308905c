package io.wharf.api.value;

import io.wharf.api.errors.InvalidArgumentException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

/** A duration written as Go's {@code time.ParseDuration} takes it: {@code 300ms}, {@code -1.5h}, {@code 2h45m}. */
public final class GoDuration {
    private static final Map<String, Long> UNITS = Map.of("ns", 1L, "us", 1_000L, "µs", 1_000L, "μs", 1_000L,
            "ms", 1_000_000L, "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);
    private static final BigDecimal MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private GoDuration() {
    }

    public static Duration parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new InvalidArgumentException("time: invalid duration \"" + text + "\"");
        }
        String s = text;
        boolean negative = false;
        if (s.charAt(0) == '-' || s.charAt(0) == '+') {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        if (s.isEmpty()) {
            throw invalid(text);
        }
        BigDecimal total = BigDecimal.ZERO;
        int i = 0;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            String number = s.substring(start, i);
            if (number.isEmpty() || number.equals(".") || number.indexOf('.') != number.lastIndexOf('.')) {
                throw invalid(text);
            }
            int unitStart = i;
            while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
                i++;
            }
            String unit = s.substring(unitStart, i);
            if (unit.isEmpty()) {
                throw new InvalidArgumentException("time: missing unit in duration \"" + text + "\"");
            }
            Long nanos = UNITS.get(unit);
            if (nanos == null) {
                throw new InvalidArgumentException("time: unknown unit \"" + unit + "\" in duration \"" + text + "\"");
            }
            total = total.add(new BigDecimal(number.endsWith(".") ? number + "0" : number.startsWith(".") ? "0"
                    + number : number).multiply(BigDecimal.valueOf(nanos)));
            if (total.compareTo(MAX) > 0) {
                throw invalid(text);
            }
        }
        long n = total.longValue();
        return Duration.ofNanos(negative ? -n : n);
    }

    private static InvalidArgumentException invalid(String text) {
        return new InvalidArgumentException("time: invalid duration \"" + text + "\"");
    }
}
