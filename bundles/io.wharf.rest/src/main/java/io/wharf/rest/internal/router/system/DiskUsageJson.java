package io.wharf.rest.internal.router.system;

import io.wharf.api.system.DiskUsage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /system/df} in dockerd's JSON shape: the parts the CLI's {@code system df} reads. */
final class DiskUsageJson {
    private DiskUsageJson() {
    }

    static Map<String, Object> of(DiskUsage d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("LayersSize", d.layersSize());
        List<Map<String, Object>> images = new ArrayList<>();
        for (DiskUsage.ImageUsage i : list(d.images())) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("Id", i.id());
            e.put("ParentId", "");
            e.put("RepoTags", list(i.repoTags()));
            e.put("RepoDigests", list(i.repoDigests()));
            e.put("Created", i.created());
            e.put("Size", i.size());
            e.put("SharedSize", i.sharedSize());
            e.put("Labels", i.labels() == null ? Map.of() : i.labels());
            e.put("Containers", i.containers());
            images.add(e);
        }
        m.put("Images", images);
        List<Map<String, Object>> containers = new ArrayList<>();
        for (DiskUsage.ContainerUsage c : list(d.containers())) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("Id", c.id());
            e.put("Names", list(c.names()));
            e.put("Image", c.image());
            e.put("ImageID", c.imageId());
            e.put("Command", c.command());
            e.put("Created", c.created());
            e.put("State", c.state());
            e.put("Status", c.status());
            e.put("SizeRw", c.sizeRw());
            e.put("SizeRootFs", c.sizeRootFs());
            containers.add(e);
        }
        m.put("Containers", containers);
        List<Map<String, Object>> volumes = new ArrayList<>();
        for (DiskUsage.VolumeUsage v : list(d.volumes())) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("Name", v.name());
            e.put("Driver", v.driver());
            e.put("Mountpoint", v.mountpoint());
            e.put("Labels", Map.of());
            e.put("Scope", "local");
            e.put("Options", Map.of());
            e.put("UsageData", Map.of("Size", v.size(), "RefCount", v.refCount()));
            volumes.add(e);
        }
        m.put("Volumes", volumes);
        m.put("BuildCache", List.of());
        return m;
    }

    private static <T> List<T> list(List<T> l) {
        return l == null ? List.of() : l;
    }
}
