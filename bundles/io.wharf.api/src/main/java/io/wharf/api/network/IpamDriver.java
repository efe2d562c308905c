package io.wharf.api.network;

import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * An address manager, after libnetwork's IPAM model. Register with {@link #NAME} ({@code default}).
 * Allocations are kept on disk so that a restart never hands out an address twice.
 */
@ConsumerType
public interface IpamDriver {
    String NAME = "wharf.ipam.name";

    /**
     * Reserves a pool: {@code pool} (a CIDR) when given, else the next free one from the default pools.
     * Returns the pool's ID and CIDR.
     *
     * @throws io.wharf.api.errors.ForbiddenException "Pool overlaps with other one on this address space"
     */
    Pool requestPool(String addressSpace, String pool, String subPool, Map<String, String> options, boolean v6);

    void releasePool(String poolId);

    /**
     * Reserves an address in the pool: {@code address} when given, else the next free one. Returns it in
     * CIDR form.
     *
     * @throws io.wharf.api.errors.ConflictException when that address is taken
     */
    String requestAddress(String poolId, String address, Map<String, String> options);

    void releaseAddress(String poolId, String address);

    /**
     * The ranges a pool requested without a CIDR is taken from, in the order they are tried, as
     * {@code docker info} lists them; none when the driver has no such defaults.
     */
    default List<AddressPool> defaultPools() {
        return List.of();
    }

    /** A reserved pool. */
    record Pool(String id, String cidr) {
    }
}
