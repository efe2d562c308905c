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

    /** Every capability, for {@code --privileged} and {@code --cap-add ALL}. */
    public static final Set<String> ALL_CAPABILITIES = Set.of("CAP_CHOWN", "CAP_DAC_OVERRIDE",
            "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL", "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP",
            "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST", "CAP_NET_ADMIN", "CAP_NET_RAW",
            "CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE",
            "CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE", "CAP_SYS_RESOURCE", "CAP_SYS_TIME",
            "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE", "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL", "CAP_SETFCAP",
            "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG", "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND",
            "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF", "CAP_CHECKPOINT_RESTORE");

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

    /** clone(2) flags that create namespaces; unprivileged containers may not use them. */
    private static final long CLONE_NAMESPACE_FLAGS = 0x7E020000L;

    /** System calls every container may make, after Docker's default policy. */
    private static final List<String> ALLOWED_SYSCALLS = List.of("accept", "accept4", "access", "adjtimex", "alarm",
            "bind", "brk", "cachestat", "capget", "capset", "chdir", "chmod", "chown", "chown32", "clock_adjtime",
            "clock_adjtime64", "clock_getres", "clock_getres_time64", "clock_gettime", "clock_gettime64",
            "clock_nanosleep", "clock_nanosleep_time64", "close", "close_range", "connect", "copy_file_range",
            "creat", "dup", "dup2", "dup3", "epoll_create", "epoll_create1", "epoll_ctl", "epoll_ctl_old",
            "epoll_pwait", "epoll_pwait2", "epoll_wait", "epoll_wait_old", "eventfd", "eventfd2", "execve",
            "execveat", "exit", "exit_group", "faccessat", "faccessat2", "fadvise64", "fadvise64_64", "fallocate",
            "fanotify_mark", "fchdir", "fchmod", "fchmodat", "fchmodat2", "fchown", "fchown32", "fchownat",
            "fcntl", "fcntl64", "fdatasync", "fgetxattr", "flistxattr", "flock", "fork", "fremovexattr",
            "fsetxattr", "fstat", "fstat64", "fstatat64", "fstatfs", "fstatfs64", "fsync", "ftruncate",
            "ftruncate64", "futex", "futex_requeue", "futex_time64", "futex_wait", "futex_waitv", "futex_wake",
            "futimesat", "getcpu", "getcwd", "getdents", "getdents64", "getegid", "getegid32", "geteuid",
            "geteuid32", "getgid", "getgid32", "getgroups", "getgroups32", "getitimer", "getpeername", "getpgid",
            "getpgrp", "getpid", "getppid", "getpriority", "getrandom", "getresgid", "getresgid32", "getresuid",
            "getresuid32", "getrlimit", "get_robust_list", "getrusage", "getsid", "getsockname", "getsockopt",
            "get_thread_area", "gettid", "gettimeofday", "getuid", "getuid32", "getxattr", "inotify_add_watch",
            "inotify_init", "inotify_init1", "inotify_rm_watch", "io_cancel", "ioctl", "io_destroy",
            "io_getevents", "io_pgetevents", "io_pgetevents_time64", "ioprio_get", "ioprio_set", "io_setup",
            "io_submit", "ipc", "kill", "landlock_add_rule", "landlock_create_ruleset", "landlock_restrict_self",
            "lchown", "lchown32", "lgetxattr", "link", "linkat", "listen", "listxattr", "llistxattr", "_llseek",
            "lremovexattr", "lseek", "lsetxattr", "lstat", "lstat64", "madvise", "map_shadow_stack", "membarrier",
            "memfd_create", "memfd_secret", "mincore", "mkdir", "mkdirat", "mknod", "mknodat", "mlock", "mlock2",
            "mlockall", "mmap", "mmap2", "mprotect", "mq_getsetattr", "mq_notify", "mq_open", "mq_timedreceive",
            "mq_timedreceive_time64", "mq_timedsend", "mq_timedsend_time64", "mq_unlink", "mremap", "msgctl",
            "msgget", "msgrcv", "msgsnd", "msync", "munlock", "munlockall", "munmap", "name_to_handle_at",
            "nanosleep", "newfstatat", "_newselect", "open", "openat", "openat2", "pause", "pidfd_open",
            "pidfd_send_signal", "pipe", "pipe2", "pkey_alloc", "pkey_free", "pkey_mprotect", "poll", "ppoll",
            "ppoll_time64", "prctl", "pread64", "preadv", "preadv2", "prlimit64", "process_mrelease", "pselect6",
            "pselect6_time64", "ptrace", "pwrite64", "pwritev", "pwritev2", "read", "readahead", "readlink",
            "readlinkat", "readv", "recv", "recvfrom", "recvmmsg", "recvmmsg_time64", "recvmsg",
            "remap_file_pages", "removexattr", "rename", "renameat", "renameat2", "restart_syscall", "rmdir",
            "rseq", "rt_sigaction", "rt_sigpending", "rt_sigprocmask", "rt_sigqueueinfo", "rt_sigreturn",
            "rt_sigsuspend", "rt_sigtimedwait", "rt_sigtimedwait_time64", "rt_tgsigqueueinfo",
            "sched_getaffinity", "sched_getattr", "sched_getparam", "sched_get_priority_max",
            "sched_get_priority_min", "sched_getscheduler", "sched_rr_get_interval",
            "sched_rr_get_interval_time64", "sched_setaffinity", "sched_setattr", "sched_setparam",
            "sched_setscheduler", "sched_yield", "seccomp", "select", "semctl", "semget", "semop", "semtimedop",
            "semtimedop_time64", "send", "sendfile", "sendfile64", "sendmmsg", "sendmsg", "sendto", "setfsgid",
            "setfsgid32", "setfsuid", "setfsuid32", "setgid", "setgid32", "setgroups", "setgroups32", "setitimer",
            "setpgid", "setpriority", "setregid", "setregid32", "setresgid", "setresgid32", "setresuid",
            "setresuid32", "setreuid", "setreuid32", "setrlimit", "set_robust_list", "setsid", "setsockopt",
            "set_thread_area", "set_tid_address", "setuid", "setuid32", "setxattr", "shmat", "shmctl", "shmdt",
            "shmget", "shutdown", "sigaltstack", "signalfd", "signalfd4", "sigprocmask", "sigreturn",
            "socketcall", "socketpair", "splice", "stat", "stat64", "statfs", "statfs64", "statx", "symlink",
            "symlinkat", "sync", "sync_file_range", "syncfs", "sysinfo", "tee", "tgkill", "time", "timer_create",
            "timer_delete", "timer_getoverrun", "timer_gettime", "timer_gettime64", "timer_settime",
            "timer_settime64", "timerfd_create", "timerfd_gettime", "timerfd_gettime64", "timerfd_settime",
            "timerfd_settime64", "times", "tkill", "truncate", "truncate64", "ugetrlimit", "umask", "uname",
            "unlink", "unlinkat", "utime", "utimensat", "utimensat_time64", "utimes", "vfork", "vmsplice", "wait4",
            "waitid", "waitpid", "write", "writev");

    /** Calls of one architecture family, allowed on it. */
    private static final List<String> X86_SYSCALLS = List.of("arch_prctl", "modify_ldt");
    private static final List<String> ARM_SYSCALLS = List.of("arm_fadvise64_64", "arm_sync_file_range",
            "sync_file_range2", "breakpoint", "cacheflush", "set_tls");

    /** Calls allowed only with a capability, in a stable order. */
    private static final List<Map.Entry<String, List<String>>> CAPABILITY_SYSCALLS = List.of(
            Map.entry("CAP_DAC_READ_SEARCH", List.of("open_by_handle_at")),
            Map.entry("CAP_SYS_ADMIN", List.of("bpf", "clone", "clone3", "fanotify_init", "fsconfig", "fsmount",
                    "fsopen", "fspick", "lookup_dcookie", "mount", "mount_setattr", "move_mount", "open_tree",
                    "perf_event_open", "quotactl", "quotactl_fd", "setdomainname", "sethostname", "setns",
                    "syslog", "umount", "umount2", "unshare")),
            Map.entry("CAP_SYS_BOOT", List.of("reboot")),
            Map.entry("CAP_SYS_CHROOT", List.of("chroot")),
            Map.entry("CAP_SYS_MODULE", List.of("delete_module", "init_module", "finit_module")),
            Map.entry("CAP_SYS_PACCT", List.of("acct")),
            Map.entry("CAP_SYS_PTRACE", List.of("kcmp", "pidfd_getfd", "process_madvise", "process_vm_readv",
                    "process_vm_writev")),
            Map.entry("CAP_SYS_RAWIO", List.of("iopl", "ioperm")),
            Map.entry("CAP_SYS_TIME", List.of("settimeofday", "stime", "clock_settime", "clock_settime64")),
            Map.entry("CAP_SYS_TTY_CONFIG", List.of("vhangup")),
            Map.entry("CAP_SYS_NICE", List.of("get_mempolicy", "mbind", "set_mempolicy",
                    "set_mempolicy_home_node")),
            Map.entry("CAP_SYSLOG", List.of("syslog")),
            Map.entry("CAP_BPF", List.of("bpf")),
            Map.entry("CAP_PERFMON", List.of("perf_event_open")));

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
     * Docker's default seccomp profile as the JSON text of an OCI {@code linux.seccomp} object, for a container
     * whose effective capabilities are {@code capabilities}: refuse with EPERM what is not listed; allow the
     * common calls, the calls of the host's architecture family, and the calls whose capability the container
     * holds; {@code clone} only without namespace flags and {@code clone3} answering ENOSYS (so that the C library
     * falls back to {@code clone}) unless CAP_SYS_ADMIN; {@code personality} only for the harmless personas;
     * {@code socket} for every family but AF_VSOCK. Names the host's libseccomp does not know are skipped by the
     * runtimes.
     */
    public static String seccompProfile(Set<String> capabilities) {
        StringBuilder json = new StringBuilder(16384);
        json.append("{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"defaultErrnoRet\":1,\"architectures\":[");
        String arch = System.getProperty("os.arch", "amd64");
        boolean arm = arch.equals("aarch64") || arch.startsWith("arm");
        json.append(arm ? "\"SCMP_ARCH_AARCH64\",\"SCMP_ARCH_ARM\""
                : "\"SCMP_ARCH_X86_64\",\"SCMP_ARCH_X86\",\"SCMP_ARCH_X32\"");
        json.append("],\"syscalls\":[");
        allow(json, ALLOWED_SYSCALLS);
        json.append(',');
        allow(json, arm ? ARM_SYSCALLS : X86_SYSCALLS);
        for (long persona : new long[] {0x0L, 0x8L, 0x20000L, 0x20008L, 0xffffffffL}) {
            json.append(",{\"names\":[\"personality\"],\"action\":\"SCMP_ACT_ALLOW\",\"args\":[{\"index\":0,")
                    .append("\"value\":").append(persona).append(",\"op\":\"SCMP_CMP_EQ\"}]}");
        }
        json.append(",{\"names\":[\"socket\"],\"action\":\"SCMP_ACT_ALLOW\",\"args\":[{\"index\":0,")
                .append("\"value\":40,\"op\":\"SCMP_CMP_NE\"}]}");
        java.util.Set<String> granted = new java.util.LinkedHashSet<>();
        for (Map.Entry<String, List<String>> e : CAPABILITY_SYSCALLS) {
            if (capabilities.contains(e.getKey())) {
                granted.addAll(e.getValue());
            }
        }
        if (!granted.isEmpty()) {
            json.append(',');
            allow(json, List.copyOf(granted));
        }
        if (!capabilities.contains("CAP_SYS_ADMIN")) {
            json.append(",{\"names\":[\"clone\"],\"action\":\"SCMP_ACT_ALLOW\",\"args\":[{\"index\":0,")
                    .append("\"value\":").append(CLONE_NAMESPACE_FLAGS)
                    .append(",\"valueTwo\":0,\"op\":\"SCMP_CMP_MASKED_EQ\"}]}");
            json.append(",{\"names\":[\"clone3\"],\"action\":\"SCMP_ACT_ERRNO\",\"errnoRet\":38}");
        }
        return json.append("]}").toString();
    }

    private static void allow(StringBuilder json, List<String> names) {
        json.append("{\"names\":[");
        for (int i = 0; i < names.size(); i++) {
            json.append(i == 0 ? "\"" : ",\"").append(names.get(i)).append('"');
        }
        json.append("],\"action\":\"SCMP_ACT_ALLOW\"}");
    }
}
