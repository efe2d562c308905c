package io.wharf.itests.volumes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.itests.WharfDaemon;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Volumes and their labels outlive the daemon. */
@Timeout(300)
class VolumesRestartIT {
    @Test
    void volumesAndTheirDataSurviveARestart() throws Exception {
        Path dir = Files.createTempDirectory("wharf-volumes-restart");
        WharfDaemon first = WharfDaemon.startIn(dir);
        try {
            assertEquals(0, first.docker("volume", "create", "--label", "keep=1", "durable").exitCode());
            Files.writeString(dir.resolve("data/volumes/durable/_data/file"), "still here");
            assertEquals(0, first.stop());
        } finally {
            if (first.process().isAlive()) {
                first.process().destroyForcibly();
            }
        }
        try (WharfDaemon second = WharfDaemon.startIn(dir)) {
            WharfDaemon.Result r = second.docker("volume", "inspect", "--format", "{{.Name}} {{.Labels}}", "durable");
            assertEquals(0, r.exitCode(), r.all());
            assertTrue(r.stdout().contains("durable map[keep:1]"), r.all());
            assertEquals("still here", Files.readString(dir.resolve("data/volumes/durable/_data/file")));
        }
    }
}
