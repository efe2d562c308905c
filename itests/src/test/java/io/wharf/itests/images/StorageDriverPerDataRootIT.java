package io.wharf.itests.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.itests.BusyboxImage;
import io.wharf.itests.WharfDaemon;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A data root keeps the storage driver that first stored layers there: wharfd started on it with another
 * {@code --storage-driver} exits non-zero with the reason, and so does one on a data root of a newer Wharf; the same
 * data root still starts with its own driver, its images intact.
 */
@Timeout(300)
class StorageDriverPerDataRootIT {

    @Test
    void anotherStorageDriverOrANewerFormatIsRefusedAtStart() throws Exception {
        Path dir = Files.createTempDirectory("wharf-storage-per-root");
        WharfDaemon daemon = WharfDaemon.startIn(dir, "--storage-driver", "vfs");
        try {
            BusyboxImage.load(daemon, "busybox:latest");
            assertEquals("vfs", daemon.ok("info", "-f", "{{.Driver}}").strip());
            assertEquals(0, daemon.stop());

            Process refused = WharfDaemon.launch(dir, "--storage-driver", "overlay2");
            assertTrue(refused.waitFor(60, TimeUnit.SECONDS), "wharfd did not exit");
            assertEquals(1, refused.exitValue(), daemon.log());
            assertTrue(daemon.log().contains("wharfd: data root " + dir.resolve("data")
                    + " holds the layers of storage driver \"vfs\"; refusing to start with storage driver"
                    + " \"overlay2\""), daemon.log());

            // without a --storage-driver the recorded one is used, not the one a fresh data root would get
            daemon = WharfDaemon.startIn(dir);
            assertEquals("vfs", daemon.ok("info", "-f", "{{.Driver}}").strip());
            assertEquals("hi\n", daemon.ok("run", "--rm", "busybox", "echo", "hi"));
            assertEquals(0, daemon.stop());

            Path format = dir.resolve("data/wharf-format");
            assertEquals("1\n", Files.readString(format));
            Files.writeString(format, "99\n");
            Process newer = WharfDaemon.launch(dir);
            assertTrue(newer.waitFor(60, TimeUnit.SECONDS), "wharfd did not exit");
            assertEquals(1, newer.exitValue(), daemon.log());
            assertTrue(daemon.log().contains("was written by a newer Wharf (format 99"), daemon.log());
            assertEquals("99\n", Files.readString(format), "nothing is rewritten");
        } finally {
            daemon.close();
        }
    }
}
