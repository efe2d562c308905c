package io.wharf.daemon.internal.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.api.common.ProgressListener;
import io.wharf.api.image.ImportOptions;
import io.wharf.api.storage.StorageDriver;
import io.wharf.archive.TarHeader;
import io.wharf.archive.TarReader;
import io.wharf.storage.vfs.internal.VfsDriver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InitLayerTest {
    @TempDir
    Path dir;
    StorageDriver vfs;
    StorageAccess storage;

    @BeforeEach
    void setUp() throws IOException {
        vfs = new VfsDriver(dir.resolve("storage/vfs"));
        storage = new StorageAccess() {
            @Override
            public StorageDriver driver() {
                return vfs;
            }

            @Override
            public String name() {
                return "vfs";
            }
        };
    }

    private LocalImageService service() {
        return new LocalImageService(dir.resolve("image"), storage, null, null);
    }

    private String image(LocalImageService s) throws IOException {
        byte[] tar = LocalImageServiceTest.tar("etc/hosts", "127.0.0.1 from-the-image\n");
        return s.importImage(new ByteArrayInputStream(tar), new ImportOptions("base", "", List.of(), "", ""),
                ProgressListener.NONE);
    }

    @Test
    void theContainerSeesTheEnginesPlaceholdersAndItsChangesDoNotIncludeThem() throws IOException {
        LocalImageService s = service();
        String id = image(s);
        ReadWriteLayer rw = s.createReadWrite("c1", id);
        assertEquals(rw.driverLayerId() + "-init", rw.initLayerId());

        Path root = s.mount("c1");
        try {
            for (String file : List.of(".dockerenv", "etc/hosts", "etc/hostname", "etc/resolv.conf", "dev/console")) {
                assertTrue(Files.isRegularFile(root.resolve(file)), file);
                assertEquals(0, Files.size(root.resolve(file)), file);
            }
            for (String d : List.of("proc", "sys", "dev/shm", "dev/pts")) {
                assertTrue(Files.isDirectory(root.resolve(d)), d);
            }
            assertEquals(Path.of("/proc/mounts"), Files.readSymbolicLink(root.resolve("etc/mtab")));
            assertTrue(s.changes("c1").isEmpty(), "a fresh container has changed nothing: " + s.changes("c1"));

            Files.createDirectory(root.resolve("tmp"));
            Files.writeString(root.resolve("tmp/f"), "x\n");
        } finally {
            s.unmount("c1");
        }

        assertEquals(List.of(new StorageDriver.Change("/tmp", StorageDriver.Change.ADDED),
                new StorageDriver.Change("/tmp/f", StorageDriver.Change.ADDED)), sorted(s.changes("c1")));
        assertEquals(List.of("tmp/", "tmp/f"), entries(s.diff("c1")));
    }

    @Test
    void removingTheContainerRemovesItsInitLayer() throws Exception {
        LocalImageService s = service();
        ReadWriteLayer rw = s.createReadWrite("c1", image(s));
        assertTrue(vfs.exists(rw.initLayerId()));

        s.remove("c1");

        // the layers' files go off the path of the removal, soon after it
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while ((vfs.exists(rw.driverLayerId()) || vfs.exists(rw.initLayerId())) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertFalse(vfs.exists(rw.driverLayerId()));
        assertFalse(vfs.exists(rw.initLayerId()));
        try (var left = Files.list(dir.resolve("image/layers/mounts"))) {
            assertEquals(0, left.count());
        }
    }

    @Test
    void aContainerCreatedBeforeInitLayersKeepsWorking() throws Exception {
        LocalImageService s = service();
        String id = image(s);
        ReadWriteLayer current = s.createReadWrite("probe", id);
        String imageTop = current.parentLayer();
        s.remove("probe");

        // a writable layer as earlier versions made it: on the image's top layer, its record without an init layer
        ObjectMapper json = new ObjectMapper();
        String topDriverId = json.readTree(dir.resolve("image/layers/sha256")
                .resolve(imageTop.substring("sha256:".length())).resolve("layer.json").toFile())
                .path("driverId").asText();
        String legacyId = "1".repeat(64);
        vfs.create(legacyId, topDriverId, true, java.util.Map.of());
        Path mounts = dir.resolve("image/layers/mounts/old");
        Files.createDirectories(mounts);
        Files.writeString(mounts.resolve("driver-id"), legacyId);
        ObjectNode record = json.createObjectNode().put("containerId", "old").put("imageId", id).put("driver", "vfs")
                .put("driverLayerId", legacyId).put("parentLayer", imageTop);
        Files.write(mounts.resolve("rw.json"), json.writeValueAsBytes(record));
        Files.writeString(dir.resolve("image/layers/refs/container-old"), imageTop);

        LocalImageService restarted = service();
        ReadWriteLayer old = restarted.readWrite("old").orElseThrow();
        assertNull(old.initLayerId());
        Path root = restarted.mount("old");
        try {
            assertEquals("127.0.0.1 from-the-image\n", Files.readString(root.resolve("etc/hosts")));
            Files.writeString(root.resolve("added"), "y");
        } finally {
            restarted.unmount("old");
        }
        assertEquals(List.of(new StorageDriver.Change("/added", StorageDriver.Change.ADDED)),
                restarted.changes("old"));

        restarted.remove("old");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (vfs.exists(legacyId) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertFalse(vfs.exists(legacyId));
        assertNotNull(restarted.resolve("base"));
    }

    private static List<StorageDriver.Change> sorted(List<StorageDriver.Change> changes) {
        List<StorageDriver.Change> out = new ArrayList<>(changes);
        out.sort(java.util.Comparator.comparing(StorageDriver.Change::path));
        return out;
    }

    private static List<String> entries(InputStream tar) throws IOException {
        List<String> names = new ArrayList<>();
        try (TarReader r = new TarReader(tar)) {
            for (TarHeader h = r.next(); h != null; h = r.next()) {
                names.add(h.name());
            }
        }
        names.sort(null);
        return names;
    }
}
