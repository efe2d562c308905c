package io.wharf.runtime.oci.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The daemon's own hard resource limits, read from {@code /proc/self/limits}. A container may not get a higher
 * hard limit than its creator unless the creator has CAP_SYS_RESOURCE, which a daemon often lacks.
 */
final class HostLimits {
    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("Max cpu time", "RLIMIT_CPU"),
            Map.entry("Max file size", "RLIMIT_FSIZE"),
            Map.entry("Max data size", "RLIMIT_DATA"),
            Map.entry("Max stack size", "RLIMIT_STACK"),
            Map.entry("Max core file size", "RLIMIT_CORE"),
            Map.entry("Max resident set", "RLIMIT_RSS"),
            Map.entry("Max processes", "RLIMIT_NPROC"),
            Map.entry("Max open files", "RLIMIT_NOFILE"),
            Map.entry("Max locked memory", "RLIMIT_MEMLOCK"),
            Map.entry("Max address space", "RLIMIT_AS"),
            Map.entry("Max file locks", "RLIMIT_LOCKS"),
            Map.entry("Max pending signals", "RLIMIT_SIGPENDING"),
            Map.entry("Max msgqueue size", "RLIMIT_MSGQUEUE"),
            Map.entry("Max nice priority", "RLIMIT_NICE"),
            Map.entry("Max realtime priority", "RLIMIT_RTPRIO"),
            Map.entry("Max realtime timeout", "RLIMIT_RTTIME"));

    /** Hard limits by OCI name; -1 (as unsigned: infinity) when unlimited. */
    private final Map<String, Long> hard;

    HostLimits(Map<String, Long> hard) {
        this.hard = Map.copyOf(hard);
    }

    static HostLimits ofThisProcess() {
        try {
            return parse(Files.readAllLines(Path.of("/proc/self/limits")));
        } catch (IOException e) {
            return new HostLimits(Map.of());
        }
    }

    static HostLimits parse(List<String> lines) {
        Map<String, Long> hard = new HashMap<>();
        for (String line : lines) {
            for (Map.Entry<String, String> e : NAMES.entrySet()) {
                if (line.startsWith(e.getKey() + " ")) {
                    String[] cols = line.substring(e.getKey().length()).trim().split("\\s+");
                    if (cols.length >= 2) {
                        hard.put(e.getValue(), "unlimited".equals(cols[1]) ? -1L : Long.parseLong(cols[1]));
                    }
                }
            }
        }
        return new HostLimits(hard);
    }

    /** {@code requested}, or the daemon's own hard limit when that is lower (values compare unsigned). */
    long clampHard(String type, long requested) {
        Long own = hard.get(type);
        if (own == null) {
            return requested;
        }
        return Long.compareUnsigned(requested, own) > 0 ? own : requested;
    }
}
