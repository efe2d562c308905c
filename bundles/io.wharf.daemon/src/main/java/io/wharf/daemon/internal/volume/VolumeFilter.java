package io.wharf.daemon.internal.volume;

import io.wharf.api.common.Filters;
import io.wharf.api.volume.VolumeDetails;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** dockerd's volume filters for list ({@code name}, {@code driver}, {@code label}, {@code dangling}) and prune. */
final class VolumeFilter {
    static final Set<String> LIST_KEYS = Set.of("name", "driver", "label", "dangling");
    static final Set<String> PRUNE_KEYS = Set.of("label", "label!", "all");

    private VolumeFilter() {
    }

    /** {@code inUse} decides {@code dangling}; name is a regular expression searched in the name, as in dockerd. */
    static boolean matchesList(Filters f, VolumeDetails v, boolean inUse) {
        if (f.has("name") && f.get("name").stream().noneMatch(p -> find(p, v.name()))) {
            return false;
        }
        if (!f.exactMatch("driver", v.driver())) {
            return false;
        }
        if (!f.labelsMatch("label", v.labels())) {
            return false;
        }
        Boolean dangling = f.bool("dangling");
        return dangling == null || dangling != inUse;
    }

    /** {@code label} conditions must all hold and no {@code label!} condition may hold. */
    static boolean matchesPrune(Filters f, Map<String, String> labels) {
        if (!f.labelsMatch("label", labels)) {
            return false;
        }
        for (String cond : f.get("label!")) {
            if (Filters.of(Map.of("label", Set.of(cond))).labelsMatch("label", labels)) {
                return false;
            }
        }
        return true;
    }

    private static boolean find(String pattern, String name) {
        try {
            return Pattern.compile(pattern).matcher(name).find();
        } catch (PatternSyntaxException e) {
            return name.contains(pattern);
        }
    }
}
