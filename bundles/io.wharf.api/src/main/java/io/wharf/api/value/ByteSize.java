package io.wharf.api.value;

import io.wharf.api.errors.InvalidArgumentException;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A size in bytes with an optional binary unit, as dockerd's {@code units.RAMInBytes} reads {@code --memory},
 * {@code --shm-size} and {@code size=} of tmpfs: {@code 1024}, {@code 64m}, {@code 1.5GB}, {@code 2g}.
 */
public final class ByteSize {
    private static final Pattern SIZE = Pattern.compile("^(\\d+(?:\\.\\d+)?) ?([kKmMgGtTpP])?[iI]?[bB]?$");
    private static final String UNITS = "kmgtp";
    private static final BigDecimal MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private ByteSize() {
    }

    public static long parse(String text) {
        Matcher m = text == null || text.length() > 40 ? null : SIZE.matcher(text);
        if (m == null || !m.matches()) {
            throw new InvalidArgumentException("invalid size: '" + text + "'");
        }
        BigDecimal n = new BigDecimal(m.group(1));
        if (m.group(2) != null) {
            int power = UNITS.indexOf(m.group(2).toLowerCase(Locale.ROOT)) + 1;
            n = n.multiply(BigDecimal.valueOf(1024).pow(power));
        }
        if (n.compareTo(MAX) > 0) {
            throw new InvalidArgumentException("invalid size: '" + text + "'");
        }
        return n.longValue();
    }
}
