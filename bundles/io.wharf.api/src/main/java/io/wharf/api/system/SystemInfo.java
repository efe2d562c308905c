package io.wharf.api.system;

import io.wharf.api.network.AddressPool;
import java.util.List;
import java.util.Map;

/**
 * What {@code GET /info} reports: real facts about the host, the daemon and the drivers registered now.
 *
 * @param id the daemon's stable ID (kept under the data root)
 * @param name the host name
 * @param serverVersion the engine's version
 * @param containers counts of containers by state
 * @param images the number of images
 * @param host facts about the host kernel and its cgroups
 * @param dataRoot the data root directory
 * @param debug whether debug logging is on
 * @param liveRestore whether containers outlive a daemon stop
 * @param experimental whether experimental features are on
 * @param storageDriver the storage driver in use and its status lines; null name when none is active
 * @param loggingDriver the default log driver's name
 * @param defaultRuntime the default runtime's name
 * @param runtimes the registered runtimes by name
 * @param plugins the registered driver names by kind
 * @param registry registry settings (insecure registries, mirrors)
 * @param eventsListeners live event subscribers
 * @param fileDescriptors open file descriptors of the daemon
 * @param threads live threads of the daemon
 * @param systemTime the host's time, RFC 3339 with nanoseconds
 * @param labels the daemon's labels ({@code key=value})
 * @param warnings warnings for the user (missing cgroup controllers, insecure TCP, ...)
 * @param initBinary the init program used for {@code --init}
 * @param securityOptions the security features on, in dockerd's {@code name=...} form
 * @param network the host's and the daemon's networking facts
 */
public record SystemInfo(String id, String name, String serverVersion, ContainerCounts containers, int images,
        HostFacts host, String dataRoot, boolean debug, boolean liveRestore, boolean experimental,
        StorageStatus storageDriver, String loggingDriver, String defaultRuntime, Map<String, RuntimeEntry> runtimes,
        DriverNames plugins, RegistrySettings registry, int eventsListeners, int fileDescriptors, int threads,
        String systemTime, List<String> labels, List<String> warnings, String initBinary,
        List<String> securityOptions, NetworkFacts network) {

    /** Containers by state. */
    public record ContainerCounts(int total, int running, int paused, int stopped) {
    }

    /**
     * Host facts read from the kernel.
     *
     * @param cgroupDriver cgroupfs or systemd
     * @param cgroupVersion "1" or "2"
     */
    public record HostFacts(String kernelVersion, String operatingSystem, String osVersion, String osType,
            String architecture, int cpus, long memTotal, String cgroupDriver, String cgroupVersion,
            boolean memoryLimit, boolean swapLimit, boolean cpuCfsPeriod, boolean cpuCfsQuota, boolean cpuShares,
            boolean cpuSet, boolean pidsLimit, boolean oomKillDisable, boolean ipv4Forwarding) {
    }

    /** The active storage driver and its status lines (pairs of label and value). */
    public record StorageStatus(String name, List<List<String>> status) {
    }

    /** A runtime as listed under {@code Runtimes}. */
    public record RuntimeEntry(String path, List<String> args) {
    }

    /** Registered driver names by kind, as listed under {@code Plugins}. */
    public record DriverNames(List<String> volume, List<String> network, List<String> log,
            List<String> authorization) {
    }

    /**
     * Networking facts: the pools networks take their subnets from, and whether bridged traffic passes through
     * iptables and ip6tables (the br_netfilter sysctls; false when the module is not loaded).
     */
    public record NetworkFacts(List<AddressPool> defaultAddressPools, boolean bridgeNfIptables,
            boolean bridgeNfIp6tables) {
    }

    /** Registry settings. */
    public record RegistrySettings(List<String> insecureRegistryCidrs, List<String> insecureRegistries,
            List<String> mirrors, String indexServerAddress) {
    }
}
