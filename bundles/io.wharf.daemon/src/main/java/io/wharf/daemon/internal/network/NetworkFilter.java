package io.wharf.daemon.internal.network;

import io.wharf.api.common.Filters;
import io.wharf.api.errors.InvalidArgumentException;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/** dockerd's network filters: list ({@code driver, id, name, label, scope, type, dangling}) and prune. */
final class NetworkFilter {
    static final Set<String> LIST_KEYS = Set.of("driver", "id", "name", "label", "scope", "type", "dangling");
    static final Set<String> PRUNE_KEYS = Set.of("until", "label", "label!");

    private NetworkFilter() {
    }

    static boolean matches(Filters f, NetworkRecord n, boolean inUse) {
        if (!f.exactMatch("driver", n.driver()) || !f.exactMatch("scope", n.scope())) {
            return false;
        }
        // id matches by prefix, name by substring, as dockerd does
        if (f.has("id") && f.get("id").stream().noneMatch(n.id()::startsWith)) {
            return false;
        }
        if (f.has("name") && f.get("name").stream().noneMatch(n.name()::contains)) {
            return false;
        }
        if (!f.labelsMatch("label", n.labels() == null ? Map.of() : n.labels())) {
            return false;
        }
        for (String t : f.get("type")) {
            if (!t.equals("custom") && !t.equals("builtin")) {
                throw new InvalidArgumentException("invalid filter: 'type'='" + t + "'");
            }
        }
        if (f.has("type") && !f.get("type").contains(n.predefined() ? "builtin" : "custom")) {
            return false;
        }
        if (f.has("dangling")) {
            Set<String> d = f.get("dangling");
            boolean want = d.contains("true") || d.contains("1");
            if (!want && !d.contains("false") && !d.contains("0")) {
                throw new InvalidArgumentException("invalid filter 'dangling=" + String.join(",", d) + "'");
            }
            // dangling: a custom network no container uses
            boolean dangling = !inUse && !n.predefined();
            return dangling == want;
        }
        return true;
    }

    static boolean matchesPrune(Filters f, NetworkRecord n) {
        Map<String, String> labels = n.labels() == null ? Map.of() : n.labels();
        if (!f.labelsMatch("label", labels)) {
            return false;
        }
        for (String cond : f.get("label!")) {
            if (Filters.of(Map.of("label", Set.of(cond))).labelsMatch("label", labels)) {
                return false;
            }
        }
        for (String until : f.get("until")) {
            if (!Instant.parse(n.created()).isBefore(until(until))) {
                return false;
            }
        }
        return true;
    }

    private static Instant until(String value) {
        try {
            return Instant.ofEpochSecond((long) Double.parseDouble(value));
        } catch (NumberFormatException e) {
            try {
                return Instant.parse(value);
            } catch (RuntimeException e2) {
                throw new InvalidArgumentException("invalid filter 'until=" + value + "'");
            }
        }
    }
}
