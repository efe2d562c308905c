package io.wharf.runtime.oci.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class HostLimitsTest {
    private static final List<String> LIMITS = List.of(
            "Limit                     Soft Limit           Hard Limit           Units",
            "Max processes             96365                96365                processes",
            "Max open files            20000                20000                files",
            "Max core file size        0                    unlimited            bytes");

    @Test
    void limitsAboveTheDaemonsAreLowered() {
        HostLimits limits = HostLimits.parse(LIMITS);
        assertEquals(20000, limits.clampHard("RLIMIT_NOFILE", 1048576));
        assertEquals(1024, limits.clampHard("RLIMIT_NOFILE", 1024));
        assertEquals(96365, limits.clampHard("RLIMIT_NPROC", -1));
        assertEquals(-1, limits.clampHard("RLIMIT_CORE", -1));
        assertEquals(5, limits.clampHard("RLIMIT_RTPRIO", 5));
    }
}
