package io.wharf.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Hashtable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * Starts Felix with the bundles of the configured features: installs them all (so the first resolution sees every
 * bundle), then starts them in ascending start order. As soon as Configuration Admin is up, the engine configuration
 * is put, so bundles started after it find their configuration on activation. A bundle that fails to start is
 * reported and skipped; the daemon keeps running with the rest.
 */
final class EngineFramework {
    private final Log log;
    private final int threads;

    /** @param threads how many bundles of one start order may start at once */
    EngineFramework(Log log, int threads) {
        this.log = log;
        this.threads = Math.max(1, threads);
    }

    /** The outcome of start-up, for the summary line and for callers that want to check it. */
    record Started(Framework framework, int started, List<String> failed, ConfigurationPublisher configurations) {
    }

    Started start(Path cacheDir, List<Feature> features, Path bundleDir,
            Map<String, Hashtable<String, Object>> configuration)
            throws Exception {
        Files.createDirectories(cacheDir);
        Map<String, String> props = new HashMap<>();
        props.put(Constants.FRAMEWORK_STORAGE, cacheDir.toString());
        // every start installs the features afresh: nothing stale survives an upgrade of the distribution
        props.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).findFirst()
                .orElseThrow(() -> new IllegalStateException("no OSGi framework on the class path"));
        Framework framework = factory.newFramework(props);
        framework.init();
        log.debug("framework initialised");
        BundleContext context = framework.getBundleContext();

        List<String> failed = Collections.synchronizedList(new ArrayList<>());
        List<Installed> installed = install(context, features, bundleDir, failed);
        framework.start();
        log.debug("framework started with " + installed.size() + " bundles installed");

        ConfigurationPublisher publisher = new ConfigurationPublisher(context);
        boolean published = publisher.publishAll(configuration);
        int started = 0;
        // Bundles of one start order do not depend on each other's start, so they start side by side: the slow
        // activations (probes of the host, server start-up) overlap instead of queueing on one thread.
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> new Thread(r, "start"));
        try {
            int i = 0;
            while (i < installed.size()) {
                int order = installed.get(i).startOrder;
                List<Future<Boolean>> group = new ArrayList<>();
                for (; i < installed.size() && installed.get(i).startOrder == order; i++) {
                    Bundle bundle = installed.get(i).bundle;
                    if (!Bundles.isFragment(bundle)) {
                        group.add(pool.submit(() -> startOne(bundle, failed)));
                    }
                }
                for (Future<Boolean> f : group) {
                    if (f.get()) {
                        started++;
                    }
                }
                if (!published) {
                    published = publisher.publishAll(configuration);
                    if (published) {
                        log.debug("configurations published: " + String.join(", ", configuration.keySet()));
                    }
                }
            }
        } finally {
            pool.shutdown();
        }
        if (!published) {
            log.warn("no Configuration Admin among the installed bundles; bundles run with their defaults");
        }
        return new Started(framework, started, List.copyOf(failed), publisher);
    }

    private record Installed(Bundle bundle, int startOrder) {
    }

    private boolean startOne(Bundle bundle, List<String> failed) {
        long began = System.nanoTime();
        try {
            bundle.start();
            log.debug("started " + Bundles.describe(bundle) + " in " + (System.nanoTime() - began) / 1_000_000
                    + " ms");
            return true;
        } catch (BundleException | RuntimeException e) {
            failed.add(bundle.getSymbolicName());
            log.error("bundle " + Bundles.describe(bundle) + " failed to start: " + e.getMessage(), e.getCause());
            return false;
        }
    }

    private List<Installed> install(BundleContext context, List<Feature> features, Path bundleDir,
            List<String> failed) {
        List<FeatureBundle> all = new ArrayList<>();
        for (Feature f : features) {
            all.addAll(f.bundles());
        }
        // a stable sort: equal start orders keep the features' own order
        all.sort(Comparator.comparingInt(FeatureBundle::startOrder));
        List<Installed> installed = new ArrayList<>();
        for (FeatureBundle fb : all) {
            Path jar = fb.jarIn(bundleDir);
            if (!Files.isRegularFile(jar)) {
                failed.add(fb.artifactId());
                log.error("bundle " + fb.id() + " is missing: no " + jar, null);
                continue;
            }
            try {
                // by reference: Felix reads the jar where it lies instead of copying it into its cache first
                Bundle b = context.installBundle(Bundles.REFERENCE + jar.toUri());
                installed.add(new Installed(b, fb.startOrder()));
            } catch (BundleException e) {
                failed.add(fb.artifactId());
                log.error("bundle " + fb.id() + " could not be installed: " + e.getMessage(), e.getCause());
            }
        }
        return installed;
    }
}
