package io.wharf.api.common;

import io.wharf.api.errors.InvalidArgumentException;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The {@code filters} argument of list, prune and events calls: each key holds a set of accepted values.
 * Values of one key are alternatives (OR); different keys must all match (AND), as in dockerd.
 */
public final class Filters {
    private static final Filters EMPTY = new Filters(Map.of());

    private final Map<String, Set<String>> values;

    private Filters(Map<String, Set<String>> values) {
        this.values = values;
    }

    public static Filters empty() {
        return EMPTY;
    }

    public static Filters of(Map<String, ? extends Collection<String>> raw) {
        if (raw == null || raw.isEmpty()) {
            return EMPTY;
        }
        Map<String, Set<String>> copy = new LinkedHashMap<>();
        raw.forEach((k, v) -> copy.put(k, Collections.unmodifiableSet(new LinkedHashSet<>(v))));
        return new Filters(Collections.unmodifiableMap(copy));
    }

    /** A copy with one more value for {@code key}. */
    public Filters with(String key, String value) {
        Map<String, Set<String>> copy = new LinkedHashMap<>(values);
        Set<String> set = new LinkedHashSet<>(copy.getOrDefault(key, Set.of()));
        set.add(value);
        copy.put(key, Collections.unmodifiableSet(set));
        return new Filters(Collections.unmodifiableMap(copy));
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    public Set<String> get(String key) {
        return values.getOrDefault(key, Set.of());
    }

    public Map<String, Set<String>> asMap() {
        return values;
    }

    /** Throws dockerd's {@code invalid filter 'KEY'} for a key outside {@code accepted}. */
    public Filters validate(Set<String> accepted) {
        for (String key : values.keySet()) {
            if (!accepted.contains(key)) {
                throw new InvalidArgumentException("invalid filter '" + key + "'");
            }
        }
        return this;
    }

    /** True when {@code key} is absent or one of its values equals {@code value}. */
    public boolean exactMatch(String key, String value) {
        Set<String> set = values.get(key);
        return set == null || set.isEmpty() || set.contains(value);
    }

    /** True when {@code key} is absent or one of its values is a prefix of {@code value}. */
    public boolean prefixMatch(String key, String value) {
        Set<String> set = values.get(key);
        if (set == null || set.isEmpty()) {
            return true;
        }
        for (String v : set) {
            if (value != null && value.startsWith(v)) {
                return true;
            }
        }
        return false;
    }

    /**
     * dockerd's label matching: every value of {@code key} ({@code name} or {@code name=value}, also
     * {@code name!=value}) must hold for {@code labels}. True when the key is absent.
     */
    public boolean labelsMatch(String key, Map<String, String> labels) {
        Set<String> set = values.get(key);
        if (set == null) {
            return true;
        }
        Map<String, String> l = labels == null ? Map.of() : labels;
        for (String cond : set) {
            int ne = cond.indexOf("!=");
            int eq = cond.indexOf('=');
            if (ne >= 0 && ne < eq) {
                String name = cond.substring(0, ne);
                String val = cond.substring(ne + 2);
                if (l.containsKey(name) && l.get(name).equals(val)) {
                    return false;
                }
            } else if (eq >= 0) {
                String name = cond.substring(0, eq);
                if (!cond.substring(eq + 1).equals(l.get(name))) {
                    return false;
                }
            } else if (!l.containsKey(cond)) {
                return false;
            }
        }
        return true;
    }

    /** The single boolean value of {@code key}, or {@code null} when absent; dockerd's error when not a boolean. */
    public Boolean bool(String key) {
        Set<String> set = values.get(key);
        if (set == null || set.isEmpty()) {
            return null;
        }
        String v = set.iterator().next().toLowerCase(java.util.Locale.ROOT);
        switch (v) {
            case "1": case "true": return Boolean.TRUE;
            case "0": case "false": return Boolean.FALSE;
            default: throw new InvalidArgumentException("invalid filter '" + key + "=" + set.iterator().next() + "'");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Filters && ((Filters) o).values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
