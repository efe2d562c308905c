package io.wharf.api.runtime;

import java.util.List;

/**
 * The cgroup limits of a container, named as in Docker's {@code HostConfig}. A null field is unset (the runtime
 * leaves the kernel's default, or on {@link ContainerRuntime#update} the current value); lists are never null.
 * Memory figures are bytes; {@code memorySwap} is memory plus swap as in Docker, -1 for unlimited.
 */
public record Resources(
        Long memory,
        Long memoryReservation,
        Long memorySwap,
        Long memorySwappiness,
        Long kernelMemoryTcp,
        Boolean oomKillDisable,
        Long cpuShares,
        Long cpuQuota,
        Long cpuPeriod,
        Long cpuRealtimeRuntime,
        Long cpuRealtimePeriod,
        String cpusetCpus,
        String cpusetMems,
        Long pidsLimit,
        Integer blkioWeight,
        List<BlkioWeightDevice> blkioWeightDevices,
        List<BlkioThrottle> blkioReadBps,
        List<BlkioThrottle> blkioWriteBps,
        List<BlkioThrottle> blkioReadIops,
        List<BlkioThrottle> blkioWriteIops) {

    /** No limits at all. */
    public static final Resources NONE = new Resources(null, null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, List.of(), List.of(), List.of(), List.of(), List.of());

    public Resources {
        blkioWeightDevices = blkioWeightDevices == null ? List.of() : List.copyOf(blkioWeightDevices);
        blkioReadBps = blkioReadBps == null ? List.of() : List.copyOf(blkioReadBps);
        blkioWriteBps = blkioWriteBps == null ? List.of() : List.copyOf(blkioWriteBps);
        blkioReadIops = blkioReadIops == null ? List.of() : List.copyOf(blkioReadIops);
        blkioWriteIops = blkioWriteIops == null ? List.of() : List.copyOf(blkioWriteIops);
    }

    /** Only a memory limit, a convenience for the common case. */
    public static Resources memory(long bytes) {
        return NONE.withMemory(bytes);
    }

    public Resources withMemory(Long bytes) {
        return new Resources(bytes, memoryReservation, memorySwap, memorySwappiness, kernelMemoryTcp,
                oomKillDisable, cpuShares, cpuQuota, cpuPeriod, cpuRealtimeRuntime, cpuRealtimePeriod, cpusetCpus,
                cpusetMems, pidsLimit, blkioWeight, blkioWeightDevices, blkioReadBps, blkioWriteBps, blkioReadIops,
                blkioWriteIops);
    }

    public Resources withPidsLimit(Long limit) {
        return new Resources(memory, memoryReservation, memorySwap, memorySwappiness, kernelMemoryTcp,
                oomKillDisable, cpuShares, cpuQuota, cpuPeriod, cpuRealtimeRuntime, cpuRealtimePeriod, cpusetCpus,
                cpusetMems, limit, blkioWeight, blkioWeightDevices, blkioReadBps, blkioWriteBps, blkioReadIops,
                blkioWriteIops);
    }

    /** A relative block I/O weight for one device. */
    public record BlkioWeightDevice(long major, long minor, int weight) {
    }

    /** A rate limit (bytes or operations per second) for one device. */
    public record BlkioThrottle(long major, long minor, long rate) {
    }
}
