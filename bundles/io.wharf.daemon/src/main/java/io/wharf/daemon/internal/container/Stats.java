package io.wharf.daemon.internal.container;

import io.wharf.api.common.Subscription;
import io.wharf.api.container.StatsSample;
import io.wharf.api.runtime.ContainerStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** {@code docker stats}: cgroup figures from the runtime plus the container's network counters, once or each second. */
final class Stats {
    private Stats() {
    }

    static Subscription start(EngineContainerService service, Container c, boolean stream,
            Consumer<StatsSample> sink, Runnable done) {
        if (!stream) {
            try {
                sink.accept(sample(service, c));
            } finally {
                done.run();
            }
            return () -> { };
        }
        Object lock = new Object();
        boolean[] ended = new boolean[1];
        ScheduledFuture<?>[] task = new ScheduledFuture<?>[1];
        Runnable end = () -> {
            synchronized (lock) {
                if (ended[0]) {
                    return;
                }
                ended[0] = true;
                if (task[0] != null) {
                    task[0].cancel(false);
                }
            }
            done.run();
        };
        synchronized (lock) {
            task[0] = service.timers().scheduleAtFixedRate(() -> service.threads().submit(() -> {
                synchronized (lock) {
                    if (ended[0]) {
                        return;
                    }
                }
                try {
                    sink.accept(sample(service, c));
                    if (!c.isRunning() && !c.status().equals("created")) {
                        end.run();
                    }
                } catch (RuntimeException e) {
                    end.run();
                }
            }), 0, 1, TimeUnit.SECONDS);
        }
        return end::run;
    }

    static StatsSample sample(EngineContainerService service, Container c) {
        String read = Instant.now().toString();
        String st = c.status();
        if (!st.equals("running") && !st.equals("paused")) {
            return new StatsSample(read, c.id, c.name(), 0, List.of(), 0, 0, 0, 0, 0, 0, 0, 0, 0, Map.of(), 0, 0,
                    Map.of(), List.of());
        }
        ContainerStats s = service.runtime(c).stats(c.id);
        List<StatsSample.BlkioEntry> blkio = new ArrayList<>();
        if (s.blkio() != null) {
            for (ContainerStats.Blkio.Entry e : s.blkio().ioServiceBytesRecursive()) {
                blkio.add(new StatsSample.BlkioEntry(e.major(), e.minor(), e.op(), e.value()));
            }
        }
        ContainerStats.Cpu cpu = s.cpu();
        ContainerStats.Memory mem = s.memory();
        return new StatsSample(s.read() == null ? read : s.read().toString(), c.id, c.name(),
                cpu == null ? 0 : cpu.totalUsage(), cpu == null ? List.of() : cpu.perCpuUsage(),
                cpu == null ? 0 : cpu.usageInKernelmode(), cpu == null ? 0 : cpu.usageInUsermode(),
                cpu == null ? 0 : cpu.systemUsage(), cpu == null ? 0 : cpu.onlineCpus(),
                cpu == null ? 0 : cpu.throttledPeriods(), cpu == null ? 0 : cpu.throttledTime(),
                mem == null ? 0 : mem.usage(), mem == null ? 0 : mem.limit(), mem == null ? 0 : mem.maxUsage(),
                mem == null ? Map.of() : mem.stats(), s.pids() == null ? 0 : s.pids().current(),
                s.pids() == null ? 0 : s.pids().limit(), networks(service.pid(c)), blkio);
    }

    /** Per interface counters from the container's own {@code /proc/<pid>/net/dev}, loopback left out. */
    static Map<String, Map<String, Long>> networks(int pid) {
        if (pid <= 0) {
            return Map.of();
        }
        Map<String, Map<String, Long>> nets = new LinkedHashMap<>();
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/" + pid + "/net/dev"));
            for (String line : lines.subList(Math.min(2, lines.size()), lines.size())) {
                int colon = line.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = line.substring(0, colon).trim();
                if (name.equals("lo")) {
                    continue;
                }
                String[] f = line.substring(colon + 1).trim().split("\\s+");
                if (f.length < 12) {
                    continue;
                }
                Map<String, Long> m = new LinkedHashMap<>();
                m.put("rx_bytes", Long.parseLong(f[0]));
                m.put("rx_packets", Long.parseLong(f[1]));
                m.put("rx_errors", Long.parseLong(f[2]));
                m.put("rx_dropped", Long.parseLong(f[3]));
                m.put("tx_bytes", Long.parseLong(f[8]));
                m.put("tx_packets", Long.parseLong(f[9]));
                m.put("tx_errors", Long.parseLong(f[10]));
                m.put("tx_dropped", Long.parseLong(f[11]));
                nets.put(name, m);
            }
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
        return nets;
    }
}
