package io.wharf.itests.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wharf.itests.BusyboxImage;
import io.wharf.itests.RegistryServer;
import io.wharf.itests.WharfDaemon;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The image commands of the real docker CLI against the built daemon and real registries, run once per
 * storage driver by the subclasses.
 */
abstract class ImagesCliContract {
    static final ObjectMapper JSON = new ObjectMapper();
    static WharfDaemon daemon;
    static RegistryServer registry;
    static RegistryServer secured;
    static String busyboxId;

    static void startAll(String... daemonArgs) throws Exception {
        assumeTrue(Files.isExecutable(WharfDaemon.DOCKER), "the docker CLI is not installed");
        assumeTrue(RegistryServer.available(), "docker-registry is not installed");
        daemon = WharfDaemon.start(daemonArgs);
        registry = RegistryServer.start(null, null);
        secured = RegistryServer.start("alice", "s3cret-pass");
        busyboxId = BusyboxImage.load(daemon, "busybox:latest");
    }

    @AfterAll
    static void stopAll() throws Exception {
        try {
            if (daemon != null) {
                daemon.close();
            }
        } finally {
            if (registry != null) {
                registry.close();
            }
            if (secured != null) {
                secured.close();
            }
        }
    }

    WharfDaemon.Result ok(String... args) throws Exception {
        WharfDaemon.Result r = daemon.docker(args);
        assertEquals(0, r.exitCode(), "docker " + String.join(" ", args) + "\n" + r.all() + "\n" + daemon.log());
        return r;
    }

    WharfDaemon.Result fails(String... args) throws Exception {
        WharfDaemon.Result r = daemon.docker(args);
        assertNotEquals(0, r.exitCode(), "docker " + String.join(" ", args) + " should fail\n" + r.all());
        return r;
    }

    @Test
    void loadedBusyboxIsListedInspectedAndHasHistory() throws Exception {
        WharfDaemon.Result images = ok("images", "--format", "{{.Repository}}:{{.Tag}} {{.ID}}");
        assertTrue(images.stdout().contains("busybox:latest " + busyboxId.substring(7, 19)), images.all());
        JsonNode inspect = JSON.readTree(ok("inspect", "busybox").stdout()).get(0);
        assertEquals(busyboxId, inspect.get("Id").asText());
        assertTrue(inspect.get("Config").get("Env").get(0).asText().startsWith("PATH="), inspect.toString());
        assertEquals("sh", inspect.get("Config").get("Cmd").get(0).asText());
        assertEquals(1, inspect.get("RootFS").get("Layers").size());
        assertEquals(storageDriver(), inspect.get("GraphDriver").get("Name").asText());
        assertTrue(Integer.parseInt(ok("info", "--format", "{{.Images}}").stdout().trim()) >= 1);
        WharfDaemon.Result history = ok("history", "--no-trunc", "busybox");
        assertTrue(history.stdout().contains("wharf test busybox"), history.all());
        assertTrue(history.stdout().contains(busyboxId), history.all());
    }

    abstract String storageDriver();

    @Test
    void tagPushRemovePullThroughALocalRegistry() throws Exception {
        String name = registry.host() + "/busybox";
        ok("tag", "busybox", name);
        WharfDaemon.Result push = ok("push", name);
        // other tests may have pushed busybox's layer to other repositories of this registry before
        assertTrue(push.stdout().contains("Pushed") || push.stdout().contains("Mounted from"), push.all());
        assertTrue(push.stdout().contains("latest: digest: sha256:"), push.all());
        WharfDaemon.Result again = ok("push", name);
        assertTrue(again.stdout().contains("Layer already exists"), again.all());
        ok("tag", "busybox", registry.host() + "/copies/busybox:v1");
        WharfDaemon.Result mounted = ok("push", registry.host() + "/copies/busybox:v1");
        assertTrue(mounted.stdout().contains("Mounted from "), mounted.all());

        ok("rmi", name, registry.host() + "/copies/busybox:v1");
        WharfDaemon.Result pull = ok("pull", name);
        assertTrue(pull.stdout().contains("Status: Image is up to date for " + name + ":latest")
                || pull.stdout().contains("Status: Downloaded newer image for " + name + ":latest"), pull.all());
        JsonNode inspect = JSON.readTree(ok("inspect", name).stdout()).get(0);
        assertEquals(busyboxId, inspect.get("Id").asText());
        assertTrue(inspect.get("RepoDigests").toString().contains("\"" + name + "@sha256:"), inspect.toString());

        // a second daemon-side copy removed completely, then pulled from scratch
        ok("rmi", "-f", name);
        String fresh = registry.host() + "/fresh";
        ok("tag", "busybox", fresh);
        ok("push", fresh);
        ok("rmi", fresh);
        WharfDaemon.Result inspectAfter = daemon.docker("inspect", fresh);
        assertNotEquals(0, inspectAfter.exitCode());
    }

