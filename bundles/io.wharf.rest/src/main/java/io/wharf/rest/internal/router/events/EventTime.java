package io.wharf.rest.internal.router.events;

import io.wharf.api.errors.InvalidArgumentException;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * The {@code since} and {@code until} parameters: Unix seconds with an optional fraction
 * ({@code 1700000000.123456789}, what the docker CLI sends) or an RFC 3339 time.
 */
final class EventTime {
    private EventTime() {
    }

    /** Nanoseconds since the epoch, or -1 when {@code value} is absent or empty. */
    static long parseNanos(String name, String value) {
        if (value == null || value.isEmpty()) {
            return -1;
        }
        String v = value.trim();
        try {
            if (v.indexOf('-') > 0 || v.indexOf('T') > 0) {
                OffsetDateTime t = OffsetDateTime.parse(v);
                return t.toEpochSecond() * 1_000_000_000L + t.getNano();
            }
            BigDecimal seconds = new BigDecimal(v);
            if (seconds.signum() < 0) {
                throw new NumberFormatException();
            }
            return seconds.movePointRight(9).longValue();
        } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
            throw new InvalidArgumentException("invalid value for " + name + ": " + value);
        }
    }
}
