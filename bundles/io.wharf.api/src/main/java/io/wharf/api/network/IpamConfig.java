package io.wharf.api.network;

import java.util.List;
import java.util.Map;

/**
 * A network's address management: the IPAM driver, its options, and one entry per subnet.
 */
public record IpamConfig(String driver, Map<String, String> options, List<Pool> config) {

    /** One subnet with its optional gateway, allocation range and reserved auxiliary addresses. */
    public record Pool(String subnet, String ipRange, String gateway, Map<String, String> auxAddresses) {
    }
}
