package io.wharf.daemon.internal.network;

import io.wharf.api.network.NetworkDriver.PortBinding;
import java.util.List;

/**
 * A container's endpoint on a network, kept on disk from join to leave so that a restarted daemon can show, leave
 * and release it.
 *
 * @param ipv4 in CIDR form, as the IPAM driver returned it
 */
record EndpointRecord(String id, String networkId, String containerId, String containerName, String macAddress,
        String ipv4, String ipv6, List<PortBinding> ports) {
}
