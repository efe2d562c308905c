package io.wharf.network.host.internal;

import io.wharf.api.network.NetworkDriver;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The {@code host} driver: the container shares the daemon's network namespace, so there is nothing to create or
 * join. The daemon gives such a container no network namespace of its own (no sandbox file, no
 * {@code linux.namespaces[type=network]}). Published ports mean nothing here, as under dockerd.
 */
@Component(service = NetworkDriver.class, property = NetworkDriver.NAME + "=host")
public final class HostDriver implements NetworkDriver {

    @Activate
    public HostDriver() {
    }

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
