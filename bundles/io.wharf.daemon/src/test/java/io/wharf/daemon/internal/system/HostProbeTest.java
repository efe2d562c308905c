package io.wharf.daemon.internal.system;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.api.system.SystemInfo.HostFacts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostProbeTest {
    @TempDir
    Path root;

    private void write(String rel, String content) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    @Test
    void readsCgroupV1HostFacts() throws IOException {
        write("proc/sys/kernel/osrelease", "6.1.0-18-amd64\n");
        write("proc/sys/kernel/hostname", "box\n");
        write("etc/os-release", "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nVERSION_ID=\"12\"\n");
        write("proc/meminfo", "MemTotal:       24576000 kB\nMemFree: 1 kB\n");
        write("proc/sys/net/ipv4/ip_forward", "1\n");
        write("sys/fs/cgroup/memory/memory.limit_in_bytes", "");
        write("sys/fs/cgroup/memory/memory.oom_control", "");
        write("sys/fs/cgroup/cpu/cpu.cfs_period_us", "");
        write("sys/fs/cgroup/cpu/cpu.shares", "");
        HostProbe probe = new HostProbe(root);
        HostFacts f = probe.facts(2);
        assertEquals("6.1.0-18-amd64", f.kernelVersion());
        assertEquals("Debian GNU/Linux 12 (bookworm)", f.operatingSystem());
        assertEquals("12", f.osVersion());
        assertEquals(24576000L * 1024, f.memTotal());
        assertEquals("1", f.cgroupVersion());
        assertTrue(f.memoryLimit());
        assertFalse(f.swapLimit());
        assertTrue(f.cpuCfsQuota());
        assertFalse(f.cpuSet());
        assertTrue(f.oomKillDisable());
        assertTrue(f.ipv4Forwarding());
        assertEquals("box", probe.hostname());
    }

    @Test
    void readsCgroupV2HostFacts() throws IOException {
        write("sys/fs/cgroup/cgroup.controllers", "cpuset cpu io memory pids\n");
        write("sys/fs/cgroup/system.slice/memory.swap.max", "max\n");
        HostFacts f = new HostProbe(root).facts(4);
        assertEquals("2", f.cgroupVersion());
        assertTrue(f.memoryLimit());
        assertTrue(f.swapLimit());
        assertTrue(f.pidsLimit());
        assertTrue(f.cpuSet());
        assertFalse(f.oomKillDisable());
        assertEquals(4, f.cpus());
    }

    @Test
    void bridgeNetfilterIsOnlyOnWhenTheSysctlSaysSo() throws IOException {
        HostProbe probe = new HostProbe(root);
        assertFalse(probe.bridgeNetfilter("iptables"), "absent while br_netfilter is not loaded");
        write("proc/sys/net/bridge/bridge-nf-call-iptables", "1\n");
        write("proc/sys/net/bridge/bridge-nf-call-ip6tables", "0\n");
        assertTrue(probe.bridgeNetfilter("iptables"));
        assertFalse(probe.bridgeNetfilter("ip6tables"));
    }

    @Test
    void theNoneNetworksDriverIsListedAsNull() {
        assertEquals(List.of("bridge", "host", "null"),
                EngineSystemService.networkDriverNames(List.of("bridge", "host", "none")));
    }

    @Test
    void liveHostAnswers() {
        HostProbe live = HostProbe.live();
        assertFalse(live.kernelVersion().isBlank());
        assertTrue(live.memTotal() > 0);
        assertTrue(live.openFileDescriptors() > 0);
    }

    @Test
    void storageChoicePrefersConfiguredThenOverlayThenVfs() {
        assertEquals("vfs", StorageChoice.choose("vfs", List.of("overlay2", "vfs")));
        assertEquals("overlay2", StorageChoice.choose("", List.of("vfs", "overlay2")));
        assertEquals("vfs", StorageChoice.choose(null, List.of("vfs")));
        assertEquals(null, StorageChoice.choose("", List.of()));
    }

    @Test
    void engineIdIsStable() {
        String a = EngineSystemService.readOrCreateId(root.resolve("data"));
        String b = EngineSystemService.readOrCreateId(root.resolve("data"));
        assertEquals(a, b);
        assertArrayEquals(new String[] {"0.1.0-SNAPSHOT"},
                new String[] {EngineSystemService.engineVersion("0.1.0.SNAPSHOT")});
    }
}
