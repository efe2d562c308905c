package io.wharf.daemon.internal.network;

import io.wharf.api.container.EndpointSettings;

/**
 * The part of the container service {@code docker network connect/disconnect} needs: the container's side of an
 * attachment (its record, and its namespace when it runs).
 */
public interface ContainerAttacher {

    /** @throws io.wharf.api.errors.NotFoundException for an unknown container */
    void connect(String container, NetworkRecord network, EndpointSettings settings);

    void disconnect(String container, NetworkRecord network, boolean force);
}
