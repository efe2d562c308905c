package io.wharf.volume.local.internal;

import io.wharf.api.errors.InvalidArgumentException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The options of dockerd's local driver: {@code type}, {@code device} and {@code o} describe what to mount on the
 * volume's {@code _data} when it is mounted ({@code mount -t type -o o device _data}); {@code size} is a quota,
 * which this driver cannot enforce.
 */
final class VolumeOptions {
    private static final Set<String> VALID = Set.of("type", "o", "device", "size");
    /** Which options need which others, in the order dockerd's messages are most helpful. */
    private static final List<Map.Entry<String, List<String>>> MANDATORY = List.of(
            Map.entry("device", List.of("type")),
            Map.entry("type", List.of("device")),
            Map.entry("o", List.of("device", "type")));
    private static final Pattern RAM_SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kKmMgGtTpP])?[iI]?[bB]?");

    private VolumeOptions() {
    }

    static void check(String name, Map<String, String> options) {
        for (String key : options.keySet()) {
            if (!VALID.contains(key)) {
                throw invalid(name, "invalid option: " + GoQuote.quote(key));
            }
        }
        String size = options.get("size");
        if (size != null && ramInBytes(name, size) > 0) {
            throw invalid(name, "quota size requested but no quota support");
        }
        for (Map.Entry<String, List<String>> rule : MANDATORY) {
            if (options.containsKey(rule.getKey())) {
                for (String required : rule.getValue()) {
                    if (!options.containsKey(required)) {
                        throw invalid(name, "missing required option: " + GoQuote.quote(required));
                    }
                }
            }
        }
    }

    /** Whether mounting the volume means a mount(2) on its {@code _data} rather than handing out the directory. */
    static boolean needsMount(Map<String, String> options) {
        return !options.getOrDefault("type", "").isEmpty() || !options.getOrDefault("device", "").isEmpty();
    }

    /** Binary units as docker's {@code units.RAMInBytes}: {@code 1m} is 1,048,576 bytes. */
    static long ramInBytes(String name, String value) {
        Matcher m = RAM_SIZE.matcher(value.trim());
        if (!m.matches()) {
            throw invalid(name, "invalid size: '" + value + "'");
        }
        double n = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "" : m.group(2).toLowerCase(Locale.ROOT);
        int shift = switch (unit) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            case "t" -> 40;
            case "p" -> 50;
            default -> 0;
        };
        return (long) (n * (1L << shift));
    }

    private static InvalidArgumentException invalid(String name, String message) {
        return new InvalidArgumentException("create " + name + ": " + message);
    }
}
