package io.wharf.daemon.internal.container;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.wharf.api.container.ContainerConfig;
import io.wharf.api.errors.InvalidArgumentException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** {@code docker commit --change}: the Dockerfile instructions that change only the image's config. */
final class CommitChanges {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CommitChanges() {
    }

    static ContainerConfig apply(ContainerConfig c, List<String> changes) {
        if (changes == null || changes.isEmpty()) {
            return c;
        }
        List<String> cmd = c.cmd();
        List<String> entrypoint = c.entrypoint();
        List<String> env = new ArrayList<>(ConfigMerge.list(c.env()));
        Map<String, String> labels = new LinkedHashMap<>(ConfigMerge.map(c.labels()));
        Set<String> ports = new LinkedHashSet<>(ConfigMerge.set(c.exposedPorts()));
        Set<String> volumes = new LinkedHashSet<>(ConfigMerge.set(c.volumes()));
        String user = c.user();
        String workdir = c.workingDir();
        String stopSignal = c.stopSignal();
        for (String change : changes) {
            for (String line : change.split("\n")) {
                String t = line.trim();
                if (t.isEmpty()) {
                    continue;
                }
                int sp = t.indexOf(' ');
                String op = (sp < 0 ? t : t.substring(0, sp)).toUpperCase(Locale.ROOT);
                String arg = sp < 0 ? "" : t.substring(sp + 1).trim();
                switch (op) {
                    case "CMD" -> cmd = args(arg);
                    case "ENTRYPOINT" -> entrypoint = args(arg);
                    case "ENV" -> {
                        String kv = arg.contains("=") ? arg : arg.replaceFirst("\\s+", "=");
                        String key = kv.substring(0, kv.indexOf('='));
                        env.removeIf(e -> e.startsWith(key + "="));
                        env.add(kv);
                    }
                    case "LABEL" -> {
                        String[] kv = arg.split("=", 2);
                        labels.put(unquote(kv[0]), kv.length > 1 ? unquote(kv[1]) : "");
                    }
                    case "EXPOSE" -> Arrays.stream(arg.split("\\s+")).forEach(p -> ports.add(p.contains("/") ? p
                            : p + "/tcp"));
                    case "VOLUME" -> volumes.addAll(arg.startsWith("[") ? args(arg)
                            : Arrays.asList(arg.split("\\s+"))); // paths, not a shell command
                    case "USER" -> user = arg;
                    case "WORKDIR" -> workdir = arg;
                    case "STOPSIGNAL" -> stopSignal = arg;
                    default -> throw new InvalidArgumentException(op + " is not a valid change command");
                }
            }
        }
        return new ContainerConfig(c.hostname(), c.domainname(), user, c.attachStdin(), c.attachStdout(),
                c.attachStderr(), ports, c.tty(), c.openStdin(), c.stdinOnce(), env, cmd, c.healthcheck(),
                c.argsEscaped(), c.image(), volumes, workdir, entrypoint, c.networkDisabled(), c.macAddress(),
                c.onBuild(), labels, stopSignal, c.stopTimeout(), c.shell());
    }

    private static List<String> args(String arg) {
        if (arg.startsWith("[")) {
            try {
                return Arrays.asList(JSON.readValue(arg, String[].class));
            } catch (Exception e) {
                throw new InvalidArgumentException("invalid JSON array: " + arg);
            }
        }
        return List.of("/bin/sh", "-c", arg);
    }

    private static String unquote(String s) {
        String t = s.trim();
        return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1) : t;
    }
}