    @Test
    void pullFromScratchDownloadsAndExtracts() throws Exception {
        String name = registry.host() + "/scratchpull:1";
        Path archive = daemon.dir().resolve("other.tar");
        Path work = Files.createDirectories(daemon.dir().resolve("other"));
        Path layer = work.resolve("layer.tar");
        Path content = Files.createDirectories(work.resolve("tree"));
        Files.writeString(content.resolve("hello.txt"), "a file only this image has\n");
        new ProcessBuilder("tar", "-C", content.toString(), "-cf", layer.toString(), ".").start().waitFor();
        String id = BusyboxImage.archiveOf(work, layer, name, archive);
        ok("load", "-i", archive.toString());
        WharfDaemon.Result push = ok("push", name);
        assertTrue(push.stdout().contains("Pushed"), push.all());
        ok("rmi", name);
        assertNotEquals(0, daemon.docker("inspect", id).exitCode());
        WharfDaemon.Result pull = ok("pull", name);
        assertTrue(pull.stdout().contains("Pull complete"), pull.all());
        assertTrue(pull.stdout().contains("Status: Downloaded newer image for " + name), pull.all());
        assertEquals(id, JSON.readTree(ok("inspect", name).stdout()).get(0).get("Id").asText());
        ok("rmi", name);
    }

    @Test
    void saveThenLoadRoundTripsTheSameImage() throws Exception {
        ok("tag", "busybox", "roundtrip:1");
        Path tar = daemon.dir().resolve("roundtrip.tar");
        ok("save", "-o", tar.toString(), "roundtrip:1");
        ok("rmi", "roundtrip:1");
        WharfDaemon.Result load = ok("load", "-i", tar.toString());
        assertTrue(load.stdout().contains("Loaded image: roundtrip:1"), load.all());
        assertEquals(busyboxId, JSON.readTree(ok("inspect", "roundtrip:1").stdout()).get(0).get("Id").asText());
        ok("rmi", "roundtrip:1");
    }

    @Test
    void importAppliesChangesAndPruneRemovesDanglingImages() throws Exception {
        Path tar = BusyboxImage.rootfsTar(daemon.dir(), daemon.dir().resolve("import.tar"));
        WharfDaemon.Result imp = ok("import", "-c", "CMD [\"/bin/echo\", \"hi\"]", "-c", "ENV A=b", "-c",
                "LABEL purpose=test", "-c", "WORKDIR /tmp", tar.toString(), "imported:v2");
        String id = imp.stdout().trim();
        JsonNode inspect = JSON.readTree(ok("inspect", "imported:v2").stdout()).get(0);
        assertEquals(id, inspect.get("Id").asText());
        assertEquals("/bin/echo", inspect.get("Config").get("Cmd").get(0).asText());
        assertEquals("test", inspect.get("Config").get("Labels").get("purpose").asText());
        assertEquals("/tmp", inspect.get("Config").get("WorkingDir").asText());

        String dangling = ok("import", "-c", "CMD [\"dangling\"]", tar.toString()).stdout().trim();
        assertTrue(ok("images", "-q", "--no-trunc", "--filter", "dangling=true").stdout().contains(dangling));
        WharfDaemon.Result prune = ok("image", "prune", "-f");
        assertTrue(prune.stdout().contains(dangling), prune.all());
        assertNotEquals(0, daemon.docker("inspect", dangling).exitCode());
        ok("inspect", "imported:v2");
        ok("rmi", "imported:v2");
    }

    @Test
    void loginPushAndLogoutWithAnHtpasswdRegistry() throws Exception {
        WharfDaemon.Result wrong = fails("login", "-u", "alice", "-p", "wrong", secured.host());
        assertTrue(wrong.stderr().toLowerCase().contains("unauthorized"), wrong.all());
        String name = secured.host() + "/private/busybox:1";
        ok("tag", "busybox", name);
        fails("push", name);
        WharfDaemon.Result login = ok("login", "-u", "alice", "-p", "s3cret-pass", secured.host());
        assertTrue(login.stdout().contains("Login Succeeded"), login.all());
        ok("push", name);
        ok("rmi", name);
        ok("pull", name);
        ok("logout", secured.host());
        ok("rmi", name);
        fails("pull", name);
    }

    @Test
    void unknownAndInvalidNamesAreDockerdsErrors() throws Exception {
        WharfDaemon.Result missing = fails("inspect", "--type", "image", "no-such-image:1");
        assertTrue(missing.stderr().contains("No such image: no-such-image:1"), missing.all());
        WharfDaemon.Result rmi = fails("rmi", "no-such-image:1");
        assertTrue(rmi.stderr().contains("No such image: no-such-image:1"), rmi.all());
        WharfDaemon.Result bad = fails("tag", "busybox", "Bad/Name");
        assertTrue(bad.stderr().contains("invalid reference format"), bad.all());
    }

