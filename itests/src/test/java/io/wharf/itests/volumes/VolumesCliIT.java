package io.wharf.itests.volumes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wharf.itests.WharfDaemon;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code docker volume ...} with the real CLI against the built daemon, plus a volume plugin the test serves
 * from a plugin directory named in daemon.json. Tests that need containers (a volume in use, copy-up of image
 * content, data seen by a second container) belong with the container tests.
 */
@Timeout(300)
class VolumesCliIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path dir;
    private static Path pluginDir;
    private static WharfDaemon daemon;
    private static VolumePluginServer plugin;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("wharf-volumes-e2e");
        pluginDir = Files.createDirectories(dir.resolve("plugins"));
        Files.writeString(dir.resolve("daemon.json"), "{\"volume-plugin-dirs\": [\"" + pluginDir + "\"]}\n");
        daemon = WharfDaemon.startIn(dir);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (plugin != null) {
                plugin.close();
            }
        } finally {
            if (daemon != null) {
                daemon.close();
            }
        }
    }

    @BeforeEach
    void removeEveryVolume() throws Exception {
        for (String name : lines(ok("volume", "ls", "-q"))) {
            ok("volume", "rm", "-f", name);
        }
    }

    private static String ok(String... args) throws Exception {
        return daemon.ok(args);
    }

    private static WharfDaemon.Result fails(String... args) throws Exception {
        return daemon.fails(args);
    }

    private static List<String> lines(String out) {
        return WharfDaemon.lines(out);
    }

    @Test
    void createInspectListRemove() throws Exception {
        assertEquals("data1\n", ok("volume", "create", "--label", "team=blue", "data1"));
        JsonNode v = JSON.readTree(ok("volume", "inspect", "data1")).get(0);
        assertEquals("data1", v.get("Name").asText());
        assertEquals("local", v.get("Driver").asText());
        assertEquals("local", v.get("Scope").asText());
        assertEquals("blue", v.get("Labels").get("team").asText());
        assertEquals(dir.resolve("data/volumes/data1/_data").toString(), v.get("Mountpoint").asText());
        assertTrue(Files.isDirectory(Path.of(v.get("Mountpoint").asText())));
        assertFalse(v.get("CreatedAt").asText().isEmpty());

        String table = ok("volume", "ls");
        assertTrue(table.startsWith("DRIVER    VOLUME NAME"), table);
        assertTrue(table.contains("local     data1"), table);

        assertEquals("data1\n", ok("volume", "rm", "data1"));
        assertEquals(List.of(), lines(ok("volume", "ls", "-q")));
        assertFalse(Files.exists(dir.resolve("data/volumes/data1")));
    }

    @Test
    void localDriverOptionsAreKeptAndShown() throws Exception {
        ok("volume", "create", "-o", "type=tmpfs", "-o", "device=tmpfs", "-o", "o=size=1m", "scratch");
        JsonNode v = JSON.readTree(ok("volume", "inspect", "scratch")).get(0);
        assertEquals("tmpfs", v.get("Options").get("type").asText());
        assertEquals("size=1m", v.get("Options").get("o").asText());
    }

    @Test
    void anonymousVolumesGetGeneratedNamesAndTheAnonymousLabel() throws Exception {
        String name = ok("volume", "create").trim();
        assertTrue(name.matches("[0-9a-f]{64}"), name);
        JsonNode labels = JSON.readTree(ok("volume", "inspect", "--format", "{{json .Labels}}", name));
        assertTrue(labels.has("com.docker.volume.anonymous"), labels.toString());
    }

    @Test
    void listFilters() throws Exception {
        ok("volume", "create", "--label", "env=prod", "web-data");
        ok("volume", "create", "--label", "env=dev", "web-cache");
        ok("volume", "create", "db-data");
        assertEquals(List.of("web-cache", "web-data"), lines(ok("volume", "ls", "-q", "-f", "name=web")));
        assertEquals(List.of("web-data"), lines(ok("volume", "ls", "-q", "-f", "label=env=prod")));
        assertEquals(List.of("web-cache", "web-data"), lines(ok("volume", "ls", "-q", "-f", "label=env")));
        assertEquals(List.of("db-data", "web-cache", "web-data"), lines(ok("volume", "ls", "-q", "-f", "driver=local")));
        assertEquals(List.of("db-data", "web-cache", "web-data"), lines(ok("volume", "ls", "-q", "-f", "dangling=true")));
        assertEquals(List.of(), lines(ok("volume", "ls", "-q", "-f", "dangling=false")));
        assertTrue(fails("volume", "ls", "-f", "colour=red").stderr().contains("invalid filter 'colour'"));
    }

    @Test
    void pruneRemovesAnonymousVolumesUnlessAllIsAsked() throws Exception {
        String anon = ok("volume", "create").trim();
        ok("volume", "create", "named");
        ok("volume", "create", "--label", "keep=yes", "kept");

        String pruned = ok("volume", "prune", "-f");
        assertTrue(pruned.contains(anon), pruned);
        assertEquals(List.of("kept", "named"), lines(ok("volume", "ls", "-q")));

        String all = ok("volume", "prune", "-a", "-f", "--filter", "label!=keep=yes");
        assertTrue(all.contains("named"), all);
        assertEquals(List.of("kept"), lines(ok("volume", "ls", "-q")));
    }

    @Test
    void dockerdsErrorsForBadNamesUnknownVolumesAndUnknownDrivers() throws Exception {
        WharfDaemon.Result bad = fails("volume", "create", "bad:name");
        assertTrue(bad.stderr().contains("\"bad:name\" includes invalid characters for a local volume name"),
                bad.all());
        WharfDaemon.Result missing = fails("volume", "inspect", "nope");
        assertTrue(missing.stderr().contains("no such volume"), missing.all());
        WharfDaemon.Result rm = fails("volume", "rm", "nope");
        assertTrue(rm.stderr().contains("get nope: no such volume"), rm.all());
        WharfDaemon.Result driver = fails("volume", "create", "-d", "nosuch", "v1");
        assertTrue(driver.stderr().contains("error looking up volume plugin nosuch: plugin \"nosuch\" not found"),
                driver.all());
        assertEquals(0, daemon.docker("volume", "rm", "-f", "nope").exitCode(), "forcing is quiet about the absent");
    }

    @Test
    void aVolumePluginServedFromThePluginDirectory() throws Exception {
        plugin = new VolumePluginServer(pluginDir.resolve("testvol.sock"), dir.resolve("plugin-data"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        WharfDaemon.Result created;
        do {
            created = daemon.docker("volume", "create", "-d", "testvol", "-o", "size=5m", "--label", "via=plugin", "pv1");
            if (created.exitCode() == 0) {
                break;
            }
            Thread.sleep(200); // the daemon registers the plugin when it sees its socket
        } while (System.nanoTime() < deadline);
        assertEquals(0, created.exitCode(), created.all());
        assertEquals("5m", plugin.volumes.get("pv1").get("size"));
        // listed among the plugins as dockerd lists a v1 plugin, but not managed as a bundle
        assertTrue(lines(ok("plugin", "ls", "--filter", "capability=volumedriver", "--format",
                "{{.Name}} {{.Enabled}}")).contains("testvol:latest true"));
        WharfDaemon.Result disable = fails("plugin", "disable", "testvol");
        assertTrue(disable.stderr().contains("testvol is a Docker v1 plugin"), disable.all());

        JsonNode v = JSON.readTree(ok("volume", "inspect", "pv1")).get(0);
        assertEquals("testvol", v.get("Driver").asText());
        assertEquals("plugin", v.get("Labels").get("via").asText());
        assertEquals(dir.resolve("plugin-data/pv1").toString(), v.get("Mountpoint").asText());
        assertEquals(List.of("pv1"), lines(ok("volume", "ls", "-q", "-f", "driver=testvol")));

        WharfDaemon.Result refused = fails("volume", "create", "-d", "testvol", "-o", "fail=yes", "pv2");
        assertTrue(refused.stderr().contains("VolumeDriver.Create: refusing option fail=yes"), refused.all());

        ok("volume", "rm", "pv1");
        assertFalse(plugin.volumes.containsKey("pv1"));
        assertTrue(plugin.calls.contains("VolumeDriver.Remove"), plugin.calls.toString());
        Set<String> seen = plugin.calls.stream().collect(Collectors.toSet());
        assertTrue(seen.containsAll(Set.of("Plugin.Activate", "VolumeDriver.Create", "VolumeDriver.Get")), seen.toString());

        // The plugin goes away: its volume is still listed under its driver, and the driver is named as missing.
        ok("volume", "create", "-d", "testvol", "pv3");
        plugin.close();
        plugin = null;
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        WharfDaemon.Result gone;
        do {
            gone = daemon.docker("volume", "create", "-d", "testvol", "pv4");
            if (gone.exitCode() != 0) {
                break;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        assertTrue(gone.stderr().contains("plugin \"testvol\" not found"), gone.all());
        assertEquals("testvol pv3\n", ok("volume", "ls", "--format", "{{.Driver}} {{.Name}}", "-f", "name=pv3"));
        assertEquals("testvol", ok("volume", "inspect", "--format", "{{.Driver}}", "pv3").trim());
        ok("volume", "rm", "-f", "pv3");
        assertEquals(List.of(), lines(ok("volume", "ls", "-q", "-f", "driver=testvol")));
    }

    @Test
    void volumeEventsAreReported() throws Exception {
        long since = System.currentTimeMillis() / 1000 - 1;
        ok("volume", "create", "evented");
        ok("volume", "rm", "evented");
        String until = Long.toString(System.currentTimeMillis() / 1000 + 1);
        String events = ok("events", "--since", Long.toString(since), "--until", until, "--filter", "type=volume",
                "--filter", "volume=evented", "--format", "{{.Action}} {{.Actor.ID}} {{index .Actor.Attributes \"driver\"}}");
        assertEquals(List.of("create evented local", "destroy evented local"), Arrays.stream(events.split("\n"))
                .filter(l -> !l.isBlank()).toList());
    }
}
