package io.wharf.api.runtime;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Cgroup figures of one container at one moment, the raw material of {@code GET /containers/{id}/stats}.
 * Times are nanoseconds; sizes are bytes.
 */
public record ContainerStats(Instant read, Cpu cpu, Memory memory, Pids pids, Blkio blkio) {

    /**
     * @param totalUsage CPU time used by the container
     * @param usageInKernelmode the part spent in the kernel
     * @param usageInUsermode the part spent in user space
     * @param perCpuUsage per CPU (cgroup v1 only; empty on v2)
     * @param systemUsage the host's total CPU time ({@code /proc/stat}), to compute percentages
     * @param onlineCpus CPUs online
     * @param throttlingPeriods periods with throttling active
     * @param throttledPeriods periods the container was throttled in
     * @param throttledTime time throttled
     */
    public record Cpu(long totalUsage, long usageInKernelmode, long usageInUsermode, List<Long> perCpuUsage,
            long systemUsage, int onlineCpus, long throttlingPeriods, long throttledPeriods, long throttledTime) {
        public Cpu {
            perCpuUsage = List.copyOf(perCpuUsage);
        }
    }

    /**
     * @param usage current usage
     * @param maxUsage the peak, where the kernel tracks it (0 otherwise)
     * @param limit the limit; the host's memory when unlimited
     * @param failcnt times the limit was hit (v1) or {@code max} events (v2)
     * @param stats the {@code memory.stat} file as is
     */
    public record Memory(long usage, long maxUsage, long limit, long failcnt, Map<String, Long> stats) {
        public Memory {
            stats = Map.copyOf(stats);
        }
    }

    /** @param limit 0 when unlimited */
    public record Pids(long current, long limit) {
    }

    /** Block I/O counters per device and operation ({@code Read}, {@code Write}, {@code Total}, ...). */
    public record Blkio(List<Entry> ioServiceBytesRecursive, List<Entry> ioServicedRecursive) {
        public Blkio {
            ioServiceBytesRecursive = List.copyOf(ioServiceBytesRecursive);
            ioServicedRecursive = List.copyOf(ioServicedRecursive);
        }

        public record Entry(long major, long minor, String op, long value) {
        }
    }
}
