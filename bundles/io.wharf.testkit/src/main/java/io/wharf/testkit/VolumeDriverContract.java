package io.wharf.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.api.errors.ConflictException;
import io.wharf.api.errors.InvalidArgumentException;
import io.wharf.api.errors.NotFoundException;
import io.wharf.api.volume.VolumeDriver;
import io.wharf.api.volume.VolumeDriver.VolumeInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every volume driver must do. A driver's test extends this and builds drivers on a state directory;
 * building a second one on the same directory stands for a daemon restart.
 */
public abstract class VolumeDriverContract {
    @TempDir
    protected Path stateDir;

    protected VolumeDriver driver;

    /** A new driver instance keeping its state under {@code stateDir}. */
    protected abstract VolumeDriver newDriver(Path stateDir);

    /** Options that make a plain volume with this driver; empty for most. */
    protected Map<String, String> plainOptions() {
        return Map.of();
    }

    @BeforeEach
    void createDriver() {
        driver = newDriver(stateDir);
    }

    @Test
    void createGetListRemove() {
        VolumeInfo created = driver.create("data1", plainOptions(), Map.of("app", "web"));
        assertEquals("data1", created.name());
        assertNotNull(created.mountpoint());
        assertEquals(Map.of("app", "web"), created.labels());
        VolumeInfo got = driver.get("data1");
        assertEquals(created.mountpoint(), got.mountpoint());
        assertEquals(created.createdAt(), got.createdAt());
        driver.create("data2", plainOptions(), Map.of());
        assertEquals(List.of("data1", "data2"), driver.list().stream().map(VolumeInfo::name).sorted().toList());
        driver.remove("data1");
        assertThrows(NotFoundException.class, () -> driver.get("data1"));
        assertEquals(List.of("data2"), driver.list().stream().map(VolumeInfo::name).toList());
    }

    @Test
    void createIsIdempotent() {
        VolumeInfo first = driver.create("same", plainOptions(), Map.of("a", "b"));
        VolumeInfo second = driver.create("same", plainOptions(), Map.of("a", "b"));
        assertEquals(first, second);
        assertEquals(1, driver.list().size());
    }

    @Test
    void absentVolumesAreNotFound() {
        assertThrows(NotFoundException.class, () -> driver.get("nosuch"));
        assertThrows(NotFoundException.class, () -> driver.remove("nosuch"));
        assertThrows(NotFoundException.class, () -> driver.mount("nosuch", "c1"));
    }

    @Test
    void namesThatWouldLeaveTheDriversDirectoryAreRejected() {
        assertThrows(InvalidArgumentException.class, () -> driver.create("../escape", plainOptions(), Map.of()));
        assertThrows(InvalidArgumentException.class, () -> driver.create("a/b", plainOptions(), Map.of()));
    }

    @Test
    void mountsAreReferenceCountedPerCaller() throws Exception {
        driver.create("shared", plainOptions(), Map.of());
        Path a = driver.mount("shared", "container-a");
        Path b = driver.mount("shared", "container-b");
        try {
            assertEquals(a, b);
            assertTrue(Files.isDirectory(a));
            Files.writeString(a.resolve("file"), "kept");
            assertThrows(ConflictException.class, () -> driver.remove("shared"));
            driver.unmount("shared", "container-a");
            assertThrows(ConflictException.class, () -> driver.remove("shared"));
            assertEquals("kept", Files.readString(driver.mount("shared", "container-c").resolve("file")));
            driver.unmount("shared", "container-c");
        } finally {
            driver.unmount("shared", "container-b");
            driver.unmount("shared", "container-a"); // releasing twice is harmless
        }
        driver.remove("shared");
        assertThrows(NotFoundException.class, () -> driver.get("shared"));
    }

    @Test
    void aNewDriverInstanceFindsVolumesDataAndMounts() throws Exception {
        VolumeInfo created = driver.create("kept", plainOptions(), Map.of("owner", "me"));
        Path p = driver.mount("kept", "container-a");
        try {
            Files.writeString(p.resolve("f"), "data");
            VolumeDriver restarted = newDriver(stateDir);
            VolumeInfo found = restarted.get("kept");
            assertEquals(created.name(), found.name());
            assertEquals(created.mountpoint(), found.mountpoint());
            assertEquals(created.createdAt(), found.createdAt());
            assertEquals(created.labels(), found.labels());
            assertEquals(created.options(), found.options());
            assertThrows(ConflictException.class, () -> restarted.remove("kept"));
            assertEquals("data", Files.readString(restarted.mount("kept", "container-b").resolve("f")));
            restarted.unmount("kept", "container-b");
            restarted.unmount("kept", "container-a");
            restarted.remove("kept");
            assertThrows(NotFoundException.class, () -> driver.get("kept"));
        } finally {
            if (!driver.list().isEmpty()) {
                driver.unmount("kept", "container-a");
                driver.unmount("kept", "container-b");
            }
        }
    }

    @Test
    void removeDeletesTheData() throws Exception {
        driver.create("gone", plainOptions(), Map.of());
        Path p = driver.mount("gone", "c1");
        Files.createDirectories(p.resolve("sub/dir"));
        Files.writeString(p.resolve("sub/dir/file"), "x");
        driver.unmount("gone", "c1");
        driver.remove("gone");
        driver.create("gone", plainOptions(), Map.of());
        Path again = driver.mount("gone", "c1");
        try {
            assertTrue(Files.notExists(again.resolve("sub")));
        } finally {
            driver.unmount("gone", "c1");
        }
    }
}
