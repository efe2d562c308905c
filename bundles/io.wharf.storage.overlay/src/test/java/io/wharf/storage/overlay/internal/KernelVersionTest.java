package io.wharf.storage.overlay.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KernelVersionTest {
    @Test
    void comparesMajorThenMinor() {
        assertTrue(KernelVersion.atLeast("5.10.0-28-amd64", 5, 10));
        assertTrue(KernelVersion.atLeast("6.1.0", 5, 10));
        assertFalse(KernelVersion.atLeast("5.4.0-150-generic", 5, 10));
        assertFalse(KernelVersion.atLeast("4.19.0", 5, 10));
        assertFalse(KernelVersion.atLeast("unknown", 5, 10));
    }
}
