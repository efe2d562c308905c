package io.wharf.daemon.internal.container;

import io.wharf.api.container.EndpointSettings;
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
}
