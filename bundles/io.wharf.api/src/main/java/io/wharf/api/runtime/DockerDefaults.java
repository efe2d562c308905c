package io.wharf.api.runtime;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What dockerd gives every container unless told otherwise: capabilities, the standard mounts, masked and
 * read-only paths, device rules, namespaces and the default seccomp policy. The daemon starts a
 * {@link ContainerSpec} from these and applies the container's options ({@code --cap-add}, {@code --privileged},
 * {@code --shm-size}, ...) on top.
 */
public final class DockerDefaults {
    /** dockerd's default capability set. */
    public static final Set<String> CAPABILITIES = Set.of("CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID",
            "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP",
            "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE");

    /** The default {@code /dev/shm} size, 64 MiB ({@code --shm-size}). */
    public static final long SHM_SIZE = 64L * 1024 * 1024;

    /** The mounts of every container, {@code /dev/shm} with the default size. */
    public static final List<Mount> MOUNTS = List.of(
            new Mount("/proc", "proc", "proc", List.of("nosuid", "noexec", "nodev")),
            new Mount("/dev", "tmpfs", "tmpfs", List.of("nosuid", "strictatime", "mode=755", "size=65536k")),
            new Mount("/dev/pts", "devpts", "devpts",
                    List.of("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5")),
            new Mount("/sys", "sysfs", "sysfs", List.of("nosuid", "noexec", "nodev", "ro")),
            new Mount("/sys/fs/cgroup", "cgroup", "cgroup", List.of("ro", "nosuid", "noexec", "nodev")),
            new Mount("/dev/mqueue", "mqueue", "mqueue", List.of("nosuid", "noexec", "nodev")),
            shm(SHM_SIZE));

    /** Paths hidden from unprivileged containers. */
    public static final List<String> MASKED_PATHS = List.of("/proc/asound", "/proc/acpi", "/proc/kcore",
            "/proc/keys", "/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug",
            "/proc/scsi", "/sys/firmware", "/sys/devices/virtual/powercap");

