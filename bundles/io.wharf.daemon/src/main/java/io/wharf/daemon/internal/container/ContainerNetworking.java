package io.wharf.daemon.internal.container;

import io.wharf.api.container.EndpointSettings;
import io.wharf.api.container.PortMapping;
import java.util.List;
import java.util.Map;

/**
 * Where the network drivers plug into a container's life. Until the bridge driver is wired, {@link
 * IsolatedNetworking} gives each container a private namespace with only loopback ({@code --network none}) or
 * the host's ({@code --network host}).
 */
interface ContainerNetworking {
    /** Before the runtime creates the container: the namespace to join, or a new one. */
    SpecFactory.NetworkPlan prepare(Container c);

    /**
     * After the runtime created the container (its namespace exists, the command has not run yet): where the
     * bridge driver joins endpoints to the sandbox and publishes ports.
     */
    void connect(Container c, int pid);

    /** At exit and removal: leave the networks, revoke published ports. */
    void disconnect(Container c);

    /** The networks the container is connected to, for inspect and {@code docker ps}. */
    Map<String, EndpointSettings> endpoints(Container c);

    /** At creation: records the networks asked for; throws {@code NotFoundException} for an unknown network. */
    default void created(Container c, Map<String, EndpointSettings> requested) {
    }

    /** Exposed and published ports by {@code port/proto}: the bindings while running, else none. */
    default Map<String, List<PortMapping>> ports(Container c) {
        return Map.of();
    }
}
