package io.wharf.archive.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * PAX extended header records: {@code "<len> <key>=<value>\n"} where len counts the whole record. Values
 * are kept as raw bytes because {@code SCHILY.xattr.*} values are binary.
 */
public final class PaxRecords {
    private PaxRecords() {}

    public static Map<String, byte[]> parse(byte[] data) throws IOException {
        Map<String, byte[]> records = new LinkedHashMap<>();
        int pos = 0;
        while (pos < data.length) {
            if (data[pos] == 0) {
                break; // NUL padding after the last record
            }
            int space = pos;
            long len = 0;
            while (space < data.length && data[space] != ' ') {
                int d = data[space] - '0';
                if (d < 0 || d > 9 || len > data.length) {
                    throw new IOException("malformed PAX header: bad record length");
                }
                len = len * 10 + d;
                space++;
            }
            int end = (int) (pos + len);
            if (space >= data.length || len <= 0 || end > data.length || data[end - 1] != '\n') {
                throw new IOException("malformed PAX header: bad record");
            }
            int eq = space + 1;
            while (eq < end && data[eq] != '=') {
                eq++;
            }
            if (eq >= end) {
                throw new IOException("malformed PAX header: record without '='");
            }
            String key = new String(data, space + 1, eq - space - 1, StandardCharsets.UTF_8);
            byte[] value = java.util.Arrays.copyOfRange(data, eq + 1, end - 1);
            records.put(key, value);
            pos = end;
        }
        return records;
    }

    public static byte[] encode(Map<String, byte[]> records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, byte[]> r : records.entrySet()) {
            byte[] key = r.getKey().getBytes(StandardCharsets.UTF_8);
            int body = 1 + key.length + 1 + r.getValue().length + 1; // ' ' key '=' value '\n'
            int len = body + Integer.toString(body).length();
            if (Integer.toString(len).length() != Integer.toString(body).length()) {
                len = body + Integer.toString(len).length();
            }
            out.writeBytes(Integer.toString(len).getBytes(StandardCharsets.US_ASCII));
            out.write(' ');
            out.writeBytes(key);
            out.write('=');
            out.writeBytes(r.getValue());
            out.write('\n');
        }
        return out.toByteArray();
    }

    public static String string(byte[] value) {
        return new String(value, StandardCharsets.UTF_8);
    }

    public static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    /** A PAX time: decimal seconds with an optional fraction, possibly negative. */
    public static Instant parseTime(String s) throws IOException {
        try {
            BigDecimal v = new BigDecimal(s);
            BigDecimal seconds = v.setScale(0, RoundingMode.FLOOR);
            long nanos = v.subtract(seconds).movePointRight(9).setScale(0, RoundingMode.DOWN).longValue();
            return Instant.ofEpochSecond(seconds.longValueExact(), nanos);
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IOException("malformed PAX time: " + s);
        }
    }

    public static String formatTime(Instant t) {
        BigDecimal v = BigDecimal.valueOf(t.getEpochSecond()).add(BigDecimal.valueOf(t.getNano(), 9));
        return v.stripTrailingZeros().toPlainString();
    }
}
