package io.wharf.api.container;

import java.util.List;
import java.util.Map;

/**
 * The host-specific part of a container's configuration (Docker's {@code HostConfig}).
 *
 * @param binds {@code -v} specifications as the user wrote them
 * @param networkMode bridge, host, none, container:NAME, or a network's name
 * @param portBindings {@code 80/tcp} to its host bindings
 * @param volumesFrom {@code container[:ro|rw]}
 * @param tmpfs path to mount options
 * @param shmSize bytes, 0 for the default (64 MiB)
 */
public record HostConfig(List<String> binds, String containerIdFile, LogConfig logConfig, String networkMode,
        Map<String, List<PortBinding>> portBindings, RestartPolicy restartPolicy, boolean autoRemove,
        String volumeDriver, List<String> volumesFrom, List<MountSpec> mounts, List<String> capAdd,
        List<String> capDrop, String cgroupnsMode, List<String> dns, List<String> dnsOptions,
        List<String> dnsSearch, List<String> extraHosts, List<String> groupAdd, String ipcMode, String cgroup,
        List<String> links, Integer oomScoreAdj, String pidMode, boolean privileged, boolean publishAllPorts,
        boolean readonlyRootfs, List<String> securityOpt, Map<String, String> storageOpt, Map<String, String> tmpfs,
        String utsMode, String usernsMode, long shmSize, Map<String, String> sysctls, String runtime,
        List<String> maskedPaths, List<String> readonlyPaths, Boolean init, ContainerResources resources,
        List<String> annotations) {

    /** Where a container's log goes: a driver name and its options. */
    public record LogConfig(String type, Map<String, String> config) {
    }

    /** One host binding of a container port; empty strings mean any address / an ephemeral port. */
    public record PortBinding(String hostIp, String hostPort) {
    }

    /** {@code no}, {@code always}, {@code unless-stopped} or {@code on-failure} with a retry limit. */
    public record RestartPolicy(String name, int maximumRetryCount) {
        public static final RestartPolicy NO = new RestartPolicy("no", 0);
    }
}
