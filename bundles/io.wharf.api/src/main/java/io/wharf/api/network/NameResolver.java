package io.wharf.api.network;

import java.util.Collection;
import java.util.List;
import java.util.Map;
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

    /**
     * What the queries coming from one endpoint's address see beyond the network's names: {@code dnsServers}
     * (the container's {@code --dns}, port 53) receive the queries the server cannot answer instead of the host's
     * resolvers, and {@code links} ({@code alias -> name}, from {@code --link} on this network) resolve for this
     * endpoint only, to whatever {@code name} resolves to on the network. Empty values restore the defaults. Kept
     * on disk with the endpoint's names. Servers without per-endpoint settings ignore the call.
     *
     * @since 1.2
     * @throws io.wharf.api.errors.NotFoundException for an unknown network or endpoint
     */
    default void configure(String networkId, String endpointId, List<String> dnsServers, Map<String, String> links) {
    }

    /** Forgets the endpoint's names; unknown endpoints are not an error. */
    void unregister(String networkId, String endpointId);

    /**
     * The address containers on that network use as their nameserver in {@code /etc/resolv.conf}, or empty when
     * the network has no server (the default bridge, or a server that could not bind).
     */
    Optional<String> nameserver(String networkId);
}
