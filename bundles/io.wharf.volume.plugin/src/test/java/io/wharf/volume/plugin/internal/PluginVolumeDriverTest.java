package io.wharf.volume.plugin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.wharf.api.errors.NotFoundException;
import io.wharf.api.errors.UnavailableException;
import io.wharf.api.errors.WharfException;
import io.wharf.api.volume.VolumeDriver;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(30)
class PluginVolumeDriverTest {
    @TempDir
    Path dir;
    TestPluginServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private PluginVolumeDriver start(boolean chunked) throws Exception {
        server = new TestPluginServer(dir.resolve("plugins/testvol.sock"), dir.resolve("data"), chunked);
        return new PluginVolumeDriver(new VolumePluginProtocol("testvol",
                new PluginHttpClient(server.socket()), new ObjectMapper()));
    }

    @ParameterizedTest(name = "chunked={0}")
    @ValueSource(booleans = {false, true})
    void createMountUnmountRemoveGoThroughThePlugin(boolean chunked) throws Exception {
        PluginVolumeDriver driver = start(chunked);
        assertTrue(PluginVolumeDriver.implementsVolumeDriver(new VolumePluginProtocol("testvol",
                new PluginHttpClient(server.socket()), new ObjectMapper())));

        VolumeDriver.VolumeInfo created = driver.create("v1", Map.of("size", "10m"), Map.of("label", "x"));
        assertEquals("v1", created.name());
        assertEquals(Map.of("size", "10m"), created.options());
        assertEquals(Map.of("label", "x"), created.labels());
        assertEquals("2024-05-06T07:08:09Z", created.createdAt());
        assertEquals(Map.of("size", "10m"), server.volumes.get("v1"));

        Path mounted = driver.mount("v1", "container1");
        assertEquals(dir.resolve("data/v1"), mounted);
        assertEquals(Set.of("container1"), server.mounts.get("v1"));
        assertEquals(mounted.toString(), driver.get("v1").mountpoint());
        assertEquals(mounted.toString(), driver.path("v1"));
        assertEquals(1, ((Number) driver.get("v1").status().get("opts")).intValue());

        WharfException busy = assertThrows(WharfException.class, () -> driver.remove("v1"));
        assertEquals("remove v1: VolumeDriver.Remove: volume v1 is mounted", busy.getMessage());

        driver.unmount("v1", "container1");
        assertEquals(Set.of(), server.mounts.get("v1"));
        driver.remove("v1");
        assertEquals(List.of(), driver.list());
        assertTrue(server.calls.contains("VolumeDriver.Unmount"));
    }

    @Test
    void listAndGetReportThePluginsVolumes() throws Exception {
        PluginVolumeDriver driver = start(false);
        driver.create("b", Map.of(), Map.of());
        driver.create("a", Map.of(), Map.of());
        assertEquals(List.of("a", "b"), driver.list().stream().map(VolumeDriver.VolumeInfo::name).toList());
        assertEquals("", driver.get("a").mountpoint(), "not mounted: the plugin reports no mount point");
    }

    @Test
    void errorsInErrAreReportedInThePluginsWords() throws Exception {
        PluginVolumeDriver driver = start(false);
        WharfException refused = assertThrows(WharfException.class,
                () -> driver.create("v2", Map.of("fail", "yes"), Map.of()));
        assertEquals("create v2: VolumeDriver.Create: refusing option fail=yes", refused.getMessage());

        NotFoundException missing = assertThrows(NotFoundException.class, () -> driver.get("nope"));
        assertEquals("get nope: VolumeDriver.Get: no such volume: nope", missing.getMessage());
        assertThrows(NotFoundException.class, () -> driver.remove("nope"));
        assertThrows(NotFoundException.class, () -> driver.mount("nope", "c1"));
    }

    @Test
    void capabilitiesGiveTheScope() throws Exception {
        PluginVolumeDriver driver = start(false);
        assertEquals("local", driver.scope());
        server.scope = "global";
        assertEquals("global", driver.scope());
    }

    @Test
    void aPluginThatIsNotListeningIsUnavailableAndNamed() {
        PluginVolumeDriver driver = new PluginVolumeDriver(new VolumePluginProtocol("gone",
                new PluginHttpClient(dir.resolve("gone.sock")), new ObjectMapper()));
        UnavailableException e = assertThrows(UnavailableException.class, driver::list);
        assertTrue(e.getMessage().startsWith("volume plugin gone is not reachable at "), e.getMessage());
        assertEquals("local", driver.scope());
    }
}