    /** Paths read-only in unprivileged containers. */
    public static final List<String> READONLY_PATHS = List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys",
            "/proc/sysrq-trigger");

    /**
     * The device cgroup rules: deny everything, then allow mknod of any device and the standard character
     * devices (null, zero, full, random, urandom, tty, ptmx, the pty slaves, tun). The runtime creates those
     * standard nodes itself.
     */
    public static final List<DeviceRule> DEVICE_RULES = List.of(
            DeviceRule.DENY_ALL,
            new DeviceRule(true, "c", null, null, "m"),
            new DeviceRule(true, "b", null, null, "m"),
            new DeviceRule(true, "c", 1L, 3L, "rwm"),
            new DeviceRule(true, "c", 1L, 5L, "rwm"),
            new DeviceRule(true, "c", 1L, 7L, "rwm"),
            new DeviceRule(true, "c", 1L, 8L, "rwm"),
            new DeviceRule(true, "c", 1L, 9L, "rwm"),
            new DeviceRule(true, "c", 5L, 0L, "rwm"),
            new DeviceRule(true, "c", 5L, 1L, "rwm"),
            new DeviceRule(true, "c", 5L, 2L, "rwm"),
            new DeviceRule(true, "c", 136L, null, "rwm"),
            new DeviceRule(true, "c", 10L, 200L, "rwm"));

    /** The namespaces created for every container (network and IPC may be replaced by joined ones). */
    public static final List<Namespace> NAMESPACES = List.of(Namespace.create(Namespace.MOUNT),
            Namespace.create(Namespace.NETWORK), Namespace.create(Namespace.UTS), Namespace.create(Namespace.PID),
            Namespace.create(Namespace.IPC));

    /** The environment's {@code PATH} when the image sets none. */
    public static final String PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /** Flags of clone(2) that create namespaces; unprivileged containers may not use them. */
    private static final Map<String, Long> NAMESPACE_FLAGS = Map.of("CLONE_NEWNS", 0x00020000L,
            "CLONE_NEWCGROUP", 0x02000000L, "CLONE_NEWUTS", 0x04000000L, "CLONE_NEWIPC", 0x08000000L,
            "CLONE_NEWUSER", 0x10000000L, "CLONE_NEWPID", 0x20000000L, "CLONE_NEWNET", 0x40000000L);

    /**
     * System calls refused to containers without the capability that would make them safe, after Docker's
     * default policy: kernel modules, clocks, swap, reboot, accounting, keyrings, tracing and introspection of
     * other processes, BPF and perf, mounts and namespaces, obsolete calls.
     */
    private static final List<String> DENIED_SYSCALLS = List.of("acct", "add_key", "bpf", "clock_adjtime",
            "clock_settime", "create_module", "delete_module", "finit_module", "fsconfig", "fsmount", "fsopen",
            "fspick", "get_kernel_syms", "get_mempolicy", "init_module", "ioperm", "iopl", "kcmp",
            "kexec_file_load", "kexec_load", "keyctl", "lookup_dcookie", "mbind", "mount", "mount_setattr",
            "move_mount", "move_pages", "name_to_handle_at", "nfsservctl", "open_by_handle_at", "open_tree",
            "perf_event_open", "pivot_root", "process_vm_readv", "process_vm_writev", "ptrace", "query_module",
            "quotactl", "quotactl_fd", "reboot", "request_key", "set_mempolicy", "setns", "settimeofday", "stime",
            "swapoff", "swapon", "sysfs", "_sysctl", "umount", "umount2", "unshare", "uselib", "userfaultfd",
            "ustat", "vm86", "vm86old");

    private DockerDefaults() {
    }

    /**
     * The namespaces of a default container; {@code privateCgroup} adds a cgroup namespace, dockerd's default
     * ({@code --cgroupns=private}) on cgroup v2 hosts.
     */
    public static List<Namespace> namespaces(boolean privateCgroup) {
        if (!privateCgroup) {
            return NAMESPACES;
        }
        List<Namespace> all = new java.util.ArrayList<>(NAMESPACES);
        all.add(Namespace.create(Namespace.CGROUP));
        return List.copyOf(all);
    }

    /**
     * A process as dockerd starts one by default: the default capabilities, no terminal, no extra rlimits, and
     * {@link #PATH} when {@code env} has none.
     */
    public static ProcessSpec process(List<String> args, List<String> env, String cwd, ProcessSpec.User user) {
        List<String> environment = env;
        if (env.stream().noneMatch(e -> e.startsWith("PATH="))) {
            environment = new java.util.ArrayList<>(env);
            environment.add(0, PATH);
        }
        return new ProcessSpec(args, environment, cwd, user, false, null, Capabilities.of(CAPABILITIES), false,
                List.of(), null, null, null);
    }

    /**
     * A spec builder filled with dockerd's defaults for an unprivileged container: mounts, namespaces (with a
     * private cgroup namespace when {@code cgroupV2}), masked and read-only paths, device rules and the default
     * seccomp profile for the process's effective capabilities; the host name is the short ID.
     */
    public static ContainerSpec.Builder spec(String id, Path rootfs, ProcessSpec process, boolean cgroupV2) {
        ContainerSpec.Builder b = ContainerSpec.builder(id, rootfs, process)
                .hostname(id.length() > 12 ? id.substring(0, 12) : id)
                .seccompProfile(seccompProfile(process.capabilities().effective()));
        b.mounts().addAll(MOUNTS);
        b.namespaces().addAll(namespaces(cgroupV2));
        b.maskedPaths().addAll(MASKED_PATHS);
        b.readonlyPaths().addAll(READONLY_PATHS);
        b.deviceRules().addAll(DEVICE_RULES);
        return b;
    }

    /** The {@code /dev/shm} mount for {@code --shm-size} bytes. */
    public static Mount shm(long bytes) {
        return new Mount("/dev/shm", "tmpfs", "shm", List.of("nosuid", "noexec", "nodev", "mode=1777",
                "size=" + bytes));
    }

    /**
     * The default seccomp profile as the JSON text of an OCI {@code linux.seccomp} object. Unlike Docker's
     * allow-list it allows by default and refuses, with EPERM, the calls Docker keeps from unprivileged
     * containers ({@link #DENIED_SYSCALLS}, namespace-creating clone flags); {@code clone3} answers ENOSYS so
     * that the C library falls back to {@code clone}, whose flags can be checked. {@code capabilities} is the
     * container's effective set: a call is allowed again when its capability is granted, as Docker does.
     */
    public static String seccompProfile(Set<String> capabilities) {
        StringBuilder json = new StringBuilder(4096);
        json.append("{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"architectures\":[\"SCMP_ARCH_X86_64\",")
                .append("\"SCMP_ARCH_X86\",\"SCMP_ARCH_X32\",\"SCMP_ARCH_AARCH64\",\"SCMP_ARCH_ARM\"],")
                .append("\"syscalls\":[");
        boolean first = true;
        for (String call : DENIED_SYSCALLS) {
            if (allowedBy(call, capabilities)) {
                continue;
            }
            json.append(first ? "" : ",").append("{\"names\":[\"").append(call)
                    .append("\"],\"action\":\"SCMP_ACT_ERRNO\",\"errnoRet\":1}");
            first = false;
        }
        if (!capabilities.contains("CAP_SYS_ADMIN")) {
            for (long flag : NAMESPACE_FLAGS.values()) {
                json.append(first ? "" : ",").append("{\"names\":[\"clone\"],\"action\":\"SCMP_ACT_ERRNO\",")
                        .append("\"errnoRet\":1,\"args\":[{\"index\":0,\"value\":").append(flag)
                        .append(",\"valueTwo\":").append(flag).append(",\"op\":\"SCMP_CMP_MASKED_EQ\"}]}");
                first = false;
            }
            json.append(first ? "" : ",")
                    .append("{\"names\":[\"clone3\"],\"action\":\"SCMP_ACT_ERRNO\",\"errnoRet\":38}");
        }
        return json.append("]}").toString();
    }

    /** Docker lifts some refusals when the container holds the matching capability. */
    private static boolean allowedBy(String call, Set<String> caps) {
        return switch (call) {
            case "mount", "umount", "umount2", "unshare", "setns", "pivot_root", "quotactl", "quotactl_fd",
                    "bpf", "perf_event_open", "fsconfig", "fsmount", "fsopen", "fspick", "mount_setattr",
                    "move_mount", "open_tree", "lookup_dcookie", "name_to_handle_at", "swapon", "swapoff",
                    "sysfs", "_sysctl" -> caps.contains("CAP_SYS_ADMIN");
            case "ptrace", "process_vm_readv", "process_vm_writev", "kcmp" -> caps.contains("CAP_SYS_PTRACE");
            case "init_module", "finit_module", "delete_module", "create_module", "query_module",
                    "get_kernel_syms" -> caps.contains("CAP_SYS_MODULE");
            case "reboot", "kexec_load", "kexec_file_load" -> caps.contains("CAP_SYS_BOOT");
            case "settimeofday", "stime", "clock_settime", "clock_adjtime" -> caps.contains("CAP_SYS_TIME");
            case "acct" -> caps.contains("CAP_SYS_PACCT");
            case "iopl", "ioperm" -> caps.contains("CAP_SYS_RAWIO");
            case "get_mempolicy", "set_mempolicy", "mbind", "move_pages" -> caps.contains("CAP_SYS_NICE");
            case "open_by_handle_at" -> caps.contains("CAP_DAC_READ_SEARCH");
            default -> false;
        };
    }
}
