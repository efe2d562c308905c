package io.wharf.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;

/**
 * {@code wharfd}: reads the command line and daemon.json, takes the data root, writes the pid file and runs the
 * engine in Felix until SIGTERM/SIGINT (or the framework stopping by itself), then shuts down cleanly.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        System.exit(code);
    }

    /** Runs the daemon; returns the exit code. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cmd;
        try {
            cmd = CommandLine.parse(args);
        } catch (UsageException e) {
            err.println(e.getMessage());
            return 1;
        }
        if (cmd.help()) {
            out.print(CommandLine.usage());
            return 0;
        }
        if (cmd.version()) {
            out.println(versionLine());
            return 0;
        }
        DaemonConfig config;
        try {
            config = DaemonConfig.load(cmd);
        } catch (UsageException e) {
            err.println("wharfd: " + e.getMessage());
            return 1;
        }
        Log log = new Log(err, config.debug());
        LogLevels.apply(config.logLevel(), System.getProperties());
        try {
            return runDaemon(cmd, config, log);
        } catch (UsageException e) {
            err.println("wharfd: " + e.getMessage());
            return 1;
        } catch (Exception e) {
            log.error("start-up failed: " + e, e);
            return 1;
        }
    }

    private static int runDaemon(CommandLine cmd, DaemonConfig config, Log log) throws Exception {
        long began = System.nanoTime();
        long pid = ProcessHandle.current().pid();
        DataRootLock lock = DataRootLock.acquire(config.dataRoot(), pid);
        Path home;
        List<Feature> features = new ArrayList<>();
        PidFile pidFile;
        try {
            DataRootCheck.check(config.dataRoot(), config.storageDriver());
            home = home();
            for (String name : config.features()) {
                features.add(Feature.read(Feature.locate(name, home.resolve("features"))));
            }
            Files.createDirectories(config.execRoot());
            pidFile = PidFile.write(config.pidFile(), pid);
        } catch (Exception e) {
            lock.close();
            throw e;
        }
        log.info("starting Wharf " + version() + " (pid " + pid + ", data root " + config.dataRoot()
                + ", exec root " + config.execRoot() + ")");
        List<String> unused = ConfigurationTable.unused(config.values());
        if (!unused.isEmpty()) {
            log.warn("these settings of dockerd have no effect in Wharf: " + String.join(", ", unused));
        }
        Shutdown shutdown = new Shutdown(log, lock, pidFile);
        Runtime.getRuntime().addShutdownHook(new Thread(shutdown::fromSignal, "shutdown"));

        EngineFramework.Started started;
        try {
            started = new EngineFramework(log, Integer.getInteger("wharf.start.threads", 1)).start(config.execRoot().resolve("felix-cache"), features,
                    home.resolve("bundle"), config.configurations());
        } catch (Exception e) {
            shutdown.release();
            throw e;
        }
        shutdown.framework(started.framework());
        ConfigurationReload reload = new ConfigurationReload(cmd, config, started.configurations(), log);
        shutdown.reload(reload);
        ReloadSignal.install(reload::reload, log);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
        if (started.failed().isEmpty()) {
            log.info("started " + started.started() + " bundles in " + millis + " ms");
        } else {
            log.warn("started " + started.started() + " bundles in " + millis + " ms; not running: "
                    + String.join(", ", started.failed()));
        }

        Path deployDir = config.bundleDir() != null ? Path.of(config.bundleDir()) : home.resolve("deploy");
        DeployWatcher watcher = new DeployWatcher(started.framework().getBundleContext(), deployDir,
                home.resolve("bundle"), log);
        shutdown.watcher(watcher);
        watcher.start();

        FrameworkEvent event = started.framework().waitForStop(0);
        if (shutdown.bySignal()) {
            // the shutdown hook owns the rest; System.exit here would block behind it
            return 0;
        }
        log.info("framework stopped (" + event.getType() + "); exiting");
        shutdown.release();
        return 0;
    }

    /** The installation directory: {@code -Dwharf.home}, or the parent of the directory holding this jar. */
    static Path home() throws URISyntaxException {
        String configured = System.getProperty("wharf.home");
        if (configured != null && !configured.isEmpty()) {
            return Path.of(configured).toAbsolutePath();
        }
        Path jar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return jar.getParent().getParent();
    }

    static String version() {
        return buildInfo().getProperty("version", "unknown");
    }

    static String versionLine() {
        Properties p = buildInfo();
        return "Wharf version " + p.getProperty("version", "unknown") + ", build " + p.getProperty("build", "unknown");
    }

    private static Properties buildInfo() {
        Properties p = new Properties();
        try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // version unknown: only the --version line suffers
        }
        return p;
    }

    /** Stops everything once, whether a signal or the framework itself ends the daemon. */
    private static final class Shutdown {
        private final Log log;
        private final DataRootLock lock;
        private final PidFile pidFile;
        private Framework framework;
        private DeployWatcher watcher;
        private ConfigurationReload reload;
        private boolean bySignal;
        private boolean released;

        Shutdown(Log log, DataRootLock lock, PidFile pidFile) {
            this.log = log;
            this.lock = lock;
            this.pidFile = pidFile;
        }

        synchronized void framework(Framework f) {
            this.framework = f;
        }

        synchronized void reload(ConfigurationReload r) {
            this.reload = r;
        }

        synchronized void watcher(DeployWatcher w) {
            this.watcher = w;
        }

        synchronized boolean bySignal() {
            return bySignal;
        }

        void fromSignal() {
            synchronized (this) {
                if (released) {
                    return;
                }
                bySignal = true;
            }
            log.info("stopping on signal");
            release();
            // a clean stop exits 0, as dockerd's does; left alone the JVM would report 128+signal
            Runtime.getRuntime().halt(0);
        }

        synchronized void release() {
            if (released) {
                return;
            }
            released = true;
            long began = System.nanoTime();
            if (watcher != null) {
                watcher.close();
            }
            if (framework != null) {
                // daemon.json's shutdown-timeout, as the last reload left it
                long timeout = reload == null ? 20 : reload.current().shutdownTimeoutSeconds();
                try {
                    framework.stop();
                    FrameworkEvent e = framework.waitForStop(TimeUnit.SECONDS.toMillis(Math.max(1, timeout)));
                    if (e.getType() == FrameworkEvent.WAIT_TIMEDOUT) {
                        log.warn("the framework did not stop within " + timeout + " s; leaving anyway");
                    }
                } catch (Exception e) {
                    log.error("stopping the framework failed", e);
                }
            }
            pidFile.remove();
            try {
                lock.close();
            } catch (IOException e) {
                log.error("releasing the data root lock failed", e);
            }
            log.info("stopped in " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began) + " ms");
        }
    }
}
