package io.wharf.api.container;

import java.util.List;

/**
 * The resource settings of {@code docker run} and {@code docker update}, as the API carries them. Null means
 * unset (keep the current value on update). The engine turns these into the runtime's cgroup settings.
 *
 * @param nanoCpus {@code --cpus} times 10^9
 * @param memorySwap -1 for unlimited swap
 * @param pidsLimit 0 or -1 for unlimited
 */
public record ContainerResources(Long cpuShares, Long memory, Long nanoCpus, String cgroupParent,
        Integer blkioWeight, List<WeightDevice> blkioWeightDevice, List<ThrottleDevice> blkioDeviceReadBps,
        List<ThrottleDevice> blkioDeviceWriteBps, List<ThrottleDevice> blkioDeviceReadIOps,
        List<ThrottleDevice> blkioDeviceWriteIOps, Long cpuPeriod, Long cpuQuota, Long cpuRealtimePeriod,
        Long cpuRealtimeRuntime, String cpusetCpus, String cpusetMems, List<DeviceMapping> devices,
        List<String> deviceCgroupRules, Long memoryReservation, Long memorySwap, Long memorySwappiness,
        Boolean oomKillDisable, Long pidsLimit, List<Ulimit> ulimits) {

    public static final ContainerResources NONE = new ContainerResources(null, null, null, null, null, List.of(),
            List.of(), List.of(), List.of(), List.of(), null, null, null, null, null, null, List.of(), List.of(),
            null, null, null, null, null, List.of());

    public record WeightDevice(String path, int weight) {
    }

    public record ThrottleDevice(String path, long rate) {
    }

    /** {@code --device host:container:rwm}. */
    public record DeviceMapping(String pathOnHost, String pathInContainer, String cgroupPermissions) {
    }

    /** {@code --ulimit name=soft:hard}. */
    public record Ulimit(String name, long soft, long hard) {
    }
}
