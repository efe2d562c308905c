package io.wharf.launcher;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataRootCheckTest {
    @TempDir
    Path root;

    @Test
    void aFreshDataRootAndOneOfThisFormatAreUsable() throws IOException {
        assertDoesNotThrow(() -> DataRootCheck.check(root, "vfs"));
        Files.writeString(root.resolve("wharf-format"), "1\n");
        assertDoesNotThrow(() -> DataRootCheck.check(root, null));
    }

    @Test
    void aDataRootOfANewerWharfIsRefusedAndLeftAlone() throws IOException {
        Files.writeString(root.resolve("wharf-format"), "2\n");
        UsageException e = assertThrows(UsageException.class, () -> DataRootCheck.check(root, null));
        assertTrue(e.getMessage().contains("was written by a newer Wharf (format 2"), e.getMessage());
        assertEquals("2\n", Files.readString(root.resolve("wharf-format")));
    }

    @Test
    void anotherStorageDriverThanTheRecordedOneIsRefused() throws IOException {
        Files.createDirectories(root.resolve("image"));
        Files.writeString(root.resolve("image/storage-driver"), "overlay2\n");
        UsageException e = assertThrows(UsageException.class, () -> DataRootCheck.check(root, "vfs"));
        assertEquals("data root " + root + " holds the layers of storage driver \"overlay2\"; refusing to start with"
                + " storage driver \"vfs\" (use --storage-driver overlay2, or another --data-root)", e.getMessage());
        assertDoesNotThrow(() -> DataRootCheck.check(root, "overlay2"));
        assertDoesNotThrow(() -> DataRootCheck.check(root, null));
    }
}
