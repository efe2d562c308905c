package io.wharf.daemon.internal.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.api.plugin.DriverInfo;
import io.wharf.api.plugin.DriverKind;
import io.wharf.api.system.SystemInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Missing host tools, cgroup controllers, drivers and runtime binaries become docker info warnings. */
class DegradedFunctionsTest {
    @TempDir
    Path dir;

    private static SystemInfo.HostFacts facts(boolean all) {
        return new SystemInfo.HostFacts("6.1", "Debian", "12", "linux", "x86_64", 2, 1L << 30, "cgroupfs", "2",
                all, all, all, all, all, all, all, false, true);
    }

    private Path tools(String... names) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        for (String n : names) {
            Path f = Files.writeString(bin.resolve(n), "#!/bin/sh\n");
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return bin;
    }

    private List<String> warnings(Path bin, SystemInfo.HostFacts facts, List<DriverInfo> drivers,
            List<String> runtimes, String configured) {
        return new DegradedFunctions(k -> k.equals("PATH") ? bin.toString() : null)
                .warnings(facts, drivers, runtimes, "runc", configured);
    }

    @Test
    void aCompleteHostHasNoWarning() throws IOException {
        Path bin = tools("iptables-restore", "iptables-save", "ip6tables-restore", "ip6tables-save");
        assertEquals(List.of(), warnings(bin, facts(true), List.of(), List.of("runc"), ""));
    }

    @Test
    void missingIptablesAndIp6tablesAreEachNamed() throws IOException {
        Path bin = tools("ip6tables-restore", "ip6tables-save", "iptables-save");
        List<String> w = warnings(bin, facts(true), List.of(), List.of("runc"), "");
        assertEquals(1, w.size(), w.toString());
        assertTrue(w.get(0).startsWith("WARNING: iptables is not available"), w.toString());
        List<String> none = warnings(Files.createDirectories(dir.resolve("empty")), facts(true), List.of(),
                List.of("runc"), "");
        assertTrue(none.stream().anyMatch(s -> s.startsWith("WARNING: ip6tables is not available")), none.toString());
    }

    @Test
    void missingCgroupControllersInDockerdsWords() throws IOException {
        Path bin = tools("iptables-restore", "iptables-save", "ip6tables-restore", "ip6tables-save");
        List<String> w = warnings(bin, facts(false), List.of(), List.of("runc"), "");
        assertEquals(List.of("WARNING: No memory limit support", "WARNING: No cpu cfs quota support",
                "WARNING: No cpu cfs period support", "WARNING: No cpu shares support", "WARNING: No cpuset support"),
                w);
    }

    @Test
    void skippedDriversAndMissingRuntimesAreNamedWithTheReason() throws IOException {
        Path bin = tools("iptables-restore", "iptables-save", "ip6tables-restore", "ip6tables-save");
        List<DriverInfo> drivers = List.of(
                new DriverInfo(DriverKind.STORAGE, "vfs", "io.wharf.storage.vfs", "1", true, null),
                new DriverInfo(DriverKind.STORAGE, "overlay2", "io.wharf.storage.overlay", "", false,
                        "overlay is not supported by the kernel"));
        List<String> w = warnings(bin, facts(true), drivers, List.of("crun"),
                "{\"fast\": {\"path\": \"/nonexistent/fast-runtime\"}, \"ok\": {\"path\": \"iptables-save\"}}");
        assertEquals(List.of(
                "WARNING: storage driver overlay2 is not available: overlay is not supported by the kernel",
                "WARNING: the default runtime runc is not available",
                "WARNING: runtime fast is not available: /nonexistent/fast-runtime is missing or not executable"), w);
        assertFalse(w.stream().anyMatch(s -> s.contains("runtime ok")));
    }
}