    @Test
    void hostileLayerIsRefusedAndNothingIsStored() throws Exception {
        Path work = Files.createDirectories(daemon.dir().resolve("hostile"));
        Path layer = work.resolve("layer.tar");
        Path content = Files.createDirectories(work.resolve("tree"));
        Files.writeString(content.resolve("escape"), "out of the layer\n");
        // GNU tar keeps ".." in member names with -P; the daemon must refuse the entry
        BusyboxImageTar.writeEscaping(content, layer);
        Path archive = work.resolve("hostile.tar");
        String id = BusyboxImage.archiveOf(work, layer, "hostile:1", archive);
        long layersBefore = count(daemon.dir().resolve("data/image/layers/sha256"));
        WharfDaemon.Result load = fails("load", "-i", archive.toString());
        assertTrue(load.all().contains("escape") || load.all().contains("outside"), load.all());
        assertNotEquals(0, daemon.docker("inspect", id).exitCode());
        assertFalse(ok("images", "--format", "{{.Repository}}").stdout().contains("hostile"));
        assertEquals(layersBefore, count(daemon.dir().resolve("data/image/layers/sha256")));
        assertFalse(Files.exists(daemon.dir().resolve("data/escape")));
        assertFalse(Files.exists(daemon.dir().resolve("data/storage/escape")));
    }

    @Test
    void concurrentPullsOfOneImageBothSucceed() throws Exception {
        String name = registry.host() + "/together:1";
        ok("tag", "busybox", name);
        ok("push", name);
        ok("rmi", name);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var a = pool.submit(() -> daemon.docker("pull", name));
            var b = pool.submit(() -> daemon.docker("pull", name));
            WharfDaemon.Result ra = a.get(120, java.util.concurrent.TimeUnit.SECONDS);
            WharfDaemon.Result rb = b.get(120, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(0, ra.exitCode(), ra.all());
            assertEquals(0, rb.exitCode(), rb.all());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(busyboxId, JSON.readTree(ok("inspect", name).stdout()).get(0).get("Id").asText());
        ok("rmi", name);
    }

    @Test
    void pullOfAnUnknownRepositoryFailsAndDistributionDescribesAKnownOne() throws Exception {
        WharfDaemon.Result r = fails("pull", registry.host() + "/nothing-here:1");
        assertTrue(r.stderr().contains("not found") || r.stderr().contains("unknown"), r.all());
        String name = registry.host() + "/described:1";
        ok("tag", "busybox", name);
        ok("push", name);
        io.wharf.itests.UnixHttp.Response d = io.wharf.itests.UnixHttp.get(daemon.socket(),
                "/distribution/" + name + "/json");
        assertEquals(200, d.status(), d.body());
        JsonNode body = JSON.readTree(d.body());
        assertTrue(body.get("Descriptor").get("digest").asText().startsWith("sha256:"), d.body());
        assertEquals("amd64", body.get("Platforms").get(0).get("architecture").asText(), d.body());
        ok("rmi", name);
    }

    @Test
    void blobWithTheWrongContentFailsThePullAndNothingIsStored() throws Exception {
        // a registry of its own: every layer blob in it gets damaged
        try (RegistryServer own = RegistryServer.start(null, null)) {
            pullDamaged(own);
        }
    }

    private void pullDamaged(RegistryServer registry) throws Exception {
        String name = registry.host() + "/corrupt:1";
        Path work = Files.createDirectories(daemon.dir().resolve("corrupt"));
        Path tree = Files.createDirectories(work.resolve("tree"));
        Files.writeString(tree.resolve("payload.txt"), "x".repeat(4096));
        Path layer = work.resolve("layer.tar");
        new ProcessBuilder("tar", "-C", tree.toString(), "-cf", layer.toString(), ".").start().waitFor();
        String id = BusyboxImage.archiveOf(work, layer, name, work.resolve("image.tar"));
        ok("load", "-i", work.resolve("image.tar").toString());
        ok("push", name);
        ok("rmi", name);
        // flip bytes of every stored layer blob of that repository's image (same size, other digest)
        int flipped = 0;
        try (Stream<Path> s = Files.walk(registry.storage().resolve("docker/registry/v2/blobs"))) {
            for (Path data : s.filter(p -> p.getFileName().toString().equals("data")).toList()) {
                byte[] b = Files.readAllBytes(data);
                if (b.length > 2 && (b[0] & 0xff) == 0x1f && (b[1] & 0xff) == 0x8b) {
                    for (int i = b.length / 2; i < b.length / 2 + 8 && i < b.length - 8; i++) {
                        b[i] ^= 0x5a;
                    }
                    Files.write(data, b);
                    flipped++;
                }
            }
        }
        assertTrue(flipped > 0, "no layer blob found in the registry's storage");
        long layersBefore = count(daemon.dir().resolve("data/image/layers/sha256"));
        WharfDaemon.Result pull = fails("pull", name);
        assertTrue(pull.all().contains("verification failed") || pull.all().contains("digest"), pull.all());
        assertNotEquals(0, daemon.docker("inspect", id).exitCode());
        assertEquals(layersBefore, count(daemon.dir().resolve("data/image/layers/sha256")));
        assertEquals(0, count(daemon.dir().resolve("data/image/tmp")));
    }

    static long count(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> !p.getFileName().toString().startsWith(".")).count();
        }
    }
}
