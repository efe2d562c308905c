package io.wharf.volume.plugin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.wharf.api.volume.VolumeDriver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class VolumePluginWatcherTest {
    @TempDir
    Path dir;
    final Map<String, VolumeDriver> registered = new ConcurrentHashMap<>();
    final DriverRegistrar registrar = (name, driver) -> {
        registered.put(name, driver);
        return () -> registered.remove(name, driver);
    };
    VolumePluginWatcher watcher;
    TestPluginServer a;
    TestPluginServer b;

    @AfterEach
    void stop() throws Exception {
        if (watcher != null) {
            watcher.deactivate();
        }
        for (TestPluginServer s : new TestPluginServer[] {a, b}) {
            if (s != null) {
                s.close();
            }
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void discoveryFindsSocketsNestedSocketsAndSpecFiles() throws Exception {
        Path run = dir.resolve("run");
        Path etc = Files.createDirectories(dir.resolve("etc"));
        a = new TestPluginServer(run.resolve("alpha.sock"), dir.resolve("a"), false);
        b = new TestPluginServer(run.resolve("beta/beta.sock"), dir.resolve("b"), false);
        Files.writeString(etc.resolve("gamma.spec"), "unix://" + a.socket() + "\n");
        Files.writeString(etc.resolve("delta.json"), "{\"Name\":\"delta\",\"Addr\":\"unix://" + b.socket() + "\"}");
        Files.writeString(etc.resolve("remote.spec"), "tcp://127.0.0.1:1\n");
        Files.writeString(etc.resolve("alpha.spec"), "unix:///nowhere.sock\n"); // shadowed by the earlier directory
        Files.writeString(run.resolve("notasocket.sock"), "plain file");

        Map<String, Path> found = new PluginDiscovery(List.of(run, etc, dir.resolve("absent")), new ObjectMapper()).scan();
        assertEquals(Map.of("alpha", a.socket(), "beta", b.socket(), "gamma", a.socket(), "delta", b.socket()), found);
    }

    @Test
    void pluginsAreRegisteredAsTheirSocketsAppearAndWithdrawnWhenTheyGo() throws Exception {
        Path run = dir.resolve("plugins"); // created only after the watcher starts
        watcher = new VolumePluginWatcher(registrar, List.of(run));
        assertEquals(Set.of(), registered.keySet());

        a = new TestPluginServer(run.resolve("alpha.sock"), dir.resolve("a"), false);
        await("alpha is registered", () -> registered.containsKey("alpha"));
        registered.get("alpha").create("from-engine", Map.of(), Map.of());
        assertTrue(a.volumes.containsKey("from-engine"));

        b = new TestPluginServer(run.resolve("beta/beta.sock"), dir.resolve("b"), false);
        await("beta is registered", () -> registered.containsKey("beta"));

        a.close();
        a = null;
        await("alpha is withdrawn", () -> !registered.containsKey("alpha"));
        assertEquals(Set.of("beta"), registered.keySet());
    }

    @Test
    void aPluginNamedLikeTheLocalDriverIsIgnored() throws Exception {
        Path run = dir.resolve("plugins");
        a = new TestPluginServer(run.resolve("local.sock"), dir.resolve("a"), false);
        b = new TestPluginServer(run.resolve("other.sock"), dir.resolve("b"), false);
        watcher = new VolumePluginWatcher(registrar, List.of(run));
        assertEquals(Set.of("other"), registered.keySet());
    }

    @Test
    void withdrawingEverythingOnDeactivation() throws Exception {
        Path run = dir.resolve("plugins");
        a = new TestPluginServer(run.resolve("alpha.sock"), dir.resolve("a"), false);
        watcher = new VolumePluginWatcher(registrar, List.of(run));
        assertEquals(Set.of("alpha"), watcher.registered());
        watcher.deactivate();
        watcher = null;
        assertEquals(Set.of(), registered.keySet());
    }
}
