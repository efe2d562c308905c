package io.wharf.linux.files;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackingFilesystemTest {
    @TempDir
    Path dir;

    @Test
    void namesTmpfsAsDockerdDoes() throws IOException {
        try (ScratchTmpfs tmpfs = ScratchTmpfs.mountOn(dir.resolve("mnt"))) {
            assertEquals("tmpfs", BackingFilesystem.name(tmpfs.path()));
        }
    }

    @Test
    void anUnreadablePathIsUnknown() {
        assertEquals("<unknown>", BackingFilesystem.name(dir.resolve("missing")));
    }
}
