package io.wharf.daemon.internal.network;

import io.wharf.api.network.NetworkDriver.PortBinding;
import java.util.List;

/**
 * A container joining a network.
 *
 * @param sandbox the path of the container's network namespace
 * @param ipv4 a static address ({@code --ip}) or null
 * @param names the names other containers resolve it by (name, aliases, short ID), on user-defined networks
 * @param ports the ports to publish through this network (empty when another network publishes them)
 */
public record JoinRequest(String network, String containerId, String containerName, String sandbox, String ipv4,
        String ipv6, List<String> names, List<PortBinding> ports) {
}
