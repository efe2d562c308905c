package io.wharf.daemon.internal.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerStoreTest {
    @TempDir
    Path root;

    @Test
    void tornRecordsAreListedAndRemovedDirectoriesDeleted() throws Exception {
        // what a power cut can leave of a record renamed into place without a flush: nothing, or garbage
        Files.createDirectories(root.resolve("a".repeat(64)));
        Files.writeString(root.resolve("a".repeat(64)).resolve(ContainerStore.RECORD), "");
        Files.createDirectories(root.resolve("b".repeat(64)));
        Files.write(root.resolve("b".repeat(64)).resolve(ContainerStore.RECORD), new byte[] {0, 0, 0, 0});
        // well-formed JSON this version cannot map (another version's record) is not torn: it is kept
        Files.createDirectories(root.resolve("e".repeat(64)));
        Files.writeString(root.resolve("e".repeat(64)).resolve(ContainerStore.RECORD), "{\"id\": [1, 2]}");
        // a directory without a record is left alone (something else may own it)
        Files.createDirectories(root.resolve("c".repeat(64)));
        // a removed container's directory not yet deleted when the daemon stopped
        Path removed = root.resolve(ContainerStore.DISCARDED + "d".repeat(64));
        Files.createDirectories(removed);
        Files.writeString(removed.resolve(ContainerStore.RECORD), "{}");

        ContainerStore store = new ContainerStore(root);
        assertEquals(List.of(), store.load());
        assertEquals(List.of("a".repeat(64), "b".repeat(64)), store.torn().stream().sorted().toList());
        assertFalse(Files.exists(removed));
        assertTrue(Files.isDirectory(root.resolve("c".repeat(64))));
        assertTrue(Files.isDirectory(root.resolve("e".repeat(64))));
    }
}
