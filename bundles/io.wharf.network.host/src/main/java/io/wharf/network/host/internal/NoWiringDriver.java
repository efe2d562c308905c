package io.wharf.network.host.internal;

import io.wharf.api.network.NetworkDriver;
import java.util.List;
import java.util.Map;

/**
 * A driver with nothing to wire: no network objects to create, an endpoint with no address, a join that adds
 * no interface, and no ports to publish. The {@code host} and {@code none} drivers differ only in what the
 * daemon does around them (whether the container gets a network namespace of its own).
 */
abstract class NoWiringDriver implements NetworkDriver {

    @Override
    public void createNetwork(NetworkSpec network) {
    }

    @Override
    public void deleteNetwork(String networkId) {
    }

    @Override
    public EndpointInfo createEndpoint(String networkId, String endpointId, EndpointInfo requested,
            Map<String, String> options) {
        return new EndpointInfo(null, null, null);
    }

    @Override
    public void deleteEndpoint(String networkId, String endpointId) {
    }

    @Override
    public JoinInfo join(String networkId, String endpointId, String sandboxKey, Map<String, String> options) {
        return new JoinInfo(null, null, null, List.of(), Map.of(), true);
    }

    @Override
    public void leave(String networkId, String endpointId) {
    }

    @Override
    public List<PortBinding> programExternalConnectivity(String networkId, String endpointId,
            List<PortBinding> ports) {
        return List.of();
    }

    @Override
    public void revokeExternalConnectivity(String networkId, String endpointId) {
    }
}
