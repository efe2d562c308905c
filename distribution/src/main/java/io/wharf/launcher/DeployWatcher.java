package io.wharf.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;

/**
 * Hot deploy: polls a directory for {@code *.jar} bundles and {@code *.json} features. A new jar is installed and
 * started; a changed jar updates its bundle; a removed jar uninstalls it. A jar whose symbolic name is already
 * installed (a driver from a feature, say) replaces that bundle in place, and removing the jar puts the feature's
 * own jar back. A feature file installs and starts the bundles it names from the distribution's {@code bundle/}
 * directory that are not installed yet; removing it uninstalls those again.
 * <p>
 * Polling rather than inotify keeps partial copies out: a jar is acted on only once its size and modification time
 * hold still between two scans (or it is older than the settle time). Copy with {@code mv} for an atomic swap.
 */
final class DeployWatcher implements AutoCloseable {
    private static final long SCAN_MILLIS = 1000;
    private static final long SETTLE_MILLIS = 2000;
    private static final long REFRESH_TIMEOUT_SECONDS = 30;

    private record Stamp(long size, long modified) {
    }

    private final BundleContext context;
    private final Path dir;
    private final Path bundleDir;
    private final Log log;
    private final ScheduledExecutorService scanner;
    /** What each deployed jar looked like when it was last acted on, and the bundle it became. */
    private final Map<Path, Stamp> applied = new HashMap<>();
    private final Map<Path, Long> bundleIds = new HashMap<>();
    /** What each jar looked like at the previous scan, to tell a finished copy from one in progress. */
    private final Map<Path, Stamp> lastSeen = new HashMap<>();
    /** The bundles each deployed feature file installed, in start order. */
    private final Map<Path, List<Long>> featureBundles = new HashMap<>();

