package io.wharf.storage.vfs.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.api.errors.InvalidArgumentException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VfsDriverTest {
    @TempDir
    Path root;

    @Test
    void aNewDriverRemovesTreesWhoseCreateOrRemoveWasInterrupted() throws Exception {
        VfsDriver driver = new VfsDriver(root);
        driver.create("kept", null, false, Map.of());
        Files.createDirectories(root.resolve("dir/.tmp-half-1234/etc"));
        Files.createDirectories(root.resolve("dir/unrecorded/etc"));
        new VfsDriver(root);
        try (Stream<Path> s = Files.list(root.resolve("dir"))) {
            assertEquals(Set.of("kept"), s.map(p -> p.getFileName().toString()).collect(Collectors.toSet()));
        }
        assertTrue(driver.exists("kept"));
        assertFalse(driver.exists("unrecorded"));
    }

    @Test
    void idsThatWouldLeaveTheRootAreRefused() throws Exception {
        VfsDriver driver = new VfsDriver(root);
        for (String id : new String[] {"../x", "a/b", ".hidden", "", "x".repeat(200)}) {
            assertThrows(InvalidArgumentException.class, () -> driver.create(id, null, false, Map.of()), id);
            assertFalse(driver.exists(id));
        }
    }
}
