package io.wharf.registry.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class InsecureRegistriesTest {
    @Test
    void loopbackIsAlwaysInsecure() {
        InsecureRegistries none = new InsecureRegistries(List.of());
        assertTrue(none.isInsecure("localhost:5000"));
        assertTrue(none.isInsecure("127.0.0.1:5000"));
        assertTrue(none.isInsecure("127.1.2.3"));
        assertTrue(none.isInsecure("[::1]:5000"));
        assertFalse(none.isInsecure("10.1.2.3:5000"));
    }

    @Test
    void configuredNamesAndCidrs() {
        InsecureRegistries config = new InsecureRegistries(
                List.of("registry.internal:5000", "192.168.1.5:5000", "http://other.internal", "10.0.0.0/8", "fd00::/8",
                        " "));
        assertTrue(config.isInsecure("registry.internal:5000"));
        assertTrue(config.isInsecure("192.168.1.5:5000"));
        // Only addresses here: a name that matches nothing would be looked up in DNS.
        assertFalse(config.isInsecure("192.168.1.5:5001"));
        assertTrue(config.isInsecure("other.internal:443"));
        assertTrue(config.isInsecure("10.20.30.40:5000"));
        assertFalse(config.isInsecure("11.0.0.1"));
        assertTrue(config.isInsecure("[fd12::1]:5000"));
        assertFalse(config.isInsecure("[fe80::1]:5000"));
    }

    @Test
    void aReloadReplacesTheEntries() {
        InsecureRegistries config = new InsecureRegistries(List.of("old.internal:5000"));
        config.replace(List.of("new.internal:5000", "10.0.0.0/8"));
        assertTrue(config.isInsecure("new.internal:5000"));
        assertTrue(config.isInsecure("10.1.2.3:5000"));
        assertFalse(config.isInsecure("old.internal:5000"));
    }

    @Test
    void hostOfStripsPortAndBrackets() {
        assertEquals("::1", InsecureRegistries.hostOf("[::1]:5000"));
        assertEquals("example.com", InsecureRegistries.hostOf("example.com:443"));
        assertEquals("example.com", InsecureRegistries.hostOf("example.com"));
    }

    @Test
    void loginAddressesNormalizeToDomains() {
        assertEquals("docker.io", DistributionClient.loginDomain(""));
        assertEquals("docker.io", DistributionClient.loginDomain("https://index.docker.io/v1/"));
        assertEquals("localhost:5000", DistributionClient.loginDomain("http://localhost:5000/"));
        assertEquals("registry.example.com", DistributionClient.loginDomain("Registry.Example.com"));
    }
}
