package io.wharf.api.container;

import java.util.List;
import java.util.Map;

/**
 * One sample for {@code docker stats}, carrying what dockerd's stats JSON carries; the front end adds the
 * previous sample as {@code precpu_stats}.
 *
 * @param read RFC 3339 time of this sample
 * @param cpuTotal container CPU time in nanoseconds
 * @param systemCpu host CPU time in nanoseconds (all CPUs), for the percentage
 * @param networks per interface: rx_bytes, rx_packets, rx_errors, rx_dropped, tx_bytes, ...
 * @param blkio io_service_bytes_recursive entries: major, minor, op, value
 */
public record StatsSample(String read, String id, String name, long cpuTotal, List<Long> perCpu, long cpuKernel,
        long cpuUser, long systemCpu, int onlineCpus, long throttledPeriods, long throttledTime, long memoryUsage,
        long memoryLimit, long memoryMaxUsage, Map<String, Long> memoryStats, long pidsCurrent, long pidsLimit,
        Map<String, Map<String, Long>> networks, List<BlkioEntry> blkio) {

    public record BlkioEntry(long major, long minor, String op, long value) {
    }
}
