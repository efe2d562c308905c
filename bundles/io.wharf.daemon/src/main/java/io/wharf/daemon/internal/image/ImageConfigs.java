package io.wharf.daemon.internal.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.api.container.ContainerConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the {@code config} part of a Docker image / OCI config into the engine's {@link ContainerConfig}. */
final class ImageConfigs {
    private ImageConfigs() {
    }

    static ContainerConfig containerConfig(JsonNode image) {
        JsonNode c = image.path("config");
        if (c.isMissingNode() || c.isNull()) {
            c = image.path("container_config");
        }
        JsonNode hc = c.path("Healthcheck");
        ContainerConfig.HealthConfig health = hc.isObject()
                ? new ContainerConfig.HealthConfig(strings(hc.path("Test")), hc.path("Interval").asLong(),
                        hc.path("Timeout").asLong(), hc.path("StartPeriod").asLong(),
                        hc.path("StartInterval").asLong(), hc.path("Retries").asInt())
                : null;
        return new ContainerConfig(text(c, "Hostname"), text(c, "Domainname"), text(c, "User"),
                c.path("AttachStdin").asBoolean(), c.path("AttachStdout").asBoolean(),
                c.path("AttachStderr").asBoolean(), keys(c.path("ExposedPorts")), c.path("Tty").asBoolean(),
                c.path("OpenStdin").asBoolean(), c.path("StdinOnce").asBoolean(), strings(c.path("Env")),
                stringsOrNull(c.path("Cmd")), health, c.path("ArgsEscaped").asBoolean(), text(c, "Image"),
                keys(c.path("Volumes")), text(c, "WorkingDir"), stringsOrNull(c.path("Entrypoint")),
                c.path("NetworkDisabled").asBoolean(), text(c, "MacAddress"), strings(c.path("OnBuild")),
                labels(c.path("Labels")), c.hasNonNull("StopSignal") ? c.get("StopSignal").asText() : null,
                c.hasNonNull("StopTimeout") ? c.get("StopTimeout").asInt() : null, stringsOrNull(c.path("Shell")));
    }

    static Map<String, String> labels(JsonNode n) {
        Map<String, String> m = new LinkedHashMap<>();
        if (n.isObject()) {
            n.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
        }
        return m;
    }

    static List<String> diffIds(JsonNode image) {
        return strings(image.path("rootfs").path("diff_ids"));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }

    static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n.isArray()) {
            n.forEach(x -> out.add(x.asText()));
        }
        return out;
    }

    private static List<String> stringsOrNull(JsonNode n) {
        return n.isArray() ? strings(n) : null;
    }

    private static Set<String> keys(JsonNode n) {
        Set<String> out = new LinkedHashSet<>();
        if (n.isObject()) {
            n.fieldNames().forEachRemaining(out::add);
        }
        return out;
    }

    static ArrayNode array(ObjectNode parent, String field) {
        JsonNode n = parent.get(field);
        if (n instanceof ArrayNode a) {
            return a;
        }
        return parent.putArray(field);
    }

    /** Writes a container configuration with Docker's field names, leaving out what is not set. */
    static ObjectNode toJson(ContainerConfig c, com.fasterxml.jackson.databind.ObjectMapper json) {
        ObjectNode n = json.createObjectNode();
        n.put("Hostname", nz(c.hostname()));
        n.put("Domainname", nz(c.domainname()));
        n.put("User", nz(c.user()));
        n.put("AttachStdin", c.attachStdin());
        n.put("AttachStdout", c.attachStdout());
        n.put("AttachStderr", c.attachStderr());
        if (c.exposedPorts() != null && !c.exposedPorts().isEmpty()) {
            ObjectNode ports = n.putObject("ExposedPorts");
            c.exposedPorts().forEach(ports::putObject);
        }
        n.put("Tty", c.tty());
        n.put("OpenStdin", c.openStdin());
        n.put("StdinOnce", c.stdinOnce());
        putList(n, "Env", c.env());
        putList(n, "Cmd", c.cmd());
        if (c.healthcheck() != null) {
            ObjectNode h = n.putObject("Healthcheck");
            putList(h, "Test", c.healthcheck().test());
            h.put("Interval", c.healthcheck().interval());
            h.put("Timeout", c.healthcheck().timeout());
            h.put("StartPeriod", c.healthcheck().startPeriod());
            h.put("StartInterval", c.healthcheck().startInterval());
            h.put("Retries", c.healthcheck().retries());
        }
        if (c.argsEscaped()) {
            n.put("ArgsEscaped", true);
        }
        n.put("Image", nz(c.image()));
        if (c.volumes() != null && !c.volumes().isEmpty()) {
            ObjectNode vols = n.putObject("Volumes");
            c.volumes().forEach(vols::putObject);
        } else {
            n.putNull("Volumes");
        }
        n.put("WorkingDir", nz(c.workingDir()));
        putList(n, "Entrypoint", c.entrypoint());
        putList(n, "OnBuild", c.onBuild());
        if (c.labels() != null && !c.labels().isEmpty()) {
            ObjectNode labels = n.putObject("Labels");
            c.labels().forEach(labels::put);
        } else {
            n.putNull("Labels");
        }
        if (c.stopSignal() != null && !c.stopSignal().isEmpty()) {
            n.put("StopSignal", c.stopSignal());
        }
        if (c.stopTimeout() != null) {
            n.put("StopTimeout", c.stopTimeout());
        }
        if (c.shell() != null && !c.shell().isEmpty()) {
            putList(n, "Shell", c.shell());
        }
        return n;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static void putList(ObjectNode n, String field, List<String> values) {
        if (values == null) {
            n.putNull(field);
        } else {
            ArrayNode a = n.putArray(field);
            values.forEach(a::add);
        }
    }
}
