package io.wharf.linux.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MountCountTest {
    @TempDir
    Path tmp;

    @Test
    void aCountSurvivesANewInstanceButNotAReboot() throws Exception {
        Path file = tmp.resolve("mounts");
        new MountCount(file, "boot-1").set(3);
        assertEquals(3, new MountCount(file, "boot-1").get());
        assertEquals(0, new MountCount(file, "boot-2").get(), "nothing stays mounted across a reboot");
        new MountCount(file, "boot-1").set(0);
        assertFalse(Files.exists(file));
        assertEquals(0, new MountCount(file, "boot-1").get());
    }
}
