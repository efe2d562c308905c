package io.wharf.runtime.oci.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wharf.api.errors.InvalidArgumentException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OCI runtimes to offer: the built-in {@code runc} and {@code crun}, then the {@code runtimes} object of
 * daemon.json ({@code {"name": {"path": "...", "runtimeArgs": [...]}}}), which may also redefine the built-ins.
 */
final class RuntimeDefinitions {
    /** One runtime: its name, binary and extra global arguments. */
    record Definition(String name, Path path, List<String> runtimeArgs) {
        Definition {
            runtimeArgs = List.copyOf(runtimeArgs);
        }
    }

    static final Map<String, Path> BUILT_IN = Map.of("runc", Path.of("/usr/sbin/runc"), "crun",
            Path.of("/usr/bin/crun"));

    private RuntimeDefinitions() {
    }

    static List<Definition> parse(String runtimesJson) {
        Map<String, Definition> defs = new LinkedHashMap<>();
        for (String name : List.of("runc", "crun")) {
            defs.put(name, new Definition(name, BUILT_IN.get(name), List.of()));
        }
        if (runtimesJson == null || runtimesJson.isBlank()) {
            return List.copyOf(defs.values());
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(runtimesJson);
        } catch (IOException e) {
            throw new InvalidArgumentException("invalid runtimes configuration: " + e.getMessage(), e);
        }
        if (!root.isObject()) {
            throw new InvalidArgumentException("invalid runtimes configuration: not a JSON object");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            if (!RuntimeLayout.validId(name)) {
                throw new InvalidArgumentException("invalid runtime name: " + name);
            }
            String path = e.getValue().path("path").asText("");
            if (path.isEmpty()) {
                path = BUILT_IN.containsKey(name) ? BUILT_IN.get(name).toString() : name;
            }
            List<String> args = new ArrayList<>();
            e.getValue().path("runtimeArgs").forEach(a -> args.add(a.asText()));
            defs.put(name, new Definition(name, resolve(path), args));
        }
        return List.copyOf(defs.values());
    }

    /** A bare name is looked up in {@code PATH}, as dockerd does. */
    private static Path resolve(String path) {
        if (path.contains("/")) {
            return Path.of(path);
        }
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin").split(":")) {
            Path candidate = Path.of(dir, path);
            if (java.nio.file.Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return Path.of("/usr/bin", path);
    }
}
