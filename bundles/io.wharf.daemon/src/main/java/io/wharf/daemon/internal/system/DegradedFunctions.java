package io.wharf.daemon.internal.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wharf.api.plugin.DriverInfo;
import io.wharf.api.system.SystemInfo;
import io.wharf.linux.files.SearchPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * What the host lacks that some function needs, as {@code docker info} warnings: cgroup controllers (in
 * dockerd's words), iptables and ip6tables (looked up on the daemon's {@code PATH}, as the bridge driver runs
 * them), drivers skipped because the host cannot support them (overlay without kernel support, say), and
 * runtimes whose binary is missing. The requests that need one of these fail with their own message.
 */
final class DegradedFunctions {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Function<String, String> env;

    DegradedFunctions() {
        this(System::getenv);
    }

    /** With another environment, for tests. */
    DegradedFunctions(Function<String, String> env) {
        this.env = env;
    }

    List<String> warnings(SystemInfo.HostFacts facts, List<DriverInfo> drivers, List<String> runtimes,
            String defaultRuntime, String configuredRuntimes) {
        List<String> out = new ArrayList<>();
        if (!facts.memoryLimit()) {
            out.add("WARNING: No memory limit support");
        }
        if (!facts.cpuCfsQuota()) {
            out.add("WARNING: No cpu cfs quota support");
        }
        if (!facts.cpuCfsPeriod()) {
            out.add("WARNING: No cpu cfs period support");
        }
        if (!facts.cpuShares()) {
            out.add("WARNING: No cpu shares support");
        }
        if (!facts.cpuSet()) {
            out.add("WARNING: No cpuset support");
        }
        if (!onPath("iptables-restore") || !onPath("iptables-save")) {
            out.add("WARNING: iptables is not available: ports cannot be published (-p) and bridge networks "
                    + "are neither isolated nor masqueraded");
        }
        if (!onPath("ip6tables-restore") || !onPath("ip6tables-save")) {
            out.add("WARNING: ip6tables is not available: IPv6 bridge networks are not isolated");
        }
        for (DriverInfo d : drivers) {
            if (!d.active()) {
                out.add("WARNING: " + d.kind().name().toLowerCase(Locale.ROOT) + " driver " + d.name()
                        + " is not available: " + d.reason());
            }
        }
        if (!runtimes.contains(defaultRuntime)) {
            out.add("WARNING: the default runtime " + defaultRuntime + " is not available");
        }
        out.addAll(missingRuntimes(configuredRuntimes, runtimes));
        return out;
    }

    /** Runtimes of daemon.json's {@code runtimes} that are not registered because their binary is missing. */
    private List<String> missingRuntimes(String configured, List<String> registered) {
        List<String> out = new ArrayList<>();
        if (configured == null || configured.isBlank()) {
            return out;
        }
        JsonNode root;
        try {
            root = JSON.readTree(configured);
        } catch (IOException e) {
            return out;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String path = e.getValue().path("path").asText("");
            if (!path.isEmpty() && !registered.contains(e.getKey()) && !executable(path)) {
                out.add("WARNING: runtime " + e.getKey() + " is not available: " + path
                        + " is missing or not executable");
            }
        }
        return out;
    }

    private boolean executable(String path) {
        return path.contains("/") ? Files.isExecutable(Path.of(path)) : onPath(path);
    }

    boolean onPath(String tool) {
        return SearchPath.has(env.apply("PATH"), tool);
    }
}
