package io.wharf.daemon.internal.system;

import io.wharf.api.system.SystemInfo.HostFacts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Reads facts about the host from /proc and /sys. The root is a parameter so tests can feed a fake tree. */
final class HostProbe {
    private final Path root;

    HostProbe(Path root) {
        this.root = root;
    }

    static HostProbe live() {
        return new HostProbe(Path.of("/"));
    }

    String kernelVersion() {
        return firstLine("proc/sys/kernel/osrelease", System.getProperty("os.version"));
    }

    String hostname() {
        return firstLine("proc/sys/kernel/hostname", "localhost");
    }

    /** PRETTY_NAME and VERSION_ID from os-release. */
    String[] operatingSystem() {
        String pretty = "Linux";
        String version = "";
        for (String line : lines("etc/os-release")) {
            if (line.startsWith("PRETTY_NAME=")) {
                pretty = unquote(line.substring(12));
            } else if (line.startsWith("VERSION_ID=")) {
                version = unquote(line.substring(11));
            }
        }
        return new String[] {pretty, version};
    }

    long memTotal() {
        for (String line : lines("proc/meminfo")) {
            if (line.startsWith("MemTotal:")) {
                String[] f = line.split("\\s+");
                return Long.parseLong(f[1]) * 1024;
            }
        }
        return Runtime.getRuntime().maxMemory();
    }

    /** True on a unified (v2-only) cgroup hierarchy. */
    boolean cgroupV2() {
        return Files.exists(root.resolve("sys/fs/cgroup/cgroup.controllers"));
    }

    HostFacts facts(int cpus) {
        String[] os = operatingSystem();
        boolean v2 = cgroupV2();
        Path cg = root.resolve("sys/fs/cgroup");
        boolean memory;
        boolean swap;
        boolean cfs;
        boolean shares;
        boolean cpuset;
        boolean pids;
        if (v2) {
            List<String> controllers = List.of(firstLine("sys/fs/cgroup/cgroup.controllers", "").split(" "));
            memory = controllers.contains("memory");
            swap = memory && Files.exists(cg.resolve("init.scope/memory.swap.max"))
                    || memory && hasAnySwapFile(cg);
            cfs = controllers.contains("cpu");
            shares = cfs;
            cpuset = controllers.contains("cpuset");
            pids = controllers.contains("pids");
        } else {
            memory = Files.exists(cg.resolve("memory/memory.limit_in_bytes"));
            swap = Files.exists(cg.resolve("memory/memory.memsw.limit_in_bytes"));
            cfs = Files.exists(cg.resolve("cpu/cpu.cfs_period_us"));
            shares = Files.exists(cg.resolve("cpu/cpu.shares"));
            cpuset = Files.exists(cg.resolve("cpuset/cpuset.cpus"));
            pids = Files.exists(cg.resolve("pids"));
        }
        boolean oomKillDisable = !v2 && Files.exists(cg.resolve("memory/memory.oom_control"));
        boolean forwarding = "1".equals(firstLine("proc/sys/net/ipv4/ip_forward", "0"));
        return new HostFacts(kernelVersion(), os[0], os[1], "linux", architecture(), cpus, memTotal(), "cgroupfs",
                v2 ? "2" : "1", memory, swap, cfs, cfs, shares, cpuset, pids, oomKillDisable, forwarding);
    }

    /**
     * Whether bridged IPv4 ({@code iptables}) or IPv6 ({@code ip6tables}) traffic passes through netfilter: the
     * br_netfilter sysctl, absent (so false) while that module is not loaded.
     */
    boolean bridgeNetfilter(String family) {
        return "1".equals(firstLine("proc/sys/net/bridge/bridge-nf-call-" + family, "0"));
    }

    private static boolean hasAnySwapFile(Path cg) {
        try (var s = Files.list(cg)) {
            return s.anyMatch(p -> Files.exists(p.resolve("memory.swap.max")));
        } catch (IOException e) {
            return false;
        }
    }

    /** The architecture in dockerd's spelling (uname -m). */
    static String architecture() {
        String a = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        return switch (a) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> a;
        };
    }

    /** The architecture in Go's naming, as /version reports it. */
    static String goArch() {
        String a = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        return switch (a) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            default -> a;
        };
    }

    int openFileDescriptors() {
        try (var s = Files.list(root.resolve("proc/self/fd"))) {
            return (int) s.count();
        } catch (IOException e) {
            return -1;
        }
    }

    private String firstLine(String rel, String fallback) {
        List<String> l = lines(rel);
        return l.isEmpty() ? fallback : l.get(0).trim();
    }

    private List<String> lines(String rel) {
        try {
            return Files.readAllLines(root.resolve(rel));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    private static String unquote(String s) {
        s = s.trim();
        if (s.length() >= 2 && (s.startsWith("\"") || s.startsWith("'"))) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }
}
