package io.wharf.daemon.internal.plugins;

import io.wharf.api.events.Event;
import io.wharf.api.events.EventService;
import java.util.Map;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.SynchronousBundleListener;

/**
 * Announces driver bundles coming and going as dockerd announces plugins: {@code install}, {@code enable},
 * {@code disable}, {@code remove}, with the plugin's ID as actor and its {@code name:tag} as attribute. It
 * listens synchronously so that a stopping bundle's drivers are still known when it says "disable".
 */
final class PluginEvents implements SynchronousBundleListener {
    private final BundleDrivers drivers;
    private final EventService events;

    PluginEvents(BundleDrivers drivers, EventService events) {
        this.drivers = drivers;
        this.events = events;
    }

    @Override
    public void bundleChanged(BundleEvent event) {
        String action = switch (event.getType()) {
            case BundleEvent.INSTALLED -> "install";
            case BundleEvent.STARTED -> "enable";
            case BundleEvent.STOPPING -> "disable";
            case BundleEvent.UNINSTALLED -> "remove";
            default -> null;
        };
        Bundle b = event.getBundle();
        if (action == null || b.getSymbolicName() == null || drivers.of(b).isEmpty()) {
            return;
        }
        events.publish(Event.now("plugin", action, PluginIds.of(b.getSymbolicName()),
                Map.of("name", b.getSymbolicName() + ":" + b.getVersion())));
    }
}
