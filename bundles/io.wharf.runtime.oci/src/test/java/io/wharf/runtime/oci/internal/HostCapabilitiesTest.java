package io.wharf.runtime.oci.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.api.runtime.DockerDefaults;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HostCapabilitiesTest {
    @Test
    void capabilitiesOutsideTheBoundingSetAreDropped() {
        // every capability up to CAP_CHECKPOINT_RESTORE (40) but CAP_SYS_RESOURCE (24)
        Set<String> bounding = HostCapabilities.fromMask(0x1fffeffffffL);
        assertFalse(bounding.contains("CAP_SYS_RESOURCE"));
        assertTrue(bounding.contains("CAP_CHECKPOINT_RESTORE"));
        Set<String> kept = new HostCapabilities(bounding).filter(DockerDefaults.ALL_CAPABILITIES);
        assertEquals(DockerDefaults.ALL_CAPABILITIES.size() - 1, kept.size());
        assertEquals(DockerDefaults.CAPABILITIES, new HostCapabilities(bounding).filter(DockerDefaults.CAPABILITIES));
    }
}
