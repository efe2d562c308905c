package io.wharf.builder.internal;

import io.wharf.api.container.ContainerConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The config a build stage accumulates, step by step, for the image it makes. */
final class ImageConfig {
    String user = "";
    Set<String> exposedPorts = new LinkedHashSet<>();
    List<String> env = new ArrayList<>();
    List<String> cmd;
    ContainerConfig.HealthConfig healthcheck;
    boolean argsEscaped;
    Set<String> volumes = new LinkedHashSet<>();
    String workingDir = "";
    List<String> entrypoint;
    List<String> onBuild = new ArrayList<>();
    Map<String, String> labels = new LinkedHashMap<>();
    String stopSignal;
    Integer stopTimeout;
    List<String> shell;

    static ImageConfig of(ContainerConfig c) {
        ImageConfig i = new ImageConfig();
        if (c == null) {
            return i;
        }
        i.user = c.user() == null ? "" : c.user();
        i.exposedPorts = c.exposedPorts() == null ? new LinkedHashSet<>() : new LinkedHashSet<>(c.exposedPorts());
        i.env = c.env() == null ? new ArrayList<>() : new ArrayList<>(c.env());
        i.cmd = empty(c.cmd()) ? null : List.copyOf(c.cmd());
        i.healthcheck = c.healthcheck();
        i.argsEscaped = c.argsEscaped();
        i.volumes = c.volumes() == null ? new LinkedHashSet<>() : new LinkedHashSet<>(c.volumes());
        i.workingDir = c.workingDir() == null ? "" : c.workingDir();
        i.entrypoint = empty(c.entrypoint()) ? null : List.copyOf(c.entrypoint());
        i.onBuild = c.onBuild() == null ? new ArrayList<>() : new ArrayList<>(c.onBuild());
        i.labels = c.labels() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(c.labels());
        i.stopSignal = c.stopSignal();
        i.stopTimeout = c.stopTimeout();
        i.shell = empty(c.shell()) ? null : List.copyOf(c.shell());
        return i;
    }

    ImageConfig copy() {
        return of(toConfig(""));
    }

    /** The value of an environment variable, or null. */
    String env(String name) {
        for (int k = env.size() - 1; k >= 0; k--) {
            String e = env.get(k);
            if (e.startsWith(name + "=")) {
                return e.substring(name.length() + 1);
            }
        }
        return null;
    }

    void setEnv(String name, String value) {
        String entry = name + "=" + value;
        for (int k = 0; k < env.size(); k++) {
            if (env.get(k).startsWith(name + "=")) {
                env.set(k, entry);
                return;
            }
        }
        env.add(entry);
    }

    ContainerConfig toConfig(String image) {
        return new ContainerConfig("", "", user, false, false, false, new LinkedHashSet<>(exposedPorts), false, false,
                false, List.copyOf(env), cmd, healthcheck, argsEscaped, image, new LinkedHashSet<>(volumes),
                workingDir, entrypoint, false, null, List.copyOf(onBuild), new LinkedHashMap<>(labels), stopSignal,
                stopTimeout, shell);
    }

    /**
     * The config of a step's container that is filled but never started (COPY, ADD, WORKDIR): its command is the
     * step's comment, as dockerd's, since a container needs one even when the image (FROM scratch) has none.
     */
    ContainerConfig forStep(String image, List<String> nopCommand) {
        ContainerConfig c = toConfig(image);
        return new ContainerConfig(c.hostname(), c.domainname(), c.user(), false, false, false, c.exposedPorts(),
                false, false, false, c.env(), nopCommand, c.healthcheck(), false, image, c.volumes(),
                c.workingDir(), List.of(""), false, null, c.onBuild(), c.labels(), c.stopSignal(), c.stopTimeout(),
                c.shell());
    }

    private static boolean empty(List<String> l) {
        return l == null || l.isEmpty();
    }
}
