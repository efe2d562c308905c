package io.wharf.daemon.internal.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.wharf.api.common.Filters;
import io.wharf.api.errors.InvalidArgumentException;
import io.wharf.api.plugin.PluginDetails;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** dockerd's {@code capability} and {@code enable} filters on the plugin list. */
class PluginFilterTest {
    private static final PluginDetails BRIDGE = plugin("io.wharf.network.bridge", true,
            "docker.ipamdriver/1.0", "docker.networkdriver/1.0");
    private static final PluginDetails OVERLAY = plugin("io.wharf.storage.overlay", false, "wharf.storagedriver/1");
    private static final PluginDetails RUNTIME = plugin("io.wharf.runtime.oci", true, "wharf.runtime/1");
    private static final List<PluginDetails> ALL = List.of(BRIDGE, OVERLAY, RUNTIME);

    private static PluginDetails plugin(String name, boolean enabled, String... types) {
        return new PluginDetails(PluginIds.of(name), name, "1.0.0", enabled, List.of(types), name, name, "", true);
    }

    private static List<String> names(Map<String, List<String>> filters) {
        return new PluginFilter(Filters.of(filters)).apply(ALL).stream().map(PluginDetails::name).toList();
    }

    @Test
    void noFilterKeepsAll() {
        assertEquals(3, names(Map.of()).size());
    }

    @Test
    void capabilityMatchesTheMiddleOfAType() {
        assertEquals(List.of("io.wharf.network.bridge"), names(Map.of("capability", List.of("networkdriver"))));
        assertEquals(List.of("io.wharf.storage.overlay"), names(Map.of("capability", List.of("storagedriver"))));
        assertEquals(List.of("io.wharf.runtime.oci"), names(Map.of("capability", List.of("runtime"))));
        assertEquals(List.of(), names(Map.of("capability", List.of("logdriver"))));
    }

    @Test
    void severalCapabilitiesAreAlternatives() {
        assertEquals(List.of("io.wharf.network.bridge", "io.wharf.runtime.oci"),
                names(Map.of("capability", List.of("ipamdriver", "runtime"))));
    }

    @Test
    void enableSelectsByState() {
        assertEquals(List.of("io.wharf.storage.overlay"), names(Map.of("enable", List.of("false"))));
        assertEquals(List.of("io.wharf.network.bridge", "io.wharf.runtime.oci"),
                names(Map.of("enable", List.of("true"))));
        assertEquals(List.of("io.wharf.runtime.oci"),
                names(Map.of("enable", List.of("true"), "capability", List.of("runtime"))));
    }

    @Test
    void badFiltersAreRefusedWithDockerdsWords() {
        InvalidArgumentException key = assertThrows(InvalidArgumentException.class,
                () -> names(Map.of("label", List.of("x"))));
        assertEquals("invalid filter 'label'", key.getMessage());
        InvalidArgumentException value = assertThrows(InvalidArgumentException.class,
                () -> names(Map.of("enable", List.of("maybe"))));
        assertEquals("invalid filter 'enable=maybe'", value.getMessage());
    }

    @Test
    void idsAreStableAndDistinct() {
        assertEquals(PluginIds.of("io.wharf.runtime.oci"), RUNTIME.id());
        assertEquals(64, RUNTIME.id().length());
        assertEquals(false, RUNTIME.id().equals(BRIDGE.id()));
    }
}
