package io.wharf.daemon.internal.network;

import io.wharf.api.network.IpamConfig;
import java.util.List;
import java.util.Map;

/**
 * A network as the daemon keeps it on disk: what the user asked for and the pools the IPAM driver reserved for it.
 *
 * @param ipam the IPAM configuration as inspect shows it (subnets and gateways filled in)
 * @param pools the reserved pools, IPv4 first
 * @param userSubnet whether the user named the subnet (static {@code --ip} is allowed only then)
 */
public record NetworkRecord(String id, String name, String driver, String created, String scope, boolean internal,
        boolean attachable, boolean ingress, boolean enableIpv6, IpamConfig ipam, Map<String, String> options,
        Map<String, String> labels, List<Pool> pools, boolean userSubnet) {

    /** The predefined networks: never removed, never pruned. */
    public boolean predefined() {
        return name.equals("bridge") || name.equals("host") || name.equals("none");
    }

    public boolean defaultBridge() {
        return name.equals("bridge") && driver.equals("bridge");
    }

    /** A reserved pool with its gateway in CIDR form and auxiliary addresses in CIDR form. */
    public record Pool(String poolId, String cidr, String gateway, Map<String, String> auxAddresses, boolean v6) {
    }

    Pool pool4() {
        return pools == null ? null : pools.stream().filter(p -> !p.v6()).findFirst().orElse(null);
    }

    Pool pool6() {
        return pools == null ? null : pools.stream().filter(Pool::v6).findFirst().orElse(null);
    }
}
