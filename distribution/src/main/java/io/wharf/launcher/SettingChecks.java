package io.wharf.launcher;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * dockerd's checks of the values a reload may change, run at start and before a reload applies anything, so that
 * a bad value stops the daemon from starting and leaves a running one as it was. Messages are dockerd's.
 */
final class SettingChecks {
    private SettingChecks() {
    }

    /** Values already have the types the table gives their keys. */
    static void check(Map<String, Object> values) throws UsageException {
        labels(values.get("labels"));
        for (String key : List.of("max-concurrent-downloads", "max-concurrent-uploads")) {
            if (values.get(key) instanceof Number n && n.doubleValue() < 0) {
                throw new UsageException("invalid " + key.replace('-', ' ') + ": " + n.longValue());
            }
        }
        if (values.get("shutdown-timeout") instanceof Number n && n.doubleValue() < 0) {
            throw new UsageException("invalid shutdown timeout: " + n.longValue());
        }
        if (values.get("registry-mirrors") instanceof List<?> mirrors) {
            for (Object m : mirrors) {
                mirror((String) m);
            }
        }
        runtimes(values.get("runtimes"));
        if (values.get("default-runtime") instanceof String s && s.isEmpty()) {
            throw new UsageException("default-runtime must not be empty");
        }
    }

    private static void labels(Object value) throws UsageException {
        if (!(value instanceof List<?> labels)) {
            return;
        }
        Map<String, String> seen = new HashMap<>();
        for (Object o : labels) {
            String label = (String) o;
            int eq = label.indexOf('=');
            if (eq < 0) {
                throw new UsageException("bad attribute format: " + label);
            }
            String lowered = label.toLowerCase(Locale.ROOT);
            if (lowered.startsWith("com.docker.") || lowered.startsWith("io.docker.")
                    || lowered.startsWith("org.dockerproject.")) {
                throw new UsageException("label " + label + " is not allowed: the namespaces com.docker.*, "
                        + "io.docker.*, and org.dockerproject.* are reserved for internal use");
            }
            String key = label.substring(0, eq);
            String val = label.substring(eq + 1);
            String before = seen.putIfAbsent(key, val);
            if (before != null && !before.equals(val)) {
                throw new UsageException("conflict labels for " + key + "=" + val + " and " + key + "=" + before);
            }
        }
    }

    private static void mirror(String mirror) throws UsageException {
        int sep = mirror.indexOf("://");
        if (sep <= 0) {
            throw new UsageException("invalid mirror: no scheme specified for \"" + mirror
                    + "\": must use either 'https://' or 'http://'");
        }
        URI uri;
        try {
            uri = new URI(mirror);
        } catch (URISyntaxException e) {
            throw new UsageException("invalid mirror: \"" + mirror + "\" is not a valid URI");
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new UsageException("invalid mirror: unsupported scheme \"" + uri.getScheme() + "\" in \"" + mirror
                    + "\": must use either 'https://' or 'http://'");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new UsageException("invalid mirror: query or fragment at end of the URI \"" + mirror + "\"");
        }
        if (uri.getRawUserInfo() != null) {
            throw new UsageException("invalid mirror: username/password not allowed in URI \""
                    + mirror.replace(uri.getRawUserInfo() + "@", "") + "\"");
        }
        if (uri.getHost() == null) {
            throw new UsageException("invalid mirror: \"" + mirror + "\" is not a valid URI");
        }
    }

    /** Each runtime is an object, as {@code {"crun": {"path": "/usr/bin/crun", "runtimeArgs": []}}}. */
    private static void runtimes(Object value) throws UsageException {
        if (!(value instanceof Map<?, ?> runtimes)) {
            return;
        }
        for (Map.Entry<?, ?> e : runtimes.entrySet()) {
            if (!(e.getValue() instanceof Map<?, ?> rt)) {
                throw new UsageException("runtime " + e.getKey() + ": not a JSON object");
            }
            if (rt.get("path") != null && !(rt.get("path") instanceof String)) {
                throw new UsageException("runtime " + e.getKey() + ": path must be a string");
            }
            if (rt.get("runtimeArgs") != null && !(rt.get("runtimeArgs") instanceof List<?> args
                    && args.stream().allMatch(String.class::isInstance))) {
                throw new UsageException("runtime " + e.getKey() + ": runtimeArgs must be a list of strings");
            }
        }
    }
}
