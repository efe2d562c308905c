package io.wharf.itests.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wharf.itests.WharfDaemon;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What the operator did to plugins outlives a daemon restart, although each start installs the distribution's
 * bundles afresh: a bundle replaced by another version stays at that version, and one left disabled stays
 * disabled until enabled.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class PluginsRestartIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VFS = "io.wharf.storage.vfs";

    private WharfDaemon daemon;

    @AfterEach
    void stop() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
    }

    private JsonNode inspect(String name) throws Exception {
        return JSON.readTree(daemon.ok("plugin", "inspect", name)).get(0);
    }

    /** Settles on the state the journal gives, which the daemon restores as bundles start. */
    private JsonNode settled(String name, String expectedName, boolean enabled) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        JsonNode p = inspect(name);
        while (System.nanoTime() < deadline
                && !(p.get("Name").asText().equals(expectedName) && p.get("Enabled").asBoolean() == enabled)) {
            Thread.sleep(100);
            p = inspect(name);
        }
        return p;
    }

    @Test
    void replacedAndDisabledPluginsStaySoAcrossARestart() throws Exception {
        Path dir = Files.createTempDirectory("wharf-plugins-restart-e2e");
        daemon = WharfDaemon.startIn(dir);
        Path context = Files.createDirectories(dir.resolve("context/rootfs"));
        BundleJars.withManifest(BundleJars.of(VFS), context.resolve("vfs.jar"), a -> a.putValue("Bundle-Version", "0.7.0"));
        Files.writeString(context.getParent().resolve("config.json"), "{}");
        daemon.ok("plugin", "disable", VFS);
        daemon.ok("plugin", "rm", VFS);
        daemon.ok("plugin", "create", "wharf/vfs", context.getParent().toString());
        assertEquals(VFS + ":0.7.0", inspect(VFS).get("Name").asText());
        assertFalse(inspect(VFS).get("Enabled").asBoolean());

        assertEquals(0, daemon.stop());
        daemon = WharfDaemon.startIn(dir);
        JsonNode p = settled(VFS, VFS + ":0.7.0", false);
        assertEquals(VFS + ":0.7.0", p.get("Name").asText());
        assertFalse(p.get("Enabled").asBoolean());

        daemon.ok("plugin", "enable", VFS);
        assertEquals(0, daemon.stop());
        daemon = WharfDaemon.startIn(dir);
        p = settled(VFS, VFS + ":0.7.0", true);
        assertEquals(VFS + ":0.7.0", p.get("Name").asText());
        assertTrue(p.get("Enabled").asBoolean());
        assertEquals(1, daemon.ok("plugin", "ls", "--filter", "capability=storagedriver", "--format", "{{.Name}}")
                .lines().filter(l -> l.startsWith(VFS)).count(), "one vfs bundle, not the distribution's beside it");
    }
}
