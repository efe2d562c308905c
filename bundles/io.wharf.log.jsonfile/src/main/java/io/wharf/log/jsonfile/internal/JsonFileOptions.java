package io.wharf.log.jsonfile.internal;

import io.wharf.api.errors.InvalidArgumentException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code --log-opt} values json-file accepts, checked with dockerd's messages.
 *
 * @param maxSize bytes before the file is rotated, or -1 for no limit
 * @param maxFiles how many files at most, the live one included
 * @param compress whether rotated files are gzipped
 */
record JsonFileOptions(long maxSize, int maxFiles, boolean compress) {
    /** The keys dockerd's json-file driver accepts. */
    static final Set<String> KEYS = Set.of("max-file", "max-size", "compress", "labels", "labels-regex", "env",
            "env-regex", "tag");

    private static final Pattern HUMAN_SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kKmMgGtTpP])?[iI]?[bB]?");

    static JsonFileOptions parse(Map<String, String> options) {
        for (String key : options.keySet()) {
            if (!KEYS.contains(key)) {
                throw new InvalidArgumentException("unknown log opt '" + key + "' for json-file log driver");
            }
        }
        long maxSize = -1;
        String size = options.get("max-size");
        if (size != null) {
            maxSize = humanSize(size);
            if (maxSize <= 0) {
                throw new InvalidArgumentException("max-size must be a positive number");
            }
        }
        int maxFiles = 1;
        String files = options.get("max-file");
        if (files != null) {
            try {
                maxFiles = Integer.parseInt(files.trim());
            } catch (NumberFormatException e) {
                throw new InvalidArgumentException("strconv.Atoi: parsing \"" + files + "\": invalid syntax");
            }
            if (maxFiles < 1) {
                throw new InvalidArgumentException("max-file cannot be less than 1");
            }
        }
        boolean compress = false;
        String gz = options.get("compress");
        if (gz != null) {
            compress = goBool(gz);
            if (compress && (maxFiles == 1 || maxSize == -1)) {
                throw new InvalidArgumentException(
                        "compress cannot be true when max-file is less than 2 or max-size is not set");
            }
        }
        for (String key : new String[] {"labels-regex", "env-regex"}) {
            String regex = options.get(key);
            if (regex != null) {
                try {
                    Pattern.compile(regex);
                } catch (RuntimeException e) {
                    throw new InvalidArgumentException("error parsing regexp: " + e.getMessage());
                }
            }
        }
        return new JsonFileOptions(maxSize, maxFiles, compress);
    }

    /** Decimal units as docker's {@code units.FromHumanSize}: {@code 10m} is 10,000,000 bytes. */
    static long humanSize(String value) {
        Matcher m = HUMAN_SIZE.matcher(value.trim());
        if (!m.matches()) {
            throw new InvalidArgumentException("invalid size: '" + value + "'");
        }
        double n = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "" : m.group(2).toLowerCase(Locale.ROOT);
        double factor = switch (unit) {
            case "k" -> 1e3;
            case "m" -> 1e6;
            case "g" -> 1e9;
            case "t" -> 1e12;
            case "p" -> 1e15;
            default -> 1;
        };
        return (long) (n * factor);
    }

    /** Go's {@code strconv.ParseBool}. */
    private static boolean goBool(String s) {
        return switch (s) {
            case "1", "t", "T", "true", "TRUE", "True" -> true;
            case "0", "f", "F", "false", "FALSE", "False" -> false;
            default -> throw new InvalidArgumentException("strconv.ParseBool: parsing \"" + s + "\": invalid syntax");
        };
    }
}
