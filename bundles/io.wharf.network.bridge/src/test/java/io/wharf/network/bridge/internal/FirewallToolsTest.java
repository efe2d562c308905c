package io.wharf.network.bridge.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** iptables and ip6tables are found as the driver runs them: executables on PATH. */
class FirewallToolsTest {
    @TempDir
    Path dir;

    private FirewallTools with(String... names) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        for (String n : names) {
            Path f = Files.writeString(bin.resolve(n), "#!/bin/sh\n");
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Files.writeString(bin.resolve("ip6tables-save"), "not executable");
        return new FirewallTools(k -> k.equals("PATH") ? dir.resolve("empty") + ":" + bin : null);
    }

    @Test
    void bothToolsOfAFamilyAreNeeded() throws IOException {
        FirewallTools t = with("iptables-restore", "iptables-save", "ip6tables-restore");
        assertTrue(t.iptables());
        assertFalse(t.ip6tables(), "ip6tables-save is there but not executable");
    }

    @Test
    void noPathNoTools() {
        FirewallTools t = new FirewallTools(k -> null);
        assertFalse(t.iptables());
        assertFalse(t.ip6tables());
    }
}
