package io.wharf.itests.plugins;

import static io.wharf.itests.WharfDaemon.lines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wharf.itests.BusyboxImage;
import io.wharf.itests.RegistryServer;
import io.wharf.itests.WharfDaemon;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code docker plugin ...} from the real CLI against driver bundles: list, inspect, disable and enable under a
 * running container (a request needing the driver while it is away waits, then gets 503), removal refused
 * while containers use a driver, install from the test registry and from a local jar, upgrade, and the refusal
 * of jars that are no bundle or do not resolve with the running version left active.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class PluginsCliIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JSONFILE = "io.wharf.log.jsonfile";
    private static final String VFS = "io.wharf.storage.vfs";

    private static Path dir;
    private static WharfDaemon daemon;
    private static RegistryServer registry;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("wharf-plugins-e2e");
        // a short wait keeps the 503 cases quick; the default is 10 s
        Files.writeString(dir.resolve("daemon.json"), "{\"driver-wait-timeout\": 2}\n");
        daemon = WharfDaemon.startIn(dir);
        Path archive = dir.resolve("busybox.tar");
        BusyboxImage.saveArchive(dir, "busybox:latest", archive);
        daemon.ok("load", "-i", archive.toString());
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (registry != null) {
                registry.close();
            }
        } finally {
            if (daemon != null) {
                daemon.close();
            }
        }
    }

    @AfterEach
    void everyPluginEnabledNoContainers() throws Exception {
        for (String name : lines(daemon.ok("plugin", "ls", "--filter", "enable=false", "--format", "{{.Name}}"))) {
            daemon.docker("plugin", "enable", name);
        }
        for (String id : lines(daemon.ok("ps", "-aq"))) {
            daemon.docker("rm", "-f", id);
        }
    }

    private static JsonNode inspect(String name) throws Exception {
        return JSON.readTree(daemon.ok("plugin", "inspect", name)).get(0);
    }

    @Test
    void lsAndInspectShowEachDriverBundle() throws Exception {
        String version = BundleJars.version(BundleJars.of(JSONFILE));
        List<String> all = lines(daemon.ok("plugin", "ls", "--format", "{{.Name}} {{.Enabled}}"));
        assertTrue(all.contains(JSONFILE + ":" + version + " true"), all.toString());
        assertTrue(all.contains("io.wharf.runtime.oci:" + version + " true"), all.toString());
        assertTrue(all.stream().noneMatch(l -> l.startsWith("io.wharf.daemon")), all.toString());

        assertEquals(List.of(JSONFILE + ":" + version),
                lines(daemon.ok("plugin", "ls", "--filter", "capability=logdriver", "--format", "{{.Name}}")));
        List<String> storage = lines(daemon.ok("plugin", "ls", "--filter", "capability=storagedriver",
                "--format", "{{.Name}}"));
        // names only: other tests here replace the vfs bundle by other versions
        assertEquals(List.of("io.wharf.storage.overlay", VFS),
                storage.stream().map(n -> n.substring(0, n.indexOf(':'))).toList());

        JsonNode p = inspect(JSONFILE);
        assertEquals(JSONFILE + ":" + version, p.get("Name").asText());
        assertTrue(p.get("Enabled").asBoolean());
        assertEquals("docker.logdriver/1.0", p.get("Config").get("Interface").get("Types").get(0).asText());
        JsonNode bridge = inspect("io.wharf.network.bridge");
        assertEquals("[\"docker.ipamdriver/1.0\",\"docker.networkdriver/1.0\"]",
                bridge.get("Config").get("Interface").get("Types").toString());
        // by ID prefix too, as dockerd finds plugins
        assertEquals(p.get("Name").asText(), inspect(p.get("Id").asText().substring(0, 12)).get("Name").asText());

        WharfDaemon.Result missing = daemon.fails("plugin", "inspect", "no-such-plugin");
        assertTrue(missing.stderr().contains("plugin \"no-such-plugin\" not found"), missing.all());
        WharfDaemon.Result badFilter = daemon.fails("plugin", "ls", "--filter", "enable=maybe");
        assertTrue(badFilter.stderr().contains("invalid filter 'enable=maybe'"), badFilter.all());
    }

    @Test
    void disabledDriverMakesRequestsWaitThen503WhileContainersRun() throws Exception {
        long since = System.currentTimeMillis() / 1000;
        String id = daemon.ok("run", "-d", "--name", "logger", "busybox", "sh", "-c",
                "while true; do echo tick; sleep 0.2; done").trim();
        daemon.ok("plugin", "disable", JSONFILE);
        assertFalse(inspect(JSONFILE).get("Enabled").asBoolean());
        assertEquals(List.of(JSONFILE), lines(daemon.ok("plugin", "ls", "--filter", "enable=false",
                "--format", "{{.Name}}")).stream().map(n -> n.substring(0, n.indexOf(':'))).toList());

        assertFalse(daemon.ok("info", "--format", "{{json .Plugins.Log}}").contains("json-file"));
        WharfDaemon.Result refused = daemon.fails("run", "--rm", "busybox", "true");
        assertTrue(refused.stderr().contains("log driver \"json-file\" is not available"), refused.all());
        assertEquals("true", daemon.ok("inspect", "-f", "{{.State.Running}}", id).trim());

        // a request made while the driver is away is served once it is back within the wait
        CompletableFuture<WharfDaemon.Result> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return daemon.docker("run", "--rm", "busybox", "echo", "served");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        daemon.ok("plugin", "enable", JSONFILE);
        WharfDaemon.Result served = waiting.get(60, TimeUnit.SECONDS);
        assertEquals(0, served.exitCode(), served.all());
        assertEquals("served", served.stdout().trim());

        assertTrue(inspect(JSONFILE).get("Enabled").asBoolean());
        assertTrue(daemon.ok("info", "--format", "{{json .Plugins.Log}}").contains("json-file"));
        assertEquals("true", daemon.ok("inspect", "-f", "{{.State.Running}}", id).trim());
        assertTrue(daemon.ok("logs", "--tail", "1", id).contains("tick"));

        long until = System.currentTimeMillis() / 1000 + 1;
        List<String> events = lines(daemon.ok("system", "events", "--since", Long.toString(since), "--until",
                Long.toString(until), "--filter", "type=plugin", "--format",
                "{{.Action}} {{index .Actor.Attributes \"name\"}}"));
        String version = BundleJars.version(BundleJars.of(JSONFILE));
        assertTrue(events.contains("disable " + JSONFILE + ":" + version), events.toString());
        assertTrue(events.contains("enable " + JSONFILE + ":" + version), events.toString());
    }

    @Test
    void removalIsRefusedWhileContainersUseTheDriver() throws Exception {
        daemon.ok("run", "-d", "--name", "user-of-json-file", "busybox", "sleep", "600");
        WharfDaemon.Result r = daemon.fails("plugin", "rm", JSONFILE);
        assertTrue(r.stderr().contains("is in use by containers: user-of-json-file"), r.all());
        assertTrue(inspect(JSONFILE).get("Enabled").asBoolean());
        // an enabled plugin nobody uses is refused too, as dockerd does
        WharfDaemon.Result enabled = daemon.fails("plugin", "rm", VFS);
        assertTrue(enabled.stderr().contains("is enabled"), enabled.all());
    }

    @Test
    void installFromRegistryUpgradeAndRefusals() throws Exception {
        assumeTrue(RegistryServer.available(), "docker-registry is not installed");
        registry = registry == null ? RegistryServer.start(null, null) : registry;
        Path jar = BundleJars.of(VFS);
        String version = BundleJars.version(jar);
        String v1 = registry.host() + "/wharf/vfs:1";
        BundleArtifact.push(v1, jar);

        daemon.ok("plugin", "disable", VFS);
        daemon.ok("plugin", "rm", VFS);
        assertFalse(daemon.ok("plugin", "ls", "--format", "{{.Name}}").contains(VFS));

        String out = daemon.ok("plugin", "install", v1);
        assertTrue(out.contains("Installed plugin " + v1), out);
        JsonNode p = inspect(VFS);
        assertTrue(p.get("Enabled").asBoolean());
        assertEquals(VFS + ":" + version, p.get("Name").asText());
        assertEquals(v1, p.get("PluginReference").asText());
        WharfDaemon.Result again = daemon.fails("plugin", "install", v1);
        assertTrue(again.stderr().contains("already exists"), again.all());

        // a jar that is no bundle, and one that needs an API this daemon does not export, are refused
        String plain = registry.host() + "/wharf/vfs:plain";
        BundleArtifact.push(plain, BundleJars.plainJar(dir.resolve("plain.jar")));
        String wrongApi = registry.host() + "/wharf/vfs:wrong-api";
        BundleArtifact.push(wrongApi, BundleJars.withManifest(jar, dir.resolve("wrong-api.jar"), a -> {
            a.putValue("Bundle-Version", "0.9.0");
            a.put(new Attributes.Name("Import-Package"), a.getValue("Import-Package").replaceAll(
                    "io\\.wharf\\.api\\.storage;version=\"[^\"]*\"", "io.wharf.api.storage;version=\"[9.0,10)\""));
        }));
        String v2 = registry.host() + "/wharf/vfs:2";
        BundleArtifact.push(v2, BundleJars.withManifest(jar, dir.resolve("v2.jar"),
                a -> a.putValue("Bundle-Version", "0.8.0")));

        String carrying = registry.host() + "/wharf/vfs:carries-api";
        BundleArtifact.push(carrying, BundleJars.withManifest(jar, dir.resolve("carries-api.jar"), a -> {
            a.putValue("Bundle-Version", "0.9.1");
            a.putValue("Export-Package", "io.wharf.api.storage;version=\"2.0.0\"");
        }));
        daemon.ok("tag", "busybox", registry.host() + "/wharf/an-image:1");
        daemon.ok("push", registry.host() + "/wharf/an-image:1");

        WharfDaemon.Result image = daemon.fails("plugin", "install", registry.host() + "/wharf/an-image:1");
        assertTrue(image.stderr().contains("is not a plugin") && image.stderr().contains("target is image"),
                image.all());
        daemon.ok("plugin", "disable", VFS);
        WharfDaemon.Result carries = daemon.fails("plugin", "upgrade", "--skip-remote-check", VFS, carrying);
        assertTrue(carries.stderr().contains("exports io.wharf.api.storage;version=\"2.0.0\" of its own"),
                carries.all());
        WharfDaemon.Result notBundle = daemon.fails("plugin", "upgrade", "--skip-remote-check", VFS, plain);
        assertTrue(notBundle.stderr().contains("is not a bundle: its manifest has no Bundle-SymbolicName"),
                notBundle.all());
        WharfDaemon.Result unresolved = daemon.fails("plugin", "upgrade", "--skip-remote-check", VFS, wrongApi);
        assertTrue(unresolved.stderr().contains("does not resolve"), unresolved.all());
        assertTrue(unresolved.stderr().contains("io.wharf.api.storage"), unresolved.all());
        assertEquals(VFS + ":" + version, inspect(VFS).get("Name").asText());

        String up = daemon.ok("plugin", "upgrade", "--skip-remote-check", VFS, v2);
        assertTrue(up.contains("Upgraded plugin"), up);
        daemon.ok("plugin", "enable", VFS);
        JsonNode upgraded = inspect(VFS);
        assertEquals(VFS + ":0.8.0", upgraded.get("Name").asText());
        assertEquals(v2, upgraded.get("PluginReference").asText());
        assertTrue(upgraded.get("Enabled").asBoolean());
    }

    @Test
    void settingsAndPushAreRefusedClearly() throws Exception {
        WharfDaemon.Result set = daemon.fails("plugin", "set", JSONFILE, "DEBUG=1");
        assertTrue(set.stderr().contains("configured through daemon.json"), set.all());
        WharfDaemon.Result unknown = daemon.fails("plugin", "set", "no-such-plugin", "DEBUG=1");
        assertTrue(unknown.stderr().contains("plugin \"no-such-plugin\" not found"), unknown.all());
    }

    @Test
    void createInstallsALocalJar() throws Exception {
        Path jar = BundleJars.of(VFS);
        Path context = Files.createDirectories(dir.resolve("create-context/rootfs"));
        Files.copy(BundleJars.withManifest(jar, dir.resolve("local.jar"), a -> a.putValue("Bundle-Version", "0.7.0")),
                context.resolve("driver.jar"));
        Files.writeString(context.getParent().resolve("config.json"), "{\"Description\": \"vfs from a local jar\"}");

        daemon.ok("plugin", "disable", VFS);
        daemon.ok("plugin", "rm", VFS);
        String out = daemon.ok("plugin", "create", "wharf/vfs-local", context.getParent().toString());
        assertTrue(out.contains("wharf/vfs-local"), out);
        JsonNode p = inspect(VFS);
        assertEquals(VFS + ":0.7.0", p.get("Name").asText());
        assertFalse(p.get("Enabled").asBoolean());
        daemon.ok("plugin", "enable", VFS);
        assertTrue(inspect(VFS).get("Enabled").asBoolean());

        Path notJar = Files.createDirectories(dir.resolve("empty-context/rootfs"));
        Files.writeString(notJar.getParent().resolve("config.json"), "{}");
        WharfDaemon.Result refused = daemon.fails("plugin", "create", "wharf/empty", notJar.getParent().toString());
        assertTrue(refused.stderr().contains("holds no bundle jar"), refused.all());
    }
}
