package io.wharf.api.network;

/**
 * A range new networks take their subnets from: each network without a subnet of its own gets the next free
 * subnet of {@code size} bits of prefix inside {@code base}, as dockerd's {@code default-address-pools}.
 *
 * @param base the range in CIDR form ({@code 172.17.0.0/16})
 * @param size the prefix length of each subnet cut from it
 */
public record AddressPool(String base, int size) {
}
