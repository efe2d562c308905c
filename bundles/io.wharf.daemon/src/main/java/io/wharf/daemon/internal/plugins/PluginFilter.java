package io.wharf.daemon.internal.plugins;

import io.wharf.api.common.Filters;
import io.wharf.api.plugin.PluginDetails;
import java.util.List;
import java.util.Set;

/** dockerd's plugin list filters: {@code capability} (any type's capability) and {@code enable}. */
final class PluginFilter {
    private static final Set<String> ACCEPTED = Set.of("capability", "enable");

    private final Filters filters;
    private final Boolean enabled;

    PluginFilter(Filters filters) {
        this.filters = filters.validate(ACCEPTED);
        this.enabled = filters.bool("enable");
    }

    boolean matches(PluginDetails p) {
        if (enabled != null && enabled != p.enabled()) {
            return false;
        }
        if (!filters.has("capability")) {
            return true;
        }
        return p.types().stream().map(PluginTypes::capability).anyMatch(c -> filters.get("capability").contains(c));
    }

    List<PluginDetails> apply(List<PluginDetails> all) {
        return all.stream().filter(this::matches).toList();
    }
}
