package io.wharf.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ConfigurationReloadTest {
    private static Map<String, Object> running() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("data-root", "/d");
        v.put("debug", false);
        v.put("labels", List.of("a=1"));
        v.put("max-concurrent-downloads", 7L);
        v.put("insecure-registries", List.of("r:5000"));
        return v;
    }

    @Test
    void reloadableKeysChangeAndTheOthersStay() {
        Map<String, Object> file = running();
        file.put("data-root", "/elsewhere");
        file.put("debug", true);
        file.put("labels", List.of("a=2", "b=3"));
        file.put("bip", "10.1.0.1/24");
        ConfigurationReload.Plan plan = ConfigurationReload.plan(running(), file);
        assertEquals("/d", plan.values().get("data-root"));
        assertEquals(true, plan.values().get("debug"));
        assertEquals(List.of("a=2", "b=3"), plan.values().get("labels"));
        assertFalse(plan.values().containsKey("bip"));
        assertEquals(List.of("debug", "labels"), plan.changed());
        assertEquals(List.of("bip", "data-root"), plan.notReloaded());
    }

    @Test
    void keysGoneFromTheFileKeepOrDropTheirValueAsDockerdDoes() {
        Map<String, Object> file = new LinkedHashMap<>(Map.of("data-root", "/d"));
        ConfigurationReload.Plan plan = ConfigurationReload.plan(running(), file);
        assertEquals(List.of("a=1"), plan.values().get("labels"), "labels stay");
        assertEquals(List.of("r:5000"), plan.values().get("insecure-registries"), "insecure registries stay");
        assertEquals(false, plan.values().get("debug"));
        assertFalse(plan.values().containsKey("max-concurrent-downloads"), "back to the default");
        assertEquals(List.of("max-concurrent-downloads"), plan.changed());
        assertEquals(List.of(), plan.notReloaded());
    }

    @Test
    void nothingChangedPlansNothing() {
        ConfigurationReload.Plan plan = ConfigurationReload.plan(running(), running());
        assertEquals(running(), plan.values());
        assertEquals(List.of(), plan.changed());
        assertEquals(List.of(), plan.notReloaded());
    }

    @Test
    void theDaemonHearsLastWithTheReloadCounted() {
        Map<String, Hashtable<String, Object>> c = ConfigurationTable.configurations(running());
        Map<String, Hashtable<String, Object>> ordered = ConfigurationReload.daemonLast(c, 4);
        List<String> pids = List.copyOf(ordered.keySet());
        assertEquals(ConfigurationTable.DAEMON, pids.get(pids.size() - 1));
        assertEquals(4L, ordered.get(ConfigurationTable.DAEMON).get(ConfigurationTable.RELOAD_COUNT));
        assertFalse(c.get(ConfigurationTable.DAEMON).containsKey(ConfigurationTable.RELOAD_COUNT),
                "the table's own configurations are left as they were");
        assertEquals(c.keySet(), ordered.keySet());
    }

    @Test
    void onlyChangedConfigurationsCountAsChanged() {
        Map<String, Hashtable<String, Object>> before = ConfigurationTable.configurations(running());
        Map<String, Object> v = running();
        v.put("labels", List.of("a=9"));
        Map<String, Hashtable<String, Object>> after = ConfigurationTable.configurations(v);
        List<String> changed = after.keySet().stream()
                .filter(pid -> !ConfigurationPublisher.same(before.get(pid), after.get(pid))).toList();
        assertEquals(List.of(ConfigurationTable.ENGINE_WIDE, ConfigurationTable.DAEMON), changed);
    }
}
