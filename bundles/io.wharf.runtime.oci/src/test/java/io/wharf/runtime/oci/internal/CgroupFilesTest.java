package io.wharf.runtime.oci.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.api.runtime.ContainerStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cgroup file formats of both versions, on copies laid out as the kernel does. */
class CgroupFilesTest {
    @TempDir
    Path root;

    @Test
    void unifiedHierarchy() throws IOException {
        Files.writeString(root.resolve("cgroup.controllers"), "cpu io memory pids\n");
        Path c = Files.createDirectories(root.resolve("wharf/abc"));
        Files.writeString(c.resolve("cpu.stat"), "usage_usec 1500\nuser_usec 1000\nsystem_usec 500\n"
                + "nr_periods 4\nnr_throttled 1\nthrottled_usec 20\n");
        Files.writeString(c.resolve("memory.current"), "1048576\n");
        Files.writeString(c.resolve("memory.max"), "67108864\n");
        Files.writeString(c.resolve("memory.events"), "low 0\nhigh 0\nmax 3\noom 1\noom_kill 1\n");
        Files.writeString(c.resolve("memory.stat"), "anon 4096\nfile 8192\n");
        Files.writeString(c.resolve("pids.current"), "2\n");
        Files.writeString(c.resolve("pids.max"), "max\n");
        Files.writeString(c.resolve("io.stat"), "8:0 rbytes=100 wbytes=200 rios=1 wios=2 dbytes=0 dios=0\n");
        Files.writeString(c.resolve("cgroup.procs"), "42\n43\n");

        CgroupFiles files = new CgroupFiles(root);
        assertTrue(files.unified());
        ContainerStats s = files.stats("/wharf/abc");
        assertEquals(1_500_000, s.cpu().totalUsage());
        assertEquals(500_000, s.cpu().usageInKernelmode());
        assertEquals(1, s.cpu().throttledPeriods());
        assertEquals(1048576, s.memory().usage());
        assertEquals(67108864, s.memory().limit());
        assertEquals(3, s.memory().failcnt());
        assertEquals(8192, s.memory().stats().get("file"));
        assertEquals(new ContainerStats.Pids(2, 0), s.pids());
        assertEquals(List.of(new ContainerStats.Blkio.Entry(8, 0, "read", 100),
                new ContainerStats.Blkio.Entry(8, 0, "write", 200)), s.blkio().ioServiceBytesRecursive());
        assertEquals(List.of(42, 43), files.pids("/wharf/abc"));
    }

    @Test
    void controllerHierarchies() throws IOException {
        Path cpuacct = Files.createDirectories(root.resolve("cpuacct/wharf/abc"));
        Files.writeString(cpuacct.resolve("cpuacct.usage"), "3000\n");
        Files.writeString(cpuacct.resolve("cpuacct.usage_percpu"), "1000 2000 \n");
        Files.writeString(cpuacct.resolve("cpuacct.stat"), "user 2\nsystem 1\n");
        Path memory = Files.createDirectories(root.resolve("memory/wharf/abc"));
        Files.writeString(memory.resolve("memory.usage_in_bytes"), "2097152\n");
        Files.writeString(memory.resolve("memory.max_usage_in_bytes"), "4194304\n");
        Files.writeString(memory.resolve("memory.limit_in_bytes"), "9223372036854771712\n");
        Files.writeString(memory.resolve("memory.stat"), "cache 0\nrss 4096\n");
        Path pids = Files.createDirectories(root.resolve("pids/wharf/abc"));
        Files.writeString(pids.resolve("pids.current"), "1\n");
        Files.writeString(pids.resolve("pids.max"), "50\n");
        Files.writeString(pids.resolve("cgroup.procs"), "7\n");
        Path blkio = Files.createDirectories(root.resolve("blkio/wharf/abc"));
        Files.writeString(blkio.resolve("blkio.throttle.io_service_bytes_recursive"),
                "8:0 Read 10\n8:0 Write 20\nTotal 30\n");

        CgroupFiles files = new CgroupFiles(root);
        assertFalse(files.unified());
        ContainerStats s = files.stats("/wharf/abc");
        assertEquals(3000, s.cpu().totalUsage());
        assertEquals(List.of(1000L, 2000L), s.cpu().perCpuUsage());
        assertEquals(20_000_000, s.cpu().usageInUsermode());
        assertEquals(4194304, s.memory().maxUsage());
        assertEquals(CgroupFiles.hostMemory(), s.memory().limit(), "unlimited shows the host's memory");
        assertEquals(new ContainerStats.Pids(1, 50), s.pids());
        assertEquals(List.of(new ContainerStats.Blkio.Entry(8, 0, "read", 10),
                new ContainerStats.Blkio.Entry(8, 0, "write", 20)), s.blkio().ioServiceBytesRecursive());
        assertEquals(List.of(7), files.pids("/wharf/abc"));
    }

    @Test
    void aStoppedContainerReadsAsZero() {
        ContainerStats s = new CgroupFiles(root).stats("/wharf/gone");
        assertEquals(0, s.memory().usage());
        assertEquals(List.of(), new CgroupFiles(root).pids("/wharf/gone"));
    }
}
