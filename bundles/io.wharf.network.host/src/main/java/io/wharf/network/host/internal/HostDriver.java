package io.wharf.network.host.internal;

import io.wharf.api.network.NetworkDriver;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The {@code host} driver: the container shares the daemon's network namespace, so there is nothing to create or
 * join. The daemon gives such a container no network namespace of its own (no sandbox file, no
 * {@code linux.namespaces[type=network]}). Published ports mean nothing here, as under dockerd.
 */
@Component(service = NetworkDriver.class, property = NetworkDriver.NAME + "=host")
public final class HostDriver extends NoWiringDriver {

    @Activate
    public HostDriver() {
    }
}
