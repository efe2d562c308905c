package io.wharf.daemon.internal.system;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wharf.api.events.Event;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code daemon reload} event, as dockerd publishes it after a reload: the daemon's ID as the actor, and as
 * attributes the reloadable settings now in force, in dockerd's spelling (lists as JSON arrays, runtimes as
 * {@code name:path} pairs), and the host's name.
 */
final class ReloadEvent {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReloadEvent() {
    }

    static Event of(String engineId, String hostname, EngineConfiguration config) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("debug", Boolean.toString(config.debug()));
        attributes.put("default-runtime", config.default_runtime());
        attributes.put("insecure-registries", array(config.insecure_registries()));
        attributes.put("labels", array(config.labels()));
        attributes.put("live-restore", Boolean.toString(config.live_restore()));
        attributes.put("max-concurrent-downloads", Integer.toString(config.max_concurrent_downloads()));
        attributes.put("max-concurrent-uploads", Integer.toString(config.max_concurrent_uploads()));
        attributes.put("registry-mirrors", array(config.registry_mirrors()));
        attributes.put("runtimes", runtimes(config.runtimes()));
        attributes.put("shutdown-timeout", Integer.toString(config.shutdown_timeout()));
        if (hostname != null && !hostname.isEmpty()) {
            attributes.put("name", hostname);
        }
        return Event.now("daemon", "reload", engineId, attributes);
    }

    private static String array(String[] values) {
        try {
            return JSON.writeValueAsString(values == null ? new String[0] : values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** daemon.json's runtimes as dockerd lists them: {@code name:path}, separated by spaces. */
    static String runtimes(String runtimesJson) {
        if (runtimesJson == null || runtimesJson.isBlank()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        try {
            JsonNode root = JSON.readTree(runtimesJson);
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                parts.add(e.getKey() + ":" + e.getValue().path("path").asText(""));
            }
        } catch (JsonProcessingException e) {
            return "";
        }
        return String.join(" ", parts);
    }
}
