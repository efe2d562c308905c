package io.wharf.volume.plugin.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * One call of Docker's plugin protocol: a JSON request POSTed to {@code /<Method>}, a JSON reply whose non-empty
 * {@code Err} is the plugin's error. Plugins answer errors with any status (usually 500) and the same body.
 */
final class VolumePluginProtocol {
    private final String pluginName;
    private final PluginHttpClient http;
    private final ObjectMapper json;

    VolumePluginProtocol(String pluginName, PluginHttpClient http, ObjectMapper json) {
        this.pluginName = pluginName;
        this.http = http;
        this.json = json;
    }

    String pluginName() {
        return pluginName;
    }

    ObjectNode request() {
        return json.createObjectNode();
    }

    /** A JSON value as plain Java maps, lists, strings, numbers and booleans. */
    Object plain(JsonNode value) {
        return json.convertValue(value, Object.class);
    }

    /** The reply of {@code method}; throws {@link PluginError} carrying {@code Err} when the plugin failed. */
    JsonNode call(String method, ObjectNode request) {
        PluginHttpClient.Reply reply;
        try {
            reply = http.post("/" + method, json.writeValueAsBytes(request));
        } catch (IOException e) {
            throw new PluginUnreachableException("volume plugin " + pluginName + " is not reachable at "
                    + http.socket() + ": " + e.getMessage(), e);
        }
        JsonNode body;
        try {
            body = reply.body().length == 0 ? json.createObjectNode() : json.readTree(reply.body());
        } catch (IOException e) {
            throw new PluginUnreachableException("volume plugin " + pluginName + " answered " + method
                    + " with status " + reply.status() + " and no JSON", e);
        }
        String err = body.path("Err").asText("");
        if (!err.isEmpty()) {
            throw new PluginError(method, err);
        }
        if (reply.status() / 100 != 2) {
            throw new PluginError(method, "status " + reply.status());
        }
        return body;
    }

    /** An error the plugin reported, in dockerd's {@code VolumeDriver.Method: err} form. */
    static final class PluginError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String err;

        PluginError(String method, String err) {
            super(method + ": " + err);
            this.err = err;
        }

        /** The plugin's own words. */
        String err() {
            return err;
        }
    }
}
