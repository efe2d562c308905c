package io.wharf.runtime.oci.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The capabilities the daemon itself may pass on: its bounding set, from {@code /proc/self/status}. Asking the
 * runtime for more fails the container's start ("unable to apply caps"); like dockerd, a privileged container
 * gets every capability the environment has, not every one the kernel knows.
 */
final class HostCapabilities {
    /** Capability names by bit number, as in linux/capability.h. */
    private static final List<String> NAMES = List.of("CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH",
            "CAP_FOWNER", "CAP_FSETID", "CAP_KILL", "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP",
            "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST", "CAP_NET_ADMIN", "CAP_NET_RAW",
            "CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE",
            "CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE", "CAP_SYS_RESOURCE", "CAP_SYS_TIME",
            "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE", "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL", "CAP_SETFCAP",
            "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG", "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND",
            "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF", "CAP_CHECKPOINT_RESTORE");

    /** null when unknown: then nothing is filtered. */
    private final Set<String> bounding;

    HostCapabilities(Set<String> bounding) {
        this.bounding = bounding == null ? null : Set.copyOf(bounding);
    }

    static HostCapabilities ofThisProcess() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("CapBnd:")) {
                    return new HostCapabilities(fromMask(Long.parseUnsignedLong(line.substring(7).strip(), 16)));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // fall through: no filtering
        }
        return new HostCapabilities(null);
    }

    static Set<String> fromMask(long mask) {
        Set<String> caps = new TreeSet<>();
        for (int bit = 0; bit < NAMES.size(); bit++) {
            if ((mask & (1L << bit)) != 0) {
                caps.add(NAMES.get(bit));
            }
        }
        return caps;
    }

    /** {@code requested} without what the daemon cannot give. */
    Set<String> filter(Set<String> requested) {
        if (bounding == null) {
            return requested;
        }
        Set<String> kept = new TreeSet<>(requested);
        kept.retainAll(bounding);
        return kept;
    }
}
