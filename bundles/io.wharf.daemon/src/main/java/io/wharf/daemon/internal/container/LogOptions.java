package io.wharf.daemon.internal.container;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** daemon.json's {@code log-opts}: the default options of containers that name none. */
final class LogOptions {
    private LogOptions() {
    }

    static Map<String, String> parse(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            JsonNode node = new ObjectMapper().readTree(json);
            Map<String, String> m = new LinkedHashMap<>();
            node.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
            return Map.copyOf(m);
        } catch (IOException e) {
            return Map.of();
        }
    }
}
