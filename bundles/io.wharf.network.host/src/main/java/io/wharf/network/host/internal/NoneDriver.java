package io.wharf.network.host.internal;

import io.wharf.api.network.NetworkDriver;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The {@code none} driver: the container gets a network namespace of its own with only the loopback interface,
 * which {@link io.wharf.api.network.NetworkNamespaces} already brings up, so joining adds nothing. Ports cannot
 * be published: there is no interface to reach them through.
 */
@Component(service = NetworkDriver.class, property = NetworkDriver.NAME + "=none")
public final class NoneDriver extends NoWiringDriver {

    @Activate
    public NoneDriver() {
    }
}
