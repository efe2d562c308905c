package io.wharf.api.network;

import java.util.Map;

/**
 * A network as {@code GET /networks/{id}} shows it.
 *
 * @param created RFC 3339
 * @param containers attached containers by ID
 */
public record NetworkDetails(String name, String id, String created, String scope, String driver,
        boolean enableIpv6, IpamConfig ipam, boolean internal, boolean attachable, boolean ingress,
        Map<String, Endpoint> containers, Map<String, String> options, Map<String, String> labels) {

    /** An attached container's endpoint: addresses with prefix length, as {@code 172.18.0.2/16}. */
    public record Endpoint(String name, String endpointId, String macAddress, String ipv4Address,
            String ipv6Address) {
    }
}
