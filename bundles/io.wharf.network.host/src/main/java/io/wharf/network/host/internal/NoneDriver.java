package io.wharf.network.host.internal;

import io.wharf.api.network.NetworkDriver;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The {@code none} driver: the container gets a network namespace of its own with only the loopback interface,
 * which {@link io.wharf.api.network.NetworkNamespaces} already brings up, so joining adds nothing. Ports cannot
 * be published: there is no interface to reach them through.
 */
@Component(service = NetworkDriver.class, property = NetworkDriver.NAME + "=none")
public final class NoneDriver implements NetworkDriver {

    @Activate
    public NoneDriver() {
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
