package io.wharf.daemon.internal.plugins;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings plugins back as the journal left them when the daemon starts again: a jar installed through the API
 * is installed again, a bundle upgraded is updated to its kept jar, one removed is uninstalled, one disabled is
 * stopped. It acts on bundles as they start, whatever order the launcher starts them in, on a thread of its own
 * (never inside the framework's event delivery).
 */
final class PluginReplay implements BundleListener {
    private static final Logger LOG = LoggerFactory.getLogger(PluginReplay.class);

    private final BundleContext context;
    private final PluginJournal journal;
    private final BundleInstaller installer;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "wharf-plugin-replay");
        t.setDaemon(true);
        return t;
    });

    PluginReplay(BundleContext context, PluginJournal journal, BundleInstaller installer) {
        this.context = context;
        this.journal = journal;
        this.installer = installer;
    }

    /** Installs the journal's jars no bundle stands for, then settles every bundle already there. */
    void start() {
        context.addBundleListener(this);
        worker.execute(() -> {
            for (Map.Entry<String, PluginJournal.Entry> e : journal.all().entrySet()) {
                PluginJournal.Entry j = e.getValue();
                if (!j.removed() && j.jar() != null && find(e.getKey()) == null && Files.isRegularFile(Path.of(j.jar()))) {
                    try {
                        Bundle b = installer.install(Path.of(j.jar()), j.reference());
                        if (j.enabled()) {
                            installer.start(b);
                        }
                    } catch (RuntimeException ex) {
                        LOG.warn("plugin {} could not be installed again: {}", e.getKey(), ex.getMessage());
                    }
                }
            }
            for (Bundle b : context.getBundles()) {
                settle(b);
            }
        });
    }

    void stop() {
        context.removeBundleListener(this);
        worker.shutdownNow();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void bundleChanged(BundleEvent event) {
        if (event.getType() == BundleEvent.STARTED) {
            Bundle b = event.getBundle();
            try {
                worker.execute(() -> settle(b));
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                // the component is going away
            }
        }
    }

    /** Puts one bundle in the state the journal has for it. */
    private void settle(Bundle b) {
        String bsn = b.getSymbolicName();
        if (bsn == null || b.getState() == Bundle.UNINSTALLED) {
            return;
        }
        PluginJournal.Entry j = journal.get(bsn).orElse(null);
        if (j == null) {
            return;
        }
        try {
            if (j.removed()) {
                installer.uninstall(b);
                return;
            }
            if (j.jar() != null && !b.getVersion().toString().equals(j.version())
                    && Files.isRegularFile(Path.of(j.jar()))) {
                installer.update(b, Path.of(j.jar()), j.reference());
            }
            if (!j.enabled() && b.getState() == Bundle.ACTIVE) {
                installer.stop(b);
            }
        } catch (RuntimeException e) {
            LOG.warn("plugin {} could not be put back as it was left: {}", bsn, e.getMessage());
        }
    }

    private Bundle find(String bsn) {
        for (Bundle b : context.getBundles()) {
            if (bsn.equals(b.getSymbolicName()) && b.getState() != Bundle.UNINSTALLED) {
                return b;
            }
        }
        return null;
    }
}
