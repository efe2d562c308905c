package io.wharf.daemon.internal.network;

import io.wharf.api.network.NetworkDriver.PortBinding;
import java.util.List;

/**
 * What joining a network gave a container.
 *
 * @param ipv4 in CIDR form ({@code 172.17.0.2/16}); null on networks without addresses
 * @param gateway the default gateway this network gives the container, or empty
 * @param nameserver the network's DNS server address, or empty (the default bridge has none)
 * @param ports the published ports with the host ports actually chosen
 */
public record Joined(String networkId, String networkName, String endpointId, String ipv4, String ipv6,
        String macAddress, String gateway, String gatewayIpv6, String nameserver, List<String> dnsNames,
        List<PortBinding> ports) {
}
