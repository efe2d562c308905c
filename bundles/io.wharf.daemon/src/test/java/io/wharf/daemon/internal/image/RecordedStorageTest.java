package io.wharf.daemon.internal.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.api.errors.UnavailableException;
import io.wharf.api.plugin.DriverInfo;
import io.wharf.api.plugin.DriverKind;
import io.wharf.api.plugin.DriverRegistry;
import io.wharf.api.storage.StorageDriver;
import io.wharf.storage.vfs.internal.VfsDriver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordedStorageTest {
    @TempDir
    Path dataRoot;

    /** The drivers registered "now": what a test puts in. */
    static final class Registry implements DriverRegistry {
        final Map<String, StorageDriver> storage = new TreeMap<>();

        @Override
        public List<DriverInfo> drivers() {
            return List.of();
        }

        @Override
        public List<String> names(DriverKind kind) {
            return kind == DriverKind.STORAGE ? List.copyOf(storage.keySet()) : List.of();
        }

        @Override
        public <T> Optional<T> find(Class<T> type, DriverKind kind, String name) {
            return kind == DriverKind.STORAGE ? Optional.ofNullable(storage.get(name)).map(type::cast)
                    : Optional.empty();
        }
    }

    private Path record() {
        return dataRoot.resolve("image/storage-driver");
    }

    @Test
    void theFirstDriverUsedIsRecordedAndKeptWhenABetterOneAppearsLater() throws IOException {
        Registry registry = new Registry();
        StorageDriver vfs = new VfsDriver(dataRoot.resolve("vfs"));
        registry.storage.put("vfs", vfs);
        RecordedStorage first = new RecordedStorage(dataRoot.resolve("image"), registry, null);
        assertFalse(Files.exists(record()), "nothing is recorded before a driver is used");
        assertSame(vfs, first.driver());
        assertEquals("vfs\n", Files.readString(record()));

        // overlay2 would be preferred on a fresh data root; this one is vfs's, after a restart too
        registry.storage.put("overlay2", new VfsDriver(dataRoot.resolve("other")));
        RecordedStorage restarted = new RecordedStorage(dataRoot.resolve("image"), registry, null);
        assertEquals("vfs", restarted.name());
        assertSame(vfs, restarted.driver());
    }

    @Test
    void anotherConfiguredDriverIsRefusedWithoutTouchingTheRecord() throws IOException {
        Files.createDirectories(record().getParent());
        Files.writeString(record(), "overlay2\n");
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> new RecordedStorage(dataRoot.resolve("image"), new Registry(), "vfs"));
        assertTrue(refused.getMessage().contains("holds the layers of storage driver \"overlay2\""),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("storage driver \"vfs\""), refused.getMessage());
        assertEquals("overlay2\n", Files.readString(record()));
        // the same driver, named, is fine
        assertEquals("overlay2", new RecordedStorage(dataRoot.resolve("image"), new Registry(), "overlay2").name());
    }

    @Test
    void anAbsentRecordedDriverIsUnavailableNotMissing() throws IOException {
        Files.createDirectories(record().getParent());
        Files.writeString(record(), "overlay2\n");
        Registry registry = new Registry();
        registry.storage.put("vfs", new VfsDriver(dataRoot.resolve("vfs")));
        RecordedStorage storage = new RecordedStorage(dataRoot.resolve("image"), registry, null);

        UnavailableException e = assertThrows(UnavailableException.class, storage::driver);
        assertEquals("storage driver \"overlay2\" is not available", e.getMessage());
        assertEquals("overlay2\n", Files.readString(record()));
    }
}
