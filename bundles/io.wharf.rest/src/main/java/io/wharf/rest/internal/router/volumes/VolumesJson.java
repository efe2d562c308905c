package io.wharf.rest.internal.router.volumes;

import com.fasterxml.jackson.databind.JsonNode;
import io.wharf.api.common.PruneReport;
import io.wharf.rest.internal.json.GoFields;
import io.wharf.api.volume.VolumeDetails;
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
        static CreateRequest of(JsonNode json) {
            GoFields body = GoFields.of(json, "CreateOptions", "volume.CreateOptions");
            Map<String, String> opts = body.stringMap("DriverOpts");
            Map<String, String> labels = body.stringMap("Labels");
            return new CreateRequest(body.string("Name", ""), body.string("Driver", ""),
                    opts == null ? Map.of() : opts, labels == null ? Map.of() : labels);
        }
    }
}
