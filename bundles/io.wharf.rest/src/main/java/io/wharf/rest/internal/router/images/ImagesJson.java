package io.wharf.rest.internal.router.images;

import io.wharf.api.container.ContainerConfig;
import io.wharf.api.image.DeleteResult;
import io.wharf.api.image.HistoryEntry;
import io.wharf.api.image.ImageDetails;
import io.wharf.api.image.ImageService;
import io.wharf.api.image.ImageSummary;
import io.wharf.api.registry.Platform;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Docker's JSON for images (field names as in the Engine API's swagger definitions). */
final class ImagesJson {
    private ImagesJson() {
    }

    static Map<String, Object> summary(ImageSummary s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Containers", s.containers());
        m.put("Created", s.created());
        m.put("Id", s.id());
        m.put("Labels", s.labels() == null || s.labels().isEmpty() ? null : s.labels());
        m.put("ParentId", s.parentId());
        m.put("RepoDigests", s.repoDigests());
        m.put("RepoTags", s.repoTags());
        m.put("SharedSize", s.sharedSize());
        m.put("Size", s.size());
        m.put("VirtualSize", s.size());
        return m;
    }

    static Map<String, Object> details(ImageDetails d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Id", d.id());
        m.put("RepoTags", d.repoTags());
        m.put("RepoDigests", d.repoDigests());
        m.put("Parent", d.parent());
        m.put("Comment", d.comment());
        m.put("Created", d.created());
        m.put("Container", "");
        m.put("ContainerConfig", config(d.config()));
        m.put("DockerVersion", d.dockerVersion());
        m.put("Author", d.author());
        m.put("Config", config(d.config()));
        m.put("Architecture", d.architecture());
        if (d.variant() != null && !d.variant().isEmpty()) {
            m.put("Variant", d.variant());
        }
        m.put("Os", d.os());
        if (d.osVersion() != null && !d.osVersion().isEmpty()) {
            m.put("OsVersion", d.osVersion());
        }
        m.put("Size", d.size());
        m.put("VirtualSize", d.size());
        m.put("GraphDriver", Map.of("Name", d.graphDriverName() == null ? "" : d.graphDriverName(),
                "Data", d.graphDriver() == null ? Map.of() : d.graphDriver()));
        m.put("RootFS", Map.of("Type", "layers", "Layers", d.diffIds()));
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("LastTagTime", d.lastTagTime() == null || d.lastTagTime().isEmpty() ? "0001-01-01T00:00:00Z"
                : d.lastTagTime());
        m.put("Metadata", meta);
        return m;
    }

    static Map<String, Object> config(ContainerConfig c) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (c == null) {
            return m;
        }
        m.put("Hostname", c.hostname());
        m.put("Domainname", c.domainname());
        m.put("User", c.user());
        m.put("AttachStdin", c.attachStdin());
        m.put("AttachStdout", c.attachStdout());
        m.put("AttachStderr", c.attachStderr());
        if (c.exposedPorts() != null && !c.exposedPorts().isEmpty()) {
            m.put("ExposedPorts", emptyObjects(c.exposedPorts()));
        }
        m.put("Tty", c.tty());
        m.put("OpenStdin", c.openStdin());
        m.put("StdinOnce", c.stdinOnce());
        m.put("Env", c.env() == null || c.env().isEmpty() ? null : c.env());
        m.put("Cmd", c.cmd());
        if (c.healthcheck() != null) {
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("Test", c.healthcheck().test());
            if (c.healthcheck().interval() != 0) {
                h.put("Interval", c.healthcheck().interval());
            }
            if (c.healthcheck().timeout() != 0) {
                h.put("Timeout", c.healthcheck().timeout());
            }
            if (c.healthcheck().startPeriod() != 0) {
                h.put("StartPeriod", c.healthcheck().startPeriod());
            }
            if (c.healthcheck().retries() != 0) {
                h.put("Retries", c.healthcheck().retries());
            }
            m.put("Healthcheck", h);
        }
        if (c.argsEscaped()) {
            m.put("ArgsEscaped", true);
        }
        m.put("Image", c.image());
        m.put("Volumes", c.volumes() == null || c.volumes().isEmpty() ? null : emptyObjects(c.volumes()));
        m.put("WorkingDir", c.workingDir());
        m.put("Entrypoint", c.entrypoint());
        m.put("OnBuild", c.onBuild() == null || c.onBuild().isEmpty() ? null : c.onBuild());
        m.put("Labels", c.labels() == null || c.labels().isEmpty() ? null : c.labels());
        if (c.stopSignal() != null && !c.stopSignal().isEmpty()) {
            m.put("StopSignal", c.stopSignal());
        }
        if (c.stopTimeout() != null) {
            m.put("StopTimeout", c.stopTimeout());
        }
        if (c.shell() != null && !c.shell().isEmpty()) {
            m.put("Shell", c.shell());
        }
        return m;
    }

    private static Map<String, Object> emptyObjects(java.util.Collection<String> keys) {
        Map<String, Object> m = new TreeMap<>();
        keys.forEach(k -> m.put(k, Map.of()));
        return m;
    }

    static List<Map<String, Object>> history(List<HistoryEntry> entries) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (HistoryEntry h : entries) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("Comment", h.comment());
            m.put("Created", h.created());
            m.put("CreatedBy", h.createdBy());
            m.put("Id", h.id());
            m.put("Size", h.size());
            m.put("Tags", h.tags() == null || h.tags().isEmpty() ? null : h.tags());
            out.add(m);
        }
        return out;
    }

    static List<Map<String, Object>> deleted(List<DeleteResult> results) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (DeleteResult r : results) {
            out.add(r.untagged() != null ? Map.of("Untagged", r.untagged()) : Map.of("Deleted", r.deleted()));
        }
        return out;
    }

    static Map<String, Object> distribution(ImageService.DistributionInfo info) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("mediaType", info.descriptor().mediaType());
        d.put("digest", info.descriptor().digest());
        d.put("size", info.descriptor().size());
        List<Map<String, Object>> platforms = new ArrayList<>();
        for (Platform p : info.platforms()) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("architecture", p.architecture());
            pm.put("os", p.os());
            if (!p.variant().isEmpty()) {
                pm.put("variant", p.variant());
            }
            platforms.add(pm);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Descriptor", d);
        m.put("Platforms", platforms);
        return m;
    }
}
