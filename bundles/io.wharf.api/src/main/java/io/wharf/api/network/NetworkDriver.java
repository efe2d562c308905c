package io.wharf.api.network;

import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A network driver, after libnetwork's driver model: networks contain endpoints; an endpoint joins a sandbox
 * (a container's network namespace). Register with {@link #NAME} ({@code bridge}, {@code host}, {@code none}).
 * Whatever the driver must find again after a restart (bridges, veths, rules, allocations) is kept on disk or
 * in the kernel; {@link #restore} is called once per known network when the driver is bound.
 */
@ConsumerType
public interface NetworkDriver {
    String NAME = "wharf.network.name";

    /** {@code local} or {@code global}. */
    default String scope() {
        return "local";
    }

    /**
     * Creates the network's kernel objects. {@code ipv4}/{@code ipv6} are the pools the IPAM driver allocated.
     *
     * @throws io.wharf.api.errors.InvalidArgumentException for options the driver refuses
     */
    void createNetwork(NetworkSpec network);

    /** Finds the network's kernel objects again after a restart; creates what is missing. */
    default void restore(NetworkSpec network) {
        createNetwork(network);
    }

    /** Removes the network's kernel objects; absent objects are not an error. */
    void deleteNetwork(String networkId);

    /** Sets up an endpoint with addresses the IPAM driver allocated; returns what was set (MAC, addresses). */
    EndpointInfo createEndpoint(String networkId, String endpointId, EndpointInfo requested,
            Map<String, String> options);

    void deleteEndpoint(String networkId, String endpointId);

    /**
     * Joins the endpoint to a sandbox: {@code sandboxKey} is the path of the container's network namespace.
     * Returns the interface as seen inside, the gateways, and extra host entries.
     */
    JoinInfo join(String networkId, String endpointId, String sandboxKey, Map<String, String> options);

    void leave(String networkId, String endpointId);

    /** Publishes ports for the endpoint; returns the bindings with the host ports actually chosen. */
    List<PortBinding> programExternalConnectivity(String networkId, String endpointId, List<PortBinding> ports);

    void revokeExternalConnectivity(String networkId, String endpointId);

    /**
     * A network as its driver needs it.
     *
     * @param ipv4 allocated IPv4 pools with gateways, in CIDR form
     */
    record NetworkSpec(String id, String name, Map<String, String> options, boolean internal, boolean enableIpv6,
            List<IpamData> ipv4, List<IpamData> ipv6, Map<String, String> labels) {
    }

    /** An allocated pool: its CIDR, the gateway address with prefix, and auxiliary addresses. */
    record IpamData(String pool, String gateway, Map<String, String> auxAddresses) {
    }

    /** Addresses in CIDR form ({@code 172.18.0.2/16}) and the MAC address; any may be null. */
    record EndpointInfo(String ipv4Address, String ipv6Address, String macAddress) {
    }

    /** What joining produced: the interface name inside, gateways, static routes, and /etc/hosts entries. */
    record JoinInfo(String interfaceName, String gateway, String gatewayIpv6, List<String> staticRoutes,
            Map<String, String> extraHosts, boolean disableGatewayService) {
    }

    /** A port binding: protocol tcp/udp/sctp, container port, host address and port (0 = ephemeral). */
    record PortBinding(String protocol, int containerPort, String hostIp, int hostPort, int hostPortEnd) {
    }
}
