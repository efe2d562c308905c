package io.wharf.api.network;

import java.util.Collection;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Wharf's name resolution on user-defined networks: a DNS server per network answers A, AAAA and PTR queries for
 * the names registered on that network and forwards everything else to the host's resolvers. Provided by network
 * drivers that run such a server, with {@link NetworkDriver#NAME} naming the driver. Registrations are kept on
 * disk with the endpoint and vanish when the endpoint is deleted.
 */
@ProviderType
public interface NameResolver {

    /**
     * Makes {@code names} (container name, aliases, short ID) resolve to the endpoint's addresses on that network.
     * Replaces earlier names of that endpoint.
     *
     * @throws io.wharf.api.errors.NotFoundException for an unknown network or endpoint
     */
    void register(String networkId, String endpointId, Collection<String> names);

    /** Forgets the endpoint's names; unknown endpoints are not an error. */
    void unregister(String networkId, String endpointId);

    /**
     * The address containers on that network use as their nameserver in {@code /etc/resolv.conf}, or empty when
     * the network has no server (the default bridge, or a server that could not bind).
     */
    Optional<String> nameserver(String networkId);
}
