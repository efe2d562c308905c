package io.wharf.log.jsonfile.internal;

import io.wharf.api.log.LogContext;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The {@code attrs} dockerd adds to every entry: the container labels named by {@code labels} or matching
 * {@code labels-regex}, and the {@code tag} when the user set one. Environment variables ({@code env},
 * {@code env-regex}) are not in the log context; the daemon passes them in each message's attributes.
 */
final class LogAttributes {
    private LogAttributes() {
    }

    static Map<String, String> of(LogContext context) {
        Map<String, String> options = context.options();
        Map<String, String> labels = context.labels() == null ? Map.of() : context.labels();
        Map<String, String> attrs = new TreeMap<>();
        String names = options.get("labels");
        if (names != null) {
            for (String name : names.split(",")) {
                String value = labels.get(name.trim());
                if (value != null) {
                    attrs.put(name.trim(), value);
                }
            }
        }
        String regex = options.get("labels-regex");
        if (regex != null) {
            Pattern p = Pattern.compile(regex);
            labels.forEach((k, v) -> {
                if (p.matcher(k).find()) {
                    attrs.put(k, v);
                }
            });
        }
        String tag = options.get("tag");
        if (tag != null && !tag.isEmpty()) {
            attrs.put("tag", tag(tag, context));
        }
        return attrs;
    }

    /** The common fields of dockerd's log-tag template. */
    static String tag(String template, LogContext c) {
        String id = c.containerId() == null ? "" : c.containerId();
        return template
                .replace("{{.ID}}", id.length() > 12 ? id.substring(0, 12) : id)
                .replace("{{.FullID}}", id)
                .replace("{{.Name}}", c.containerName() == null ? "" : c.containerName())
                .replace("{{.ImageName}}", c.imageName() == null ? "" : c.imageName())
                .replace("{{.DaemonName}}", "docker");
    }
}