    DeployWatcher(BundleContext context, Path dir, Path bundleDir, Log log) {
        this.context = context;
        this.dir = dir;
        this.bundleDir = bundleDir;
        this.log = log;
        this.scanner = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "deploy");
            t.setDaemon(true);
            return t;
        });
    }

    void start() {
        scanner.scheduleWithFixedDelay(this::scanQuietly, 0, SCAN_MILLIS, TimeUnit.MILLISECONDS);
        log.info("watching " + dir + " for bundles");
    }

    private void scanQuietly() {
        try {
            scan();
        } catch (IllegalStateException e) {
            // the framework is stopping: nothing left to deploy into
        } catch (Exception e) {
            log.error("scanning " + dir + " failed", e);
        }
    }

    /** One pass over the directory; package-private so a test may drive it without waiting for the timer. */
    void scan() throws IOException, InterruptedException {
        Map<Path, Stamp> now = new HashMap<>();
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> jars = Files.newDirectoryStream(dir, "*.{jar,json}")) {
                for (Path jar : jars) {
                    BasicFileAttributes a = Files.readAttributes(jar, BasicFileAttributes.class);
                    if (a.isRegularFile()) {
                        now.put(jar, new Stamp(a.size(), a.lastModifiedTime().toMillis()));
                    }
                }
            }
        }
        boolean changed = false;
        for (Map.Entry<Path, Stamp> e : now.entrySet()) {
            Path jar = e.getKey();
            Stamp stamp = e.getValue();
            boolean settled = stamp.equals(lastSeen.get(jar))
                    || System.currentTimeMillis() - stamp.modified() > SETTLE_MILLIS;
            if (settled && !stamp.equals(applied.get(jar))) {
                applied.put(jar, stamp);
                changed |= isFeature(jar) ? deployFeature(jar) : deploy(jar);
            }
        }
        Set<Path> gone = new HashSet<>(applied.keySet());
        gone.removeAll(now.keySet());
        for (Path jar : gone) {
            applied.remove(jar);
            changed |= isFeature(jar) ? undeployFeature(jar) : undeploy(jar);
        }
        lastSeen.clear();
        lastSeen.putAll(now);
        if (changed) {
            Bundles.refresh(context, REFRESH_TIMEOUT_SECONDS);
            retryStarts();
        }
    }

    /** A deployed bundle that could not start for want of another may start now that the set has changed. */
    private void retryStarts() {
        for (Long id : bundleIds.values()) {
            Bundle b = context.getBundle(id);
            if (b == null || Bundles.isFragment(b) || b.getState() == Bundle.ACTIVE) {
                continue;
            }
            try {
                b.start();
                log.info("started " + Bundles.describe(b));
            } catch (BundleException | RuntimeException e) {
                log.debug("still cannot start " + Bundles.describe(b) + ": " + e.getMessage());
            }
        }
    }

    private boolean deploy(Path jar) {
        try {
            String bsn = Bundles.symbolicName(jar);
            if (bsn == null) {
                log.warn(jar + " is not a bundle (no Bundle-SymbolicName); ignored");
                return false;
            }
            Long id = bundleIds.get(jar);
            Bundle bundle = id == null ? null : context.getBundle(id);
            if (bundle == null) {
                bundle = installedBySymbolicName(bsn);
            }
            if (bundle != null) {
                try (InputStream in = Files.newInputStream(jar)) {
                    bundle.update(in);
                }
                log.info("updated " + Bundles.describe(bundle) + " from " + jar);
            } else {
                try (InputStream in = Files.newInputStream(jar)) {
                    bundle = context.installBundle(jar.toUri().toString(), in);
                }
                log.info("installed " + Bundles.describe(bundle) + " from " + jar);
            }
            bundleIds.put(jar, bundle.getBundleId());
            if (!Bundles.isFragment(bundle) && bundle.getState() != Bundle.ACTIVE) {
                bundle.start();
                log.info("started " + Bundles.describe(bundle));
            }
            return true;
        } catch (BundleException | IOException | RuntimeException e) {
            log.error("deploying " + jar + " failed: " + e.getMessage(), e.getCause());
            return true;
        }
    }

    private static boolean isFeature(Path file) {
        return file.getFileName().toString().endsWith(".json");
    }

    private boolean deployFeature(Path file) {
        boolean changed = undeployFeature(file);
        Feature feature;
        try {
            feature = Feature.read(file);
        } catch (UsageException e) {
            log.error(e.getMessage(), null);
            return changed;
        }
        List<FeatureBundle> ordered = new ArrayList<>(feature.bundles());
        ordered.sort(Comparator.comparingInt(FeatureBundle::startOrder));
        List<Long> ids = new ArrayList<>();
        for (FeatureBundle fb : ordered) {
            String location = Bundles.REFERENCE + fb.jarIn(bundleDir).toUri();
            if (context.getBundle(location) != null) {
                continue;
            }
            try {
                ids.add(context.installBundle(location).getBundleId());
            } catch (BundleException | RuntimeException e) {
                log.error("feature " + feature.id() + ": bundle " + fb.id() + " could not be installed: "
                        + e.getMessage(), e.getCause());
            }
        }
        featureBundles.put(file, ids);
        int started = 0;
        for (Long id : ids) {
            Bundle b = context.getBundle(id);
            if (b == null || Bundles.isFragment(b)) {
                continue;
            }
            try {
                b.start();
                started++;
            } catch (BundleException | RuntimeException e) {
                log.error("feature " + feature.id() + ": " + Bundles.describe(b) + " failed to start: "
                        + e.getMessage(), e.getCause());
            }
        }
        log.info("feature " + feature.id() + " deployed from " + file + ": " + ids.size() + " bundles installed, "
                + started + " started");
        return true;
    }

    private boolean undeployFeature(Path file) {
        List<Long> ids = featureBundles.remove(file);
        if (ids == null) {
            return false;
        }
        for (int i = ids.size() - 1; i >= 0; i--) {
            Bundle b = context.getBundle(ids.get(i));
            if (b == null) {
                continue;
            }
            try {
                b.uninstall();
            } catch (BundleException | RuntimeException e) {
                log.error("uninstalling " + Bundles.describe(b) + " failed: " + e.getMessage(), e.getCause());
            }
        }
        log.info("feature from " + file + " removed: " + ids.size() + " bundles uninstalled");
        return true;
    }

    private boolean undeploy(Path jar) {
        Long id = bundleIds.remove(jar);
        Bundle bundle = id == null ? null : context.getBundle(id);
        if (bundle == null) {
            return false;
        }
        try {
            if (bundle.getLocation().equals(jar.toUri().toString())) {
                bundle.uninstall();
                log.info("uninstalled " + Bundles.describe(bundle) + " (" + jar + " removed)");
            } else {
                // the jar had replaced a bundle installed from a feature: put the feature's jar back
                String original = Bundles.readableLocation(bundle);
                try (InputStream in = new URL(original).openStream()) {
                    bundle.update(in);
                }
                log.info("restored " + Bundles.describe(bundle) + " from " + original);
            }
        } catch (BundleException | IOException | RuntimeException e) {
            log.error("undeploying " + jar + " failed: " + e.getMessage(), e.getCause());
        }
        return true;
    }

    private Bundle installedBySymbolicName(String bsn) {
        for (Bundle b : context.getBundles()) {
            if (b.getBundleId() != 0 && bsn.equals(b.getSymbolicName())) {
                return b;
            }
        }
        return null;
    }

    @Override
    public void close() {
        scanner.shutdownNow();
        try {
            scanner.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
