package io.wharf.daemon.internal.plugins;

import io.wharf.api.errors.InvalidArgumentException;
import io.wharf.api.errors.WharfException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * The framework operations behind the plugins API. A jar is installed and resolved before it counts, and a
 * bundle that does not resolve is uninstalled again with the framework's reason (which names the missing
 * requirement), so that nothing running changes.
 */
final class BundleInstaller {
    private static final long REFRESH_SECONDS = 30;

    private final BundleContext context;

    BundleInstaller(BundleContext context) {
        this.context = context;
    }

    /** Installs the jar and resolves it; it stays stopped. */
    Bundle install(Path jar, String remote) {
        Bundle b;
        try (InputStream in = Files.newInputStream(jar)) {
            b = context.installBundle(jar.toUri().toString(), in);
        } catch (IOException | BundleException e) {
            throw new InvalidArgumentException(remote + " cannot be installed: " + e.getMessage());
        }
        if (!wiring().resolveBundles(List.of(b))) {
            String reason = unresolvedReason(b);
            uninstallQuietly(b);
            throw new InvalidArgumentException(remote + " does not resolve: " + reason);
        }
        return b;
    }

    /**
     * Checks that {@code jar} would resolve, by installing it beside the running version and uninstalling it
     * again, before the running version is touched. A jar of the running version's own version cannot be
     * installed beside it; that one is checked when it replaces it.
     */
    void checkResolves(Bundle running, BundleJar jar, String remote) {
        if (running.getVersion().toString().equals(org.osgi.framework.Version.parseVersion(jar.version())
                .toString())) {
            return;
        }
        Bundle candidate;
        try (InputStream in = Files.newInputStream(jar.file())) {
            candidate = context.installBundle("candidate:" + jar.file().toUri(), in);
        } catch (IOException | BundleException e) {
            throw new InvalidArgumentException(remote + " cannot be installed: " + e.getMessage());
        }
        try {
            if (!wiring().resolveBundles(List.of(candidate))) {
                throw new InvalidArgumentException(remote + " does not resolve: " + unresolvedReason(candidate));
            }
        } finally {
            uninstallQuietly(candidate);
            refresh(List.of(candidate));
        }
    }

    /** Replaces the bundle's content; an active bundle is stopped and started again by the framework. */
    void update(Bundle b, Path jar, String remote) {
        try (InputStream in = Files.newInputStream(jar)) {
            b.update(in);
        } catch (IOException | BundleException e) {
            throw new InvalidArgumentException(remote + " cannot replace " + b.getSymbolicName() + ": "
                    + e.getMessage());
        }
        refresh(List.of(b));
    }

    void start(Bundle b) {
        try {
            b.start();
        } catch (BundleException e) {
            throw new InvalidArgumentException("plugin " + b.getSymbolicName() + " cannot be enabled: "
                    + e.getMessage());
        }
    }

    void stop(Bundle b) {
        try {
            b.stop();
        } catch (BundleException e) {
            throw new WharfException("plugin " + b.getSymbolicName() + " cannot be disabled: " + e.getMessage());
        }
    }

    void uninstall(Bundle b) {
        try {
            b.uninstall();
        } catch (BundleException e) {
            throw new WharfException("plugin " + b.getSymbolicName() + " cannot be removed: " + e.getMessage());
        }
        refresh(List.of(b));
    }

    /** The framework's reason, which it gives when asked to start: the missing requirement. */
    private static String unresolvedReason(Bundle b) {
        try {
            b.start(Bundle.START_TRANSIENT);
            return "unresolved";
        } catch (BundleException e) {
            return e.getMessage();
        }
    }

    private static void uninstallQuietly(Bundle b) {
        try {
            b.uninstall();
        } catch (BundleException | IllegalStateException ignored) {
            // already gone
        }
    }

    /** Refreshes the bundles' wiring and waits for the framework to finish, a bounded time. */
    private void refresh(Collection<Bundle> bundles) {
        CountDownLatch done = new CountDownLatch(1);
        wiring().refreshBundles(bundles, e -> {
            if (e.getType() == FrameworkEvent.PACKAGES_REFRESHED) {
                done.countDown();
            }
        });
        try {
            done.await(REFRESH_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private FrameworkWiring wiring() {
        return context.getBundle(0).adapt(FrameworkWiring.class);
    }
}
