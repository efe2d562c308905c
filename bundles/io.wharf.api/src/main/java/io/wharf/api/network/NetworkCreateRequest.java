package io.wharf.api.network;

import java.util.Map;

/** {@code POST /networks/create}'s body. */
public record NetworkCreateRequest(String name, String driver, String scope, boolean internal, boolean attachable,
        boolean ingress, boolean enableIpv6, IpamConfig ipam, Map<String, String> options,
        Map<String, String> labels, boolean checkDuplicate) {
}
