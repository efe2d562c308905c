package io.wharf.rest.internal.router.plugins;

import io.wharf.api.plugin.PluginDetails;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps plugins to the JSON of Docker's {@code Plugin} definition. A driver bundle runs inside the daemon, so the
 * fields about a plugin's own container (entrypoint, mounts, devices, capabilities) are present and empty.
 */
final class PluginsJson {
    private PluginsJson() {
    }

    static List<Map<String, Object>> list(List<PluginDetails> plugins) {
        return plugins.stream().map(PluginsJson::plugin).toList();
    }

    static Map<String, Object> plugin(PluginDetails p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Id", p.id());
        m.put("Name", p.fullName());
        m.put("Enabled", p.enabled());
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("Mounts", List.of());
        settings.put("Env", List.of());
        settings.put("Args", List.of());
        settings.put("Devices", List.of());
        m.put("Settings", settings);
        m.put("PluginReference", p.reference());
        m.put("Config", config(p));
        return m;
    }

    private static Map<String, Object> config(PluginDetails p) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("DockerVersion", "");
        c.put("Description", p.description());
        c.put("Documentation", "");
        Map<String, Object> iface = new LinkedHashMap<>();
        iface.put("Types", p.types());
        iface.put("Socket", p.socket());
        iface.put("ProtocolScheme", "");
        c.put("Interface", iface);
        c.put("Entrypoint", List.of());
        c.put("WorkDir", "");
        c.put("User", Map.of());
        c.put("Network", Map.of("Type", "host"));
        Map<String, Object> linux = new LinkedHashMap<>();
        linux.put("Capabilities", List.of());
        linux.put("AllowAllDevices", false);
        linux.put("Devices", List.of());
        c.put("Linux", linux);
        c.put("PropagatedMount", "");
        c.put("IpcHost", false);
        c.put("PidHost", false);
        c.put("Mounts", List.of());
        c.put("Env", List.of());
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("Name", "");
        args.put("Description", "");
        args.put("Settable", List.of());
        args.put("Value", List.of());
        c.put("Args", args);
        return c;
    }
}
