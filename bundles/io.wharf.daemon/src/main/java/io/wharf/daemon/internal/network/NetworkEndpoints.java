package io.wharf.daemon.internal.network;

/**
 * The part of the network service the containers use: finding a network and joining or leaving it. A join is
 * all or nothing: when any step fails (address taken, port already allocated), what was done is undone.
 */
public interface NetworkEndpoints {

    /** The network for a name, full ID or unique ID prefix; throws {@code NotFoundException}. */
    NetworkRecord network(String ref);

    Joined join(JoinRequest request);

    /** Leaves the network and releases the address and ports; unknown endpoints are not an error. */
    void leave(String networkId, String endpointId);

    /** The default bridge network's gateway address (for {@code host-gateway}), or empty when there is none. */
    String defaultGateway();
}
