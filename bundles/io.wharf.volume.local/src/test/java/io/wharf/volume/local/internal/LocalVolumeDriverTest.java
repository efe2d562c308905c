package io.wharf.volume.local.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.wharf.api.errors.ConflictException;
import io.wharf.api.errors.InvalidArgumentException;
import io.wharf.api.errors.WharfException;
import io.wharf.api.volume.VolumeDriver.VolumeInfo;
import io.wharf.linux.FsStat;
import io.wharf.linux.MountInfo;
import io.wharf.linux.Mounts;
import io.wharf.linux.PosixFiles;
import io.wharf.linux.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalVolumeDriverTest {
    @TempDir
    Path root;

    private LocalVolumeDriver driver;

    @BeforeEach
    void create() throws IOException {
        driver = new LocalVolumeDriver(root, new SyscallMounter());
    }

    @AfterEach
    void unmountLeftovers() throws IOException {
        MountCleanup.under(root);
    }

    private static String message(Runnable r) {
        return assertThrows(InvalidArgumentException.class, r::run).getMessage();
    }

    @Test
    void namesAreCheckedWithDockerdsMessages() {
        assertEquals("create a: volume name is too short, names should be at least two alphanumeric characters",
                message(() -> driver.create("a", Map.of(), Map.of())));
        assertEquals("create hello world: \"hello world\" includes invalid characters for a local volume name, only "
                + "\"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed. If you intended to pass a host directory, use absolute path",
                message(() -> driver.create("hello world", Map.of(), Map.of())));
        assertEquals("create .hidden: \".hidden\" includes invalid characters for a local volume name, only "
                + "\"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed. If you intended to pass a host directory, use absolute path",
                message(() -> driver.create(".hidden", Map.of(), Map.of())));
        driver.create("ok_name-1.x", Map.of(), Map.of());
    }

    @Test
    void optionsAreCheckedWithDockerdsMessages() {
        assertEquals("create v1: invalid option: \"x\"", message(() -> driver.create("v1", Map.of("x", "1"), Map.of())));
        assertEquals("create v1: missing required option: \"device\"",
                message(() -> driver.create("v1", Map.of("type", "tmpfs"), Map.of())));
        assertEquals("create v1: missing required option: \"type\"",
                message(() -> driver.create("v1", Map.of("device", "/x"), Map.of())));
        assertEquals("create v1: quota size requested but no quota support",
                message(() -> driver.create("v1", Map.of("size", "1m"), Map.of())));
        assertTrue(driver.list().isEmpty());
    }

    @Test
    void layoutAndRecordMatchTheDataRoot() throws IOException {
        VolumeInfo v = driver.create("web-data", Map.of(), Map.of("app", "web"));
        assertEquals(root.resolve("volumes/web-data/_data").toString(), v.mountpoint());
        assertTrue(Files.isDirectory(root.resolve("volumes/web-data/_data")));
        String json = Files.readString(root.resolve("volumes/web-data/opts.json"));
        assertTrue(json.contains("\"Labels\":{\"app\":\"web\"}"), json);
        assertTrue(v.createdAt().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), v.createdAt());
        try (java.util.stream.Stream<Path> entries = Files.list(root.resolve("volumes/web-data"))) {
            List<String> names = entries.map(p -> p.getFileName().toString()).toList();
            assertTrue(names.stream().noneMatch(n -> n.endsWith(".tmp")), "temporary record left behind: " + names);
        }
    }

    @Test
    void usageCountsFilesOnceEach() throws IOException {
        driver.create("sized", Map.of(), Map.of());
        Path data = driver.mount("sized", "c1");
        try {
            Files.write(data.resolve("a"), new byte[1000]);
            Files.createDirectories(data.resolve("d"));
            Files.write(data.resolve("d/b"), new byte[500]);
            Files.createLink(data.resolve("d/hardlink"), data.resolve("a"));
            assertEquals(1500, driver.usage("sized"));
        } finally {
            driver.unmount("sized", "c1");
        }
    }

    @Test
    void tmpfsVolumeIsMountedForItsUsersAndUnmountedAfterTheLast() throws IOException {
        assumeTrue(Processes.geteuid() == 0, "mounting needs root");
        driver.create("scratch", Map.of("type", "tmpfs", "device", "tmpfs", "o", "size=1m,mode=0750"), Map.of());
        Path data = root.resolve("volumes/scratch/_data");
        assertFalse(Mounts.isMountPoint(data), "mounted before anyone asked");
        Path p = driver.mount("scratch", "c1");
        assertEquals(data, p);
        assertTrue(Mounts.isMountPoint(data));
        FsStat fs = PosixFiles.statfs(data);
        assertEquals(FsStat.TMPFS_MAGIC, fs.type());
        assertEquals(1024 * 1024, fs.blocks() * fs.blockSize());
        Files.writeString(data.resolve("f"), "in memory");
        driver.mount("scratch", "c2");
        driver.unmount("scratch", "c1");
        assertTrue(Mounts.isMountPoint(data), "unmounted while c2 still uses it");
        assertEquals("in memory", Files.readString(data.resolve("f")));

        // A restart keeps the count: the new instance knows c2 still holds it.
        LocalVolumeDriver restarted = new LocalVolumeDriver(root, new SyscallMounter());
        assertThrows(ConflictException.class, () -> restarted.remove("scratch"));
        assertEquals("remove scratch: volume is in use - [c2]",
                assertThrows(ConflictException.class, () -> restarted.remove("scratch")).getMessage());
        restarted.unmount("scratch", "c2");
        assertFalse(Mounts.isMountPoint(data));
        assertFalse(Files.exists(data.resolve("f")), "tmpfs content outlived the mount");
        restarted.remove("scratch");
    }

    @Test
    void bindVolumeShowsTheHostDirectoryAndRemovingItLeavesTheHostFilesAlone(@TempDir Path host) throws IOException {
        assumeTrue(Processes.geteuid() == 0, "mounting needs root");
        Files.writeString(host.resolve("host-file"), "from the host");
        driver.create("bound", Map.of("type", "none", "device", host.toString(), "o", "bind,ro"), Map.of());
        Path data = driver.mount("bound", "c1");
        try {
            assertEquals("from the host", Files.readString(data.resolve("host-file")));
            Path real = data.toRealPath();
            MountInfo m = Mounts.mountInfo().stream().filter(i -> i.mountPoint().equals(real))
                    .reduce((a, b) -> b).orElseThrow();
            assertTrue(m.mountOptions().startsWith("ro"), m.mountOptions());
            assertThrows(IOException.class, () -> Files.writeString(data.resolve("new"), "x"));
        } finally {
            driver.unmount("bound", "c1");
        }
        assertFalse(Mounts.isMountPoint(data));
        driver.remove("bound");
        assertEquals("from the host", Files.readString(host.resolve("host-file")));
    }

    @Test
    void aMountLeftWithoutCallersIsUndoneBeforeRemoval(@TempDir Path host) throws IOException {
        assumeTrue(Processes.geteuid() == 0, "mounting needs root");
        Files.writeString(host.resolve("precious"), "keep");
        driver.create("crashed", Map.of("type", "none", "device", host.toString(), "o", "bind"), Map.of());
        Path data = driver.mount("crashed", "c1");
        // As if the daemon died after mounting but lost the caller record.
        Files.delete(root.resolve("volumes/crashed/refs/c1"));
        assertTrue(Mounts.isMountPoint(data));
        driver.remove("crashed");
        assertEquals("keep", Files.readString(host.resolve("precious")));
    }

    @Test
    void aFailedMountIsReportedAndRecordsNoCaller() {
        driver.create("broken", Map.of("type", "none", "device", "/nonexistent/dir", "o", "bind"), Map.of());
        WharfException e = assertThrows(WharfException.class, () -> driver.mount("broken", "c1"));
        assertTrue(e.getMessage().contains("failed to mount local volume"), e.getMessage());
        driver.remove("broken");
    }
}
