package io.wharf.registry.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads the error body of a registry response: {@code {"errors":[{"code":..,"message":..}]}}. */
final class RegistryErrors {
    private static final int MAX_ERROR_BODY = 64 * 1024;

    /** One error as the registry reported it; {@link #toString()} gives Docker's rendering. */
    record RegistryError(String code, String message) {
        @Override
        public String toString() {
            String c = code.toLowerCase(Locale.ROOT).replace('_', ' ');
            if (c.isEmpty()) {
                return message;
            }
            return message.isEmpty() ? c : c + ": " + message;
        }
    }

    private RegistryErrors() {
    }

    /** Reads (a bounded prefix of) the body and closes it; never throws. */
    static List<RegistryError> read(InputStream body, ObjectMapper json) {
        List<RegistryError> result = new ArrayList<>();
        if (body == null) {
            return result;
        }
        try (InputStream in = body) {
            byte[] bytes = in.readNBytes(MAX_ERROR_BODY);
            if (bytes.length == 0) {
                return result;
            }
            JsonNode root;
            try {
                root = json.readTree(bytes);
            } catch (IOException e) {
                String text = new String(bytes, StandardCharsets.UTF_8).trim();
                if (!text.isEmpty() && text.length() < 500) {
                    result.add(new RegistryError("", text));
                }
                return result;
            }
            if (root == null) {
                return result;
            }
            for (JsonNode e : root.path("errors")) {
                result.add(new RegistryError(e.path("code").asText(""), e.path("message").asText("")));
            }
            // Token servers answer in other shapes: {"details": ".."} (Docker Hub) or {"error": ".."}.
            if (result.isEmpty()) {
                for (String field : List.of("details", "error_description", "error", "message")) {
                    if (root.path(field).isTextual()) {
                        result.add(new RegistryError("", root.path(field).asText()));
                        break;
                    }
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // The status code alone still tells what happened.
        }
        return result;
    }

    static String describe(List<RegistryError> errors, int status) {
        if (errors.isEmpty()) {
            return status + " " + HttpStatus.text(status);
        }
        return errors.get(0).toString();
    }
}
