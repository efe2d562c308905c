package io.wharf.daemon.internal.container;

import io.wharf.api.container.ContainerConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The container's config as dockerd stores it: the request's values, falling back to the image's. */
final class ConfigMerge {
    private ConfigMerge() {
    }

    static ContainerConfig merge(ContainerConfig req, ContainerConfig image, String imageName) {
        ContainerConfig img = image;
        List<String> entrypoint = req.entrypoint();
        List<String> cmd = req.cmd();
        if (entrypoint == null) {
            entrypoint = img.entrypoint();
            if (cmd == null || cmd.isEmpty()) {
                cmd = img.cmd();
            }
        }
        // an entrypoint given as [""] means "none", as the CLI sends for --entrypoint ""
        if (entrypoint != null && entrypoint.size() == 1 && entrypoint.get(0).isEmpty()) {
            entrypoint = List.of();
        }
        Map<String, String> env = new LinkedHashMap<>();
        for (String e : list(img.env())) {
            env.put(key(e), e);
        }
        for (String e : list(req.env())) {
            env.put(key(e), e);
        }
        Map<String, String> labels = new LinkedHashMap<>(map(img.labels()));
        labels.putAll(map(req.labels()));
        Set<String> ports = new LinkedHashSet<>(set(img.exposedPorts()));
        ports.addAll(set(req.exposedPorts()));
        Set<String> volumes = new LinkedHashSet<>(set(img.volumes()));
        volumes.addAll(set(req.volumes()));
        ContainerConfig.HealthConfig health = req.healthcheck();
        if (health == null) {
            health = img.healthcheck();
        } else if (img.healthcheck() != null && (health.test() == null || health.test().isEmpty())) {
            ContainerConfig.HealthConfig i = img.healthcheck();
            health = new ContainerConfig.HealthConfig(i.test(), health.interval() == 0 ? i.interval()
                    : health.interval(), health.timeout() == 0 ? i.timeout() : health.timeout(),
                    health.startPeriod() == 0 ? i.startPeriod() : health.startPeriod(),
                    health.startInterval() == 0 ? i.startInterval() : health.startInterval(),
                    health.retries() == 0 ? i.retries() : health.retries());
        }
        return new ContainerConfig(or(req.hostname(), ""), or(req.domainname(), ""), or(req.user(), or(img.user(),
                "")), req.attachStdin(), req.attachStdout(), req.attachStderr(), ports, req.tty(), req.openStdin(),
                req.stdinOnce(), new ArrayList<>(env.values()), cmd == null ? List.of() : cmd, health,
                req.argsEscaped(), imageName, volumes, or(req.workingDir(), or(img.workingDir(), "")),
                entrypoint == null ? List.of() : entrypoint, req.networkDisabled(), req.macAddress(),
                list(img.onBuild()), labels, or(req.stopSignal(), img.stopSignal()),
                req.stopTimeout(), req.shell() == null ? img.shell() : req.shell());
    }

    private static String key(String env) {
        int eq = env.indexOf('=');
        return eq < 0 ? env : env.substring(0, eq);
    }

    private static String or(String a, String b) {
        return a == null || a.isEmpty() ? b : a;
    }

    static <T> List<T> list(List<T> l) {
        return l == null ? List.of() : l;
    }

    static <T> Set<T> set(Set<T> s) {
        return s == null ? Set.of() : s;
    }

    static Map<String, String> map(Map<String, String> m) {
        return m == null ? Map.of() : m;
    }
}
