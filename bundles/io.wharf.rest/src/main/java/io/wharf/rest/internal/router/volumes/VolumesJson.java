package io.wharf.rest.internal.router.volumes;

import com.fasterxml.jackson.databind.JsonNode;
import io.wharf.api.common.PruneReport;
import io.wharf.api.errors.InvalidArgumentException;
import io.wharf.api.volume.VolumeDetails;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Docker's Volume, VolumeListResponse, VolumeCreateOptions and VolumePruneResponse shapes. */
final class VolumesJson {
    private VolumesJson() {
    }

    static Map<String, Object> volume(VolumeDetails v) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (v.createdAt() != null && !v.createdAt().isEmpty()) {
            m.put("CreatedAt", v.createdAt());
        }
        m.put("Driver", v.driver());
        m.put("Labels", v.labels() == null ? Map.of() : v.labels());
        m.put("Mountpoint", v.mountpoint() == null ? "" : v.mountpoint());
        m.put("Name", v.name());
        m.put("Options", v.options() == null ? Map.of() : v.options());
        m.put("Scope", v.scope() == null ? "local" : v.scope());
        if (v.status() != null && !v.status().isEmpty()) {
            m.put("Status", v.status()); // omitempty in dockerd
        }
        if (v.usageSize() >= 0 || v.refCount() >= 0) {
            m.put("UsageData", Map.of("Size", v.usageSize(), "RefCount", v.refCount()));
        }
        return m;
    }

    static Map<String, Object> list(List<VolumeDetails> volumes) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Volumes", volumes.stream().map(VolumesJson::volume).toList());
        m.put("Warnings", List.of());
        return m;
    }

    static Map<String, Object> prune(PruneReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("VolumesDeleted", r.deleted());
        m.put("SpaceReclaimed", r.spaceReclaimed());
        return m;
    }

    /** The create request; field names matched without regard to case, as Go's decoder does. */
    record CreateRequest(String name, String driver, Map<String, String> driverOpts, Map<String, String> labels) {
        static CreateRequest of(JsonNode body) {
            if (body == null || body.isNull()) {
                return new CreateRequest("", "", Map.of(), Map.of());
            }
            if (!body.isObject()) {
                throw new InvalidArgumentException("invalid JSON: the body must be an object");
            }
            return new CreateRequest(text(body, "Name"), text(body, "Driver"), strings(body, "DriverOpts"),
                    strings(body, "Labels"));
        }

        private static JsonNode field(JsonNode body, String name) {
            for (Iterator<String> it = body.fieldNames(); it.hasNext();) {
                String f = it.next();
                if (f.equalsIgnoreCase(name)) {
                    return body.get(f);
                }
            }
            return null;
        }

        private static String text(JsonNode body, String name) {
            JsonNode n = field(body, name);
            if (n == null || n.isNull()) {
                return "";
            }
            if (!n.isTextual()) {
                throw new InvalidArgumentException("invalid JSON: " + name + " must be a string");
            }
            return n.asText();
        }

        private static Map<String, String> strings(JsonNode body, String name) {
            JsonNode n = field(body, name);
            if (n == null || n.isNull()) {
                return Map.of();
            }
            if (!n.isObject()) {
                throw new InvalidArgumentException("invalid JSON: " + name + " must be an object of strings");
            }
            Map<String, String> out = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isTextual()) {
                    throw new InvalidArgumentException("invalid JSON: " + name + "." + e.getKey() + " must be a string");
                }
                out.put(e.getKey(), e.getValue().asText());
            }
            return out;
        }
    }
}
