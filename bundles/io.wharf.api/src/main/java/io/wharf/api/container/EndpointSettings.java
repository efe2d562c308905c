package io.wharf.api.container;

import java.util.List;
import java.util.Map;

/**
 * A container's attachment to one network: what the user asked for (aliases, static addresses) and, once
 * connected, what it got (addresses, gateway, MAC).
 */
public record EndpointSettings(String ipv4Address, String ipv6Address, List<String> linkLocalIps,
        List<String> links, List<String> aliases, String macAddress, Map<String, String> driverOpts,
        String networkId, String endpointId, String gateway, String ipAddress, int ipPrefixLen,
        String ipv6Gateway, String globalIpv6Address, int globalIpv6PrefixLen, List<String> dnsNames) {
}
