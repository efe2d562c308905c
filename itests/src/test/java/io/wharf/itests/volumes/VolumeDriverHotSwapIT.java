package io.wharf.itests.volumes;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import io.wharf.itests.Features;
import io.wharf.itests.UnixHttp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Hashtable;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import javax.inject.Inject;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The local volume driver bundle stopped and started under a running engine: its volumes stay listed and
 * inspectable from the engine's records meanwhile, calls that need the driver fail naming it, and everything
 * works again once it is back.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class VolumeDriverHotSwapIT {
    private static final long TIMEOUT_MS = 30_000;

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] config() throws IOException {
        Path root = Files.createTempDirectory("wharf-volume-it");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try (Stream<Path> s = Files.walk(root)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temp directory: best effort
            }
        }));
        List<Option> opts = new ArrayList<>();
        for (Features.Entry e : Features.read("framework", "engine", "drivers")) {
            opts.add(e.isWharf() ? bundle(e.jar().toUri().toString()).noStart()
                    : bundle(e.jar().toUri().toString()).startLevel(1).start());
        }
        opts.add(junitBundles());
        opts.add(systemProperty("wharf.it.root").value(root.toString()));
        opts.add(systemProperty("org.eclipse.jetty.LEVEL").value("WARN"));
        return options(opts.toArray(new Option[0]));
    }

    private static Path root() {
        return Path.of(System.getProperty("wharf.it.root"));
    }

    private static Path socket() {
        return root().resolve("wharf.sock");
    }

    @Before
    public void startEngine() throws Exception {
        ConfigurationAdmin cm = service(ConfigurationAdmin.class);
        org.osgi.service.cm.Configuration c = cm.getConfiguration("io.wharf", "?");
        if (c.getProperties() == null) {
            Hashtable<String, Object> props = new Hashtable<>();
            props.put("data.root", root().resolve("data").toString());
            props.put("exec.root", root().resolve("run").toString());
            props.put("hosts", new String[] {"unix://" + socket()});
            props.put("volume.plugin.dirs", new String[] {root().resolve("plugins").toString()});
            c.update(props);
        }
        List<Bundle> wharf = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            if (b.getSymbolicName() != null && b.getSymbolicName().startsWith("io.wharf.")
                    && b.getState() != Bundle.ACTIVE) {
                wharf.add(b);
            }
        }
        wharf.sort(Comparator.comparing(b -> b.getSymbolicName().equals("io.wharf.rest")));
        for (Bundle b : wharf) {
            b.start();
        }
        waitFor("the API answers /_ping", () -> status("GET", "/_ping", null) == 200);
    }

    @Test
    public void volumesOutliveTheirDriverBundleBeingStoppedAndStarted() throws Exception {
        Bundle local = installed("io.wharf.volume.local");
        waitFor("the volume service creates with the local driver", () -> status("POST", "/volumes/create",
                "{\"Name\":\"hot\",\"Labels\":{\"keep\":\"yes\"}}") == 201);

        local.stop();
        waitFor("the local driver is gone", () -> status("POST", "/volumes/create", "{\"Name\":\"cold\"}") == 404);
        UnixHttp.Response refused = UnixHttp.request(socket(), "POST", "/volumes/create", "{\"Name\":\"cold\"}");
        assertTrue(refused.body(), refused.body().contains("error looking up volume plugin local: plugin \\\"local\\\" not found"));

        UnixHttp.Response list = UnixHttp.get(socket(), "/volumes");
        assertEquals(200, list.status());
        assertTrue(list.body(), list.body().contains("\"Name\":\"hot\""));
        UnixHttp.Response inspect = UnixHttp.get(socket(), "/volumes/hot");
        assertEquals(inspect.body(), 200, inspect.status());
        assertTrue(inspect.body(), inspect.body().contains("\"Driver\":\"local\""));
        assertTrue(inspect.body(), inspect.body().contains("\"keep\":\"yes\""));
        assertTrue(inspect.body(), inspect.body().contains(root().resolve("data/volumes/hot/_data").toString()));
        assertEquals(404, status("DELETE", "/volumes/hot", null));
        assertTrue(Files.isDirectory(root().resolve("data/volumes/hot/_data")));

        local.start();
        waitFor("the local driver is back", () -> status("POST", "/volumes/create", "{\"Name\":\"warm\"}") == 201);
        assertEquals(204, status("DELETE", "/volumes/hot", null));
        assertEquals(204, status("DELETE", "/volumes/warm", null));
        assertEquals(404, status("GET", "/volumes/hot", null));
    }

    private static int status(String method, String path, String body) {
        try {
            return UnixHttp.request(socket(), method, path, body).status();
        } catch (IOException e) {
            return -1;
        }
    }

    private Bundle installed(String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("bundle " + symbolicName + " is not installed");
    }

    private <T> T service(Class<T> type) throws InterruptedException {
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline) {
            ServiceReference<T> ref = context.getServiceReference(type);
            if (ref != null) {
                return context.getService(ref);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no " + type.getName() + " service");
    }

    private static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("timed out waiting until " + what);
    }
}
