package io.wharf.api.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.api.errors.InvalidArgumentException;
import org.junit.jupiter.api.Test;

class PlatformTest {
    @Test
    void parsesAndNormalizes() {
        assertEquals("linux/amd64", Platform.parse("linux/x86_64").toString());
        assertEquals("linux/arm64/v8", Platform.parse("linux/aarch64").toString());
        assertEquals("linux/arm/v7", Platform.parse("linux/arm").toString());
        assertEquals("linux/arm/v6", Platform.parse("linux/arm/6").toString());
        assertThrows(InvalidArgumentException.class, () -> Platform.parse("linux/a/b/c"));
        assertThrows(InvalidArgumentException.class, () -> Platform.parse("linux/a b"));
    }

    @Test
    void compatibilityPrefersExactThenOlderVariants() {
        Platform armv7 = new Platform("linux", "arm", "v7");
        assertEquals(0, armv7.compatibility(new Platform("linux", "arm", "")));
        assertEquals(1, armv7.compatibility(new Platform("linux", "arm", "v6")));
        assertEquals(-1, armv7.compatibility(new Platform("linux", "arm", "v8")));
        assertEquals(0, new Platform("linux", "arm64", "").compatibility(new Platform("linux", "arm64", "v8")));
        assertEquals(0, Platform.LINUX_AMD64.compatibility(new Platform("linux", "amd64", "")));
        assertEquals(-1, Platform.LINUX_AMD64.compatibility(new Platform("windows", "amd64", "")));
        assertEquals(-1, Platform.LINUX_AMD64.compatibility(new Platform("linux", "amd64", "v3")));
        assertTrue(new Platform("linux", "amd64", "v3").compatibility(Platform.LINUX_AMD64) > 0);
        assertEquals(-1, Platform.LINUX_AMD64.compatibility(new Platform("unknown", "unknown", "")));
    }
}
