package io.wharf.network.bridge.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ChainPrefixTest {

    @Test
    void theDefaultBridgeKeepsTheWharfChains() {
        assertEquals("wharf0", BridgeDriver.defaultBridge(""));
        assertEquals("WHARF", BridgeDriver.chainPrefix("wharf0"));
    }

    @Test
    void anotherBridgeGetsChainsOfItsOwnWithinIptablesLimit() {
        String a = BridgeDriver.chainPrefix("wt1a2b3c");
        String b = BridgeDriver.chainPrefix("a-very-long-br0");
        assertTrue(a.length() <= 10, a);
        assertTrue(b.length() <= 10, b);
        assertNotEquals(a, BridgeDriver.chainPrefix("wt1a2b3d"));
        assertTrue((b + "-ISOLATION-STAGE-1").length() <= 28);
    }
}
