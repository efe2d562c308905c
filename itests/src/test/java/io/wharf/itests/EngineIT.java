package io.wharf.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

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
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * Boots Felix with the real bundles of the framework, engine and drivers features, configures the engine on a
 * private socket and data root, and checks wiring and hot swap of driver bundles.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class EngineIT {
    private static final long TIMEOUT_MS = 30_000;

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] config() throws IOException {
        Path root = Files.createTempDirectory("wharf-it");
        removeAtExit(root);
        List<Option> opts = new ArrayList<>();
        for (Features.Entry e : Features.read("framework", "engine", "drivers")) {
            // The engine's bundles start only after the test has put their configuration in place.
            Option b = e.isWharf() ? bundle(e.jar().toUri().toString()).noStart()
                    : bundle(e.jar().toUri().toString()).startLevel(1).start();
            opts.add(b);
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
        waitFor("the API answers /_ping", () -> ping() == 200, this::pingDetail);
    }

    private String pingDetail() {
        try {
            UnixHttp.Response r = UnixHttp.get(socket(), "/_ping");
            return r.status() + " " + r.body();
        } catch (IOException e) {
            return e.toString();
        }
    }

    // Pax Exam runs @AfterClass after each test method, so the directory goes when the JVM ends.
    private static void removeAtExit(Path root) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try (Stream<Path> s = Files.walk(root)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temp directory: best effort
            }
        }));
    }

    @Test
    public void everyEngineComponentIsActive() throws Exception {
        ServiceComponentRuntime scr = service(ServiceComponentRuntime.class);
        waitFor("every io.wharf component is satisfied", () -> problems(scr).isEmpty());
        assertEquals(List.of(), problems(scr));
        List<String> names = new ArrayList<>();
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs()) {
            names.add(d.name);
        }
        assertTrue(names.toString(), names.stream().anyMatch(n -> n.startsWith("io.wharf.daemon.")));
        assertTrue(names.toString(), names.stream().anyMatch(n -> n.startsWith("io.wharf.rest.")));
    }

    private static List<String> problems(ServiceComponentRuntime scr) {
        List<String> out = new ArrayList<>();
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs()) {
            if (!d.bundle.symbolicName.startsWith("io.wharf.") || d.factory != null) {
                continue;
            }
            for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
                if (c.state == ComponentConfigurationDTO.UNSATISFIED_REFERENCE
                        || c.state == ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION
                        || c.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
                    out.add(d.name + " state " + c.state + (c.failure == null ? "" : ": " + c.failure));
                }
            }
        }
        return out;
    }

    @Test
    public void serverSideAnswersOverTheSocket() throws Exception {
        UnixHttp.Response ping = UnixHttp.get(socket(), "/_ping");
        assertEquals("OK", ping.body());
        assertNotNull(ping.headers().get("api-version"));
        UnixHttp.Response version = UnixHttp.get(socket(), "/v1.47/version");
        assertEquals(200, version.status());
        assertTrue(version.body(), version.body().contains("\"ApiVersion\":\"1.47\""));
        UnixHttp.Response info = UnixHttp.get(socket(), "/info");
        assertEquals(200, info.status());
        assertTrue(info.body(), info.body().contains("\"DockerRootDir\":\"" + root().resolve("data") + "\""));
    }

    @Test
    public void logDriverBundleStoppedUpdatedAndReinstalledFollowsInInfo() throws Exception {
        Bundle driver = installed("io.wharf.log.jsonfile");
        waitFor("json-file listed", () -> logPlugins().contains("\"json-file\""));

        driver.stop();
        waitFor("json-file gone after stop", () -> !logPlugins().contains("\"json-file\""));
        assertEquals(200, ping());

        driver.start();
        waitFor("json-file back after start", () -> logPlugins().contains("\"json-file\""));

        driver.update();
        waitFor("json-file listed after update", () -> logPlugins().contains("\"json-file\""));
        assertEquals(200, ping());

        String location = driver.getLocation();
        driver.uninstall();
        waitFor("json-file gone after uninstall", () -> !logPlugins().contains("\"json-file\""));
        assertEquals(200, ping());

        Bundle again = context.installBundle(location);
        again.start();
        waitFor("json-file back after reinstall", () -> logPlugins().contains("\"json-file\""));
    }

    private String logPlugins() {
        try {
            String body = UnixHttp.get(socket(), "/info").body();
            int at = body.indexOf("\"Log\":");
            assertFalse(body, at < 0);
            return body.substring(at, body.indexOf(']', at) + 1);
        } catch (IOException e) {
            return "";
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

    private int ping() {
        try {
            return UnixHttp.get(socket(), "/_ping").status();
        } catch (IOException e) {
            return -1;
        }
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
        waitFor(what, condition, () -> "");
    }

    private static void waitFor(String what, BooleanSupplier condition, java.util.function.Supplier<String> detail)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("timed out waiting until " + what + " " + detail.get());
    }
}
