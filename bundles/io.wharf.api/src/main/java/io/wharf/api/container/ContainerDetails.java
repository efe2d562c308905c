package io.wharf.api.container;

import java.util.List;
import java.util.Map;

/**
 * What {@code GET /containers/{id}/json} shows.
 *
 * @param name with a leading slash
 * @param graphDriver the storage driver's name and its data (LowerDir, UpperDir, ...)
 * @param sizeRw -1 unless size was asked for
 */
public record ContainerDetails(String id, String created, String path, List<String> args, ContainerState state,
        String image, String resolvConfPath, String hostnamePath, String hostsPath, String logPath, String name,
        int restartCount, String driver, String platform, String mountLabel, String processLabel,
        String appArmorProfile, List<String> execIds, HostConfig hostConfig, String graphDriverName,
        Map<String, String> graphDriver, long sizeRw, long sizeRootFs, List<MountPoint> mounts,
        ContainerConfig config, NetworkSettings networkSettings) {

    /** The network part of inspect. */
    public record NetworkSettings(String sandboxId, String sandboxKey, Map<String, List<PortMapping>> ports,
            Map<String, EndpointSettings> networks) {
    }
}
