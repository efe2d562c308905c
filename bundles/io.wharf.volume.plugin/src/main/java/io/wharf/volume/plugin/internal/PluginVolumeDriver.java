package io.wharf.volume.plugin.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.api.errors.NotFoundException;
import io.wharf.api.errors.WharfException;
import io.wharf.api.volume.VolumeDriver;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A volume driver served by a Docker volume plugin. Every call goes to the plugin: the plugin keeps the volumes,
 * and the engine keeps their labels. Labels are not part of the protocol and are not sent.
 */
final class PluginVolumeDriver implements VolumeDriver {
    private final VolumePluginProtocol plugin;

    PluginVolumeDriver(VolumePluginProtocol plugin) {
        this.plugin = plugin;
    }

    /** {@code Plugin.Activate}: whether the plugin says it implements {@code VolumeDriver}. */
    static boolean implementsVolumeDriver(VolumePluginProtocol plugin) {
        JsonNode reply = plugin.call("Plugin.Activate", plugin.request());
        for (JsonNode i : reply.path("Implements")) {
            if ("VolumeDriver".equals(i.asText())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public VolumeInfo create(String name, Map<String, String> options, Map<String, String> labels) {
        ObjectNode req = plugin.request().put("Name", name);
        ObjectNode opts = req.putObject("Opts");
        (options == null ? Map.<String, String>of() : options).forEach(opts::put);
        call("create", name, "VolumeDriver.Create", req);
        VolumeInfo got;
        try {
            got = get(name);
        } catch (NotFoundException e) {
            got = new VolumeInfo(name, "", null, Map.of(), Map.of(), Map.of());
        }
        return new VolumeInfo(name, got.mountpoint(), got.createdAt(), labels == null ? Map.of() : labels,
                options == null ? Map.of() : options, got.status());
    }

    @Override
    public void remove(String name) {
        call("remove", name, "VolumeDriver.Remove", plugin.request().put("Name", name));
    }

    @Override
    public VolumeInfo get(String name) {
        JsonNode reply = call("get", name, "VolumeDriver.Get", plugin.request().put("Name", name));
        JsonNode v = reply.path("Volume");
        if (!v.isObject()) {
            throw new NotFoundException("get " + name + ": no such volume");
        }
        return info(v, name);
    }

    @Override
    public List<VolumeInfo> list() {
        JsonNode reply = call("list", "", "VolumeDriver.List", plugin.request());
        List<VolumeInfo> out = new ArrayList<>();
        for (JsonNode v : reply.path("Volumes")) {
            if (!v.path("Name").asText("").isEmpty()) {
                out.add(info(v, v.path("Name").asText()));
            }
        }
        return out;
    }

    @Override
    public Path mount(String name, String callerId) {
        JsonNode reply = call("mount", name, "VolumeDriver.Mount",
                plugin.request().put("Name", name).put("ID", callerId));
        String mountpoint = reply.path("Mountpoint").asText("");
        if (mountpoint.isEmpty()) {
            throw new WharfException("mount " + name + ": volume plugin " + plugin.pluginName()
                    + " returned no mount point");
        }
        return Path.of(mountpoint);
    }

    @Override
    public void unmount(String name, String callerId) {
        call("unmount", name, "VolumeDriver.Unmount", plugin.request().put("Name", name).put("ID", callerId));
    }

    /** {@code VolumeDriver.Capabilities}; {@code local} when the plugin does not say (or does not answer). */
    @Override
    public String scope() {
        try {
            JsonNode reply = plugin.call("VolumeDriver.Capabilities", plugin.request());
            String scope = reply.path("Capabilities").path("Scope").asText("");
            return scope.equals("global") ? "global" : "local";
        } catch (RuntimeException e) {
            return "local";
        }
    }

    /** {@code VolumeDriver.Path}, for volumes whose Get reply has no mount point. */
    String path(String name) {
        return call("path", name, "VolumeDriver.Path", plugin.request().put("Name", name))
                .path("Mountpoint").asText("");
    }

    private VolumeInfo info(JsonNode v, String name) {
        String mountpoint = v.path("Mountpoint").asText("");
        String createdAt = v.path("CreatedAt").asText("");
        Map<String, Object> status = new LinkedHashMap<>();
        JsonNode s = v.path("Status");
        if (s.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = s.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                status.put(e.getKey(), plugin.plain(e.getValue()));
            }
        }
        return new VolumeInfo(name, mountpoint, createdAt.isEmpty() ? null : createdAt, Map.of(), Map.of(), status);
    }

    /** Plugin errors as engine errors: "not found" wording becomes NotFoundException, the rest a plain error. */
    private JsonNode call(String op, String name, String method, ObjectNode req) {
        try {
            return plugin.call(method, req);
        } catch (VolumePluginProtocol.PluginError e) {
            String prefix = name.isEmpty() ? op + ": " : op + " " + name + ": ";
            if (looksNotFound(e.err())) {
                throw new NotFoundException(prefix + e.getMessage(), e);
            }
            throw new WharfException(prefix + e.getMessage(), e);
        }
    }

    private static boolean looksNotFound(String err) {
        String s = err.toLowerCase(Locale.ROOT);
        return s.contains("not found") || s.contains("no such") || s.contains("does not exist")
                || s.contains("doesn't exist") || s.contains("not exist");
    }
}
