package io.wharf.linux.files;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.wharf.linux.LinuxException;
import io.wharf.linux.Mounts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackingFilesystemTest {
    @TempDir
    Path dir;

    private Path mounted;

    @AfterEach
    void cleanUp() {
        if (mounted != null) {
            try {
                Mounts.umount2(mounted, Mounts.MNT_DETACH);
            } catch (LinuxException e) {
                // already unmounted
            }
        }
    }

    @Test
    void namesTmpfsAsDockerdDoes() throws IOException {
        Path mnt = Files.createDirectory(dir.resolve("mnt"));
        Mounts.mount("tmpfs", mnt, "tmpfs", Mounts.MS_NODEV | Mounts.MS_NOSUID, "size=1m");
        mounted = mnt;
        assertEquals("tmpfs", BackingFilesystem.name(mnt));
    }

    @Test
    void anUnreadablePathIsUnknown() {
        assertEquals("<unknown>", BackingFilesystem.name(dir.resolve("missing")));
    }
}
