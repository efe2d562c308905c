package io.wharf.launcher;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.wiring.FrameworkWiring;

/** Small facts about bundles the launcher needs more than once. */
final class Bundles {
    /** Felix's location prefix for a bundle used in place rather than copied into the cache. */
    static final String REFERENCE = "reference:";

    private Bundles() {
    }

    /** The URL a bundle's jar can be read from again, given its install location. */
    static String readableLocation(Bundle bundle) {
        String location = bundle.getLocation();
        return location.startsWith(REFERENCE) ? location.substring(REFERENCE.length()) : location;
    }

    static boolean isFragment(Bundle bundle) {
        return bundle.getHeaders("").get(Constants.FRAGMENT_HOST) != null;
    }

    /** The jar's Bundle-SymbolicName without directives, or {@code null} when the jar is not a bundle. */
    static String symbolicName(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            if (manifest == null) {
                return null;
            }
            String bsn = manifest.getMainAttributes().getValue(new Attributes.Name(Constants.BUNDLE_SYMBOLICNAME));
            if (bsn == null) {
                return null;
            }
            int semi = bsn.indexOf(';');
            return (semi < 0 ? bsn : bsn.substring(0, semi)).trim();
        }
    }

    static String describe(Bundle bundle) {
        return bundle.getSymbolicName() + " " + bundle.getVersion() + " [" + bundle.getBundleId() + "]";
    }

    /** Refreshes removal-pending wirings and waits, bounded, for the framework to finish. */
    static void refresh(BundleContext context, long timeoutSeconds) throws InterruptedException {
        FrameworkWiring wiring = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkWiring.class);
        CountDownLatch done = new CountDownLatch(1);
        wiring.refreshBundles(null, event -> {
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED || event.getType() == FrameworkEvent.ERROR) {
                done.countDown();
            }
        });
        done.await(timeoutSeconds, TimeUnit.SECONDS);
    }
}
