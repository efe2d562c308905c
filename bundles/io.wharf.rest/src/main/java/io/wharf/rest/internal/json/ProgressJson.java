package io.wharf.rest.internal.json;

import io.wharf.api.common.ProgressMessage;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * dockerd's JSON for one progress message (pulls, pushes, loads, builds), with the text bar the docker CLI prints
 * when not on a terminal.
 */
public final class ProgressJson {
    private static final int WIDTH = 50;

    private ProgressJson() {
    }

    public static Map<String, Object> of(ProgressMessage m) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (m.error() != null) {
            out.put("errorDetail", Map.of("message", m.error()));
            out.put("error", m.error());
            return out;
        }
        if (m.stream() != null) {
            out.put("stream", m.stream());
        }
        if (m.status() != null) {
            out.put("status", m.status());
        }
        if (m.current() >= 0) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("current", m.current());
            if (m.total() > 0) {
                detail.put("total", m.total());
            }
            out.put("progressDetail", detail);
            out.put("progress", bar(m.current(), m.total()));
        } else if (m.status() != null && m.id() != null) {
            out.put("progressDetail", Map.of());
        }
        if (m.id() != null) {
            out.put("id", m.id());
        }
        if (m.aux() != null) {
            out.put("aux", m.aux());
        }
        return out;
    }

    static String bar(long current, long total) {
        if (total <= 0) {
            return human(current);
        }
        int filled = (int) Math.min(WIDTH, WIDTH * Math.min(current, total) / total);
        return "[" + "=".repeat(filled) + ">" + " ".repeat(WIDTH - filled) + "] " + human(current) + "/"
                + human(total);
    }

    /** Decimal units with four significant digits, as Go's units.HumanSize. */
    static String human(long bytes) {
        String[] units = {"B", "kB", "MB", "GB", "TB", "PB"};
        double v = bytes;
        int i = 0;
        while (v >= 1000 && i < units.length - 1) {
            v /= 1000;
            i++;
        }
        String num = String.format(Locale.ROOT, "%.4g", v);
        if (num.contains(".")) {
            num = num.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return num + units[i];
    }
}
