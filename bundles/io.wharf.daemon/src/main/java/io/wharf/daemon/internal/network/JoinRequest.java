package io.wharf.daemon.internal.network;

import io.wharf.api.network.NetworkDriver.PortBinding;
import java.util.List;
import java.util.Map;

/**
 * A container joining a network.
 *
 * @param sandbox the path of the container's network namespace
 * @param ipv4 a static address ({@code --ip}) or null
 * @param names the names other containers resolve it by (name, aliases, short ID), on user-defined networks
 * @param ports the ports to publish through this network (empty when another network publishes them)
 * @param dns the container's {@code --dns} servers, which the network's DNS server forwards its queries to
 * @param links {@code --link} aliases on this network: alias to the linked container's name
 */
public record JoinRequest(String network, String containerId, String containerName, String sandbox, String ipv4,
        String ipv6, List<String> names, List<PortBinding> ports, List<String> dns, Map<String, String> links) {

    public JoinRequest(String network, String containerId, String containerName, String sandbox, String ipv4,
            String ipv6, List<String> names, List<PortBinding> ports) {
        this(network, containerId, containerName, sandbox, ipv4, ipv6, names, ports, List.of(), Map.of());
    }
}
