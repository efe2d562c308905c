package io.wharf.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

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

    EngineFramework(Log log) {
        this.log = log;
    }

    /** The outcome of start-up, for the summary line and for callers that want to check it. */
    record Started(Framework framework, int started, List<String> failed) {
    }

    Started start(Path cacheDir, List<Feature> features, Path bundleDir, Dictionary<String, Object> configuration)
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

        List<String> failed = new ArrayList<>();
        List<Installed> installed = install(context, features, bundleDir, failed);
        framework.start();
        log.debug("framework started with " + installed.size() + " bundles installed");

        boolean published = ConfigurationPublisher.publish(context, configuration);
        int started = 0;
        for (Installed i : installed) {
            if (Bundles.isFragment(i.bundle)) {
                continue;
            }
            long began = System.nanoTime();
            try {
                i.bundle.start();
                started++;
                log.debug("started " + Bundles.describe(i.bundle) + " in "
                        + (System.nanoTime() - began) / 1_000_000 + " ms");
            } catch (BundleException | RuntimeException e) {
                failed.add(i.bundle.getSymbolicName());
                log.error("bundle " + Bundles.describe(i.bundle) + " failed to start: " + e.getMessage(),
                        e.getCause());
            }
            if (!published) {
                published = ConfigurationPublisher.publish(context, configuration);
                if (published) {
                    log.debug("configuration " + ConfigurationPublisher.PID + " published");
                }
            }
        }
        if (!published) {
            log.warn("no Configuration Admin among the installed bundles; bundles run with their defaults");
        }
        return new Started(framework, started, List.copyOf(failed));
    }

    private record Installed(Bundle bundle, int startOrder) {
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
