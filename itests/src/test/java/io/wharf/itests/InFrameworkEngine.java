package io.wharf.itests;

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
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.inject.Inject;
import org.junit.Before;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Boots Felix with the real bundles of the framework, engine and drivers features (the lists the distribution
 * uses), puts the engine's configuration on a private socket and data root in place, then starts the engine's
 * bundles. In-framework tests extend it and run with {@code @RunWith(PaxExam.class)}.
 */
public abstract class InFrameworkEngine {
    protected static final long TIMEOUT_MS = 30_000;

    @Inject
    protected BundleContext context;

    @Configuration
    public Option[] config() throws IOException {
        Path root = Files.createTempDirectory("wharf-it");
        // Pax Exam runs @AfterClass after each test method, so the directory goes when the JVM ends.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            DaemonBridge.cleanUp(root);
            try (Stream<Path> s = Files.walk(root)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temp directory: best effort
            }
        }));
        List<Option> opts = new ArrayList<>();
        for (Features.Entry e : Features.read("framework", "engine", "drivers")) {
            // The engine's bundles start only after the test has put their configuration in place.
            opts.add(e.isWharf() ? bundle(e.jar().toUri().toString()).noStart()
                    : bundle(e.jar().toUri().toString()).startLevel(1).start());
        }
        opts.add(junitBundles());
        opts.add(systemProperty("wharf.it.root").value(root.toString()));
        opts.add(systemProperty("org.eclipse.jetty.LEVEL").value("WARN"));
        return options(opts.toArray(new Option[0]));
    }

    protected static Path root() {
        return Path.of(System.getProperty("wharf.it.root"));
    }

    protected static Path socket() {
        return root().resolve("wharf.sock");
    }

    /** More engine configuration for a test class; the data root, exec root and socket are set already. */
    protected void configure(Hashtable<String, Object> props) {
    }

    @Before
    public void startEngine() throws Exception {
        ConfigurationAdmin cm = service(ConfigurationAdmin.class);
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("data.root", root().resolve("data").toString());
        props.put("exec.root", root().resolve("run").toString());
        props.put("hosts", new String[] {"unix://" + socket()});
        // a default bridge and subnet of its own, as end-to-end daemons have, removed when the JVM ends
        List<String> bridge = DaemonBridge.args(root());
        props.put("bridge", bridge.get(1));
        props.put("bip", bridge.get(3));
        configure(props);
        // every component reads a PID of its own; each gets the whole set, and reads only its keys
        for (String pid : ComponentPids.of(context.getBundles())) {
            org.osgi.service.cm.Configuration c = cm.getConfiguration(pid, "?");
            if (c.getProperties() == null) {
                c.update(props);
            }
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
        waitFor("the API answers /_ping", () -> status("GET", "/_ping", null) == 200, this::pingDetail);
    }

    private String pingDetail() {
        try {
            UnixHttp.Response r = UnixHttp.get(socket(), "/_ping");
            return r.status() + " " + r.body();
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** The status of one request, or -1 when the socket does not answer. */
    protected static int status(String method, String path, String body) {
        try {
            return UnixHttp.request(socket(), method, path, body).status();
        } catch (IOException e) {
            return -1;
        }
    }

    /** The real docker CLI's answer: its exit code and its output (stdout and stderr together). */
    protected record CliResult(int exitCode, String out) {
    }

    /** Runs the real docker CLI against this engine, with a bounded wait. */
    protected static CliResult docker(String... args) throws IOException, InterruptedException {
        java.util.List<String> cmd = new java.util.ArrayList<>();
        cmd.add(WharfDaemon.DOCKER.toString());
        cmd.addAll(java.util.List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("DOCKER_HOST", "unix://" + socket());
        pb.environment().put("DOCKER_CONFIG", root().resolve("docker-config").toString());
        pb.environment().remove("DOCKER_CONTEXT");
        Path out = java.nio.file.Files.createTempFile(root(), "out", ".txt");
        pb.redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = pb.start();
        if (!p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("docker " + String.join(" ", args) + " did not finish within 120 s");
        }
        CliResult r = new CliResult(p.exitValue(), java.nio.file.Files.readString(out));
        java.nio.file.Files.deleteIfExists(out);
        return r;
    }

    /** Builds the test busybox image and loads it into this engine through the CLI, as busybox:latest. */
    protected static void loadBusybox() throws IOException, InterruptedException {
        Path archive = root().resolve("busybox.tar");
        BusyboxImage.saveArchive(root(), "busybox:latest", archive);
        ok("load", "-i", archive.toString());
    }

    /** {@link #docker} that must succeed; returns its output. */
    protected static String ok(String... args) throws IOException, InterruptedException {
        CliResult r = docker(args);
        org.junit.Assert.assertEquals(String.join(" ", args) + "\n" + r.out(), 0, r.exitCode());
        return r.out();
    }

    protected Bundle installed(String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("bundle " + symbolicName + " is not installed");
    }

    protected <T> T service(Class<T> type) throws InterruptedException {
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

    protected static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
        waitFor(what, condition, () -> "");
    }

    protected static void waitFor(String what, BooleanSupplier condition, Supplier<String> detail)
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
