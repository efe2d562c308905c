package io.wharf.runtime.oci.internal;

import io.wharf.api.runtime.ContainerStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Reads a container's cgroup files, for cgroup v1 (one hierarchy per controller, as on hybrid hosts) and v2
 * (the unified hierarchy). Missing files read as zero: a stopped container has no cgroup left.
 */
final class CgroupFiles {
    private static final long NANOS_PER_TICK = 1_000_000_000L / 100; // USER_HZ is 100 on Linux

    private final Path root;
    private final boolean unified;

    CgroupFiles(Path root) {
        this.root = root;
        this.unified = Files.exists(root.resolve("cgroup.controllers"));
    }

    static CgroupFiles host() {
        return new CgroupFiles(Path.of("/sys/fs/cgroup"));
    }

    boolean unified() {
        return unified;
    }

    private Path dir(String controller, String cgroupsPath) {
        String rel = cgroupsPath.startsWith("/") ? cgroupsPath.substring(1) : cgroupsPath;
        return unified ? root.resolve(rel) : root.resolve(controller).resolve(rel);
    }

    /** Every PID in the container's cgroup and its children. */
    List<Integer> pids(String cgroupsPath) {
        Path dir = dir("pids", cgroupsPath);
        if (!unified && !Files.isDirectory(dir)) {
            dir = dir("memory", cgroupsPath);
        }
        TreeSet<Integer> pids = new TreeSet<>();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> tree = Files.walk(dir)) {
            tree.filter(p -> p.getFileName().toString().equals("cgroup.procs")).forEach(p -> {
                for (String line : lines(p)) {
                    if (!line.isBlank()) {
                        pids.add(Integer.parseInt(line.strip()));
                    }
                }
            });
        } catch (IOException e) {
            return List.copyOf(pids);
        }
        return List.copyOf(pids);
    }

    ContainerStats stats(String cgroupsPath) {
        return unified ? statsV2(cgroupsPath) : statsV1(cgroupsPath);
    }

    private ContainerStats statsV1(String path) {
        Path cpuacct = dir("cpuacct", path);
        Map<String, Long> acct = keyValues(cpuacct.resolve("cpuacct.stat"));
        List<Long> perCpu = new ArrayList<>();
        for (String v : read(cpuacct.resolve("cpuacct.usage_percpu")).split("\\s+")) {
            if (!v.isBlank()) {
                perCpu.add(Long.parseLong(v));
            }
        }
        Map<String, Long> throttling = keyValues(dir("cpu", path).resolve("cpu.stat"));
        ContainerStats.Cpu cpu = new ContainerStats.Cpu(number(cpuacct.resolve("cpuacct.usage")),
                acct.getOrDefault("system", 0L) * NANOS_PER_TICK, acct.getOrDefault("user", 0L) * NANOS_PER_TICK,
                perCpu, systemUsage(), onlineCpus(), throttling.getOrDefault("nr_periods", 0L),
                throttling.getOrDefault("nr_throttled", 0L), throttling.getOrDefault("throttled_time", 0L));
        Path memory = dir("memory", path);
        long limit = number(memory.resolve("memory.limit_in_bytes"));
        long hostMemory = hostMemory();
        ContainerStats.Memory mem = new ContainerStats.Memory(number(memory.resolve("memory.usage_in_bytes")),
                number(memory.resolve("memory.max_usage_in_bytes")),
                limit <= 0 || limit > hostMemory ? hostMemory : limit, number(memory.resolve("memory.failcnt")),
                keyValues(memory.resolve("memory.stat")));
        Path pids = dir("pids", path);
        ContainerStats.Pids p = new ContainerStats.Pids(number(pids.resolve("pids.current")),
                number(pids.resolve("pids.max")));
        Path blkio = dir("blkio", path);
        List<ContainerStats.Blkio.Entry> bytes = blkioV1(blkio.resolve("blkio.io_service_bytes_recursive"));
        List<ContainerStats.Blkio.Entry> ops = blkioV1(blkio.resolve("blkio.io_serviced_recursive"));
        if (bytes.isEmpty()) {
            bytes = blkioV1(blkio.resolve("blkio.throttle.io_service_bytes_recursive"));
            ops = blkioV1(blkio.resolve("blkio.throttle.io_serviced_recursive"));
        }
        return new ContainerStats(Instant.now(), cpu, mem, p, new ContainerStats.Blkio(bytes, ops));
    }

    private ContainerStats statsV2(String path) {
        Path dir = dir("", path);
        Map<String, Long> cpuStat = keyValues(dir.resolve("cpu.stat"));
        ContainerStats.Cpu cpu = new ContainerStats.Cpu(cpuStat.getOrDefault("usage_usec", 0L) * 1000,
                cpuStat.getOrDefault("system_usec", 0L) * 1000, cpuStat.getOrDefault("user_usec", 0L) * 1000,
                List.of(), systemUsage(), onlineCpus(), cpuStat.getOrDefault("nr_periods", 0L),
                cpuStat.getOrDefault("nr_throttled", 0L), cpuStat.getOrDefault("throttled_usec", 0L) * 1000);
        long limit = number(dir.resolve("memory.max"));
        long hostMemory = hostMemory();
        ContainerStats.Memory mem = new ContainerStats.Memory(number(dir.resolve("memory.current")),
                number(dir.resolve("memory.peak")), limit <= 0 || limit > hostMemory ? hostMemory : limit,
                keyValues(dir.resolve("memory.events")).getOrDefault("max", 0L),
                keyValues(dir.resolve("memory.stat")));
        ContainerStats.Pids p = new ContainerStats.Pids(number(dir.resolve("pids.current")),
                number(dir.resolve("pids.max")));
        List<ContainerStats.Blkio.Entry> bytes = new ArrayList<>();
        List<ContainerStats.Blkio.Entry> ops = new ArrayList<>();
        for (String line : lines(dir.resolve("io.stat"))) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 2 || !f[0].contains(":")) {
                continue;
            }
            String[] mm = f[0].split(":");
            long major = Long.parseLong(mm[0]);
            long minor = Long.parseLong(mm[1]);
            for (int i = 1; i < f.length; i++) {
                String[] kv = f[i].split("=");
                if (kv.length != 2) {
                    continue;
                }
                long value = parse(kv[1]);
                switch (kv[0]) {
                    case "rbytes" -> bytes.add(new ContainerStats.Blkio.Entry(major, minor, "read", value));
                    case "wbytes" -> bytes.add(new ContainerStats.Blkio.Entry(major, minor, "write", value));
                    case "rios" -> ops.add(new ContainerStats.Blkio.Entry(major, minor, "read", value));
                    case "wios" -> ops.add(new ContainerStats.Blkio.Entry(major, minor, "write", value));
                    default -> {
                    }
                }
            }
        }
        return new ContainerStats(Instant.now(), cpu, mem, p, new ContainerStats.Blkio(bytes, ops));
    }

    private static List<ContainerStats.Blkio.Entry> blkioV1(Path file) {
        List<ContainerStats.Blkio.Entry> entries = new ArrayList<>();
        for (String line : lines(file)) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 3 && f[0].contains(":")) {
                String[] mm = f[0].split(":");
                entries.add(new ContainerStats.Blkio.Entry(Long.parseLong(mm[0]), Long.parseLong(mm[1]),
                        f[1].toLowerCase(java.util.Locale.ROOT), parse(f[2])));
            }
        }
        return entries;
    }

    /** The host's total CPU time in nanoseconds, from the first line of {@code /proc/stat}. */
    static long systemUsage() {
        for (String line : lines(Path.of("/proc/stat"))) {
            if (line.startsWith("cpu ")) {
                long ticks = 0;
                String[] f = line.trim().split("\\s+");
                for (int i = 1; i < f.length && i <= 7; i++) {
                    ticks += parse(f[i]);
                }
                return ticks * NANOS_PER_TICK;
            }
        }
        return 0;
    }

    static int onlineCpus() {
        int n = 0;
        for (String line : lines(Path.of("/proc/stat"))) {
            if (line.startsWith("cpu") && Character.isDigit(line.charAt(3))) {
                n++;
            }
        }
        return n > 0 ? n : Runtime.getRuntime().availableProcessors();
    }

    static long hostMemory() {
        for (String line : lines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                return parse(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return Long.MAX_VALUE;
    }

    private static Map<String, Long> keyValues(Path file) {
        Map<String, Long> values = new LinkedHashMap<>();
        for (String line : lines(file)) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 2) {
                values.put(f[0], parse(f[1]));
            }
        }
        return values;
    }

    /** A file holding one number; {@code max} (unlimited) and absent files read as 0. */
    private static long number(Path file) {
        return parse(read(file).strip());
    }

    private static long parse(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            return List.of();
        }
    }
}
