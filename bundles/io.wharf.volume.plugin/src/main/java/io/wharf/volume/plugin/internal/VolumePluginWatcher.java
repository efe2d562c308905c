package io.wharf.volume.plugin.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.wharf.api.volume.VolumeDriver;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers each Docker volume plugin found in the plugin directories as a {@link VolumeDriver} service named
 * after the plugin, and keeps the registrations in step as sockets and spec files come and go. A watch service
 * wakes it on changes; a rescan every few seconds covers directories created later and plugins that were not
 * answering yet.
 */
@Component(configurationPid = VolumePluginWatcher.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class VolumePluginWatcher {
    /** This component's configuration; the launcher fills it from daemon.json and the command line. */
    public static final String PID = "io.wharf.volume.plugin";

    private static final Logger LOG = LoggerFactory.getLogger(VolumePluginWatcher.class);
    private static final long RESCAN_SECONDS = 2;

    /** The directories searched, as the {@code volume-plugin-dirs} key of daemon.json. */
    @interface Config {
        String[] volume_plugin_dirs() default {"/run/docker/plugins", "/etc/docker/plugins", "/usr/lib/docker/plugins",
                "/run/wharf/plugins"};
    }

    private final ObjectMapper json = new ObjectMapper();
    private final PluginSync sync;
    private final WatchService watch;
    private final Thread thread;
    private volatile PluginDiscovery discovery;

    @Activate
    public VolumePluginWatcher(BundleContext context, Config config) throws IOException {
        this(osgiRegistrar(context), dirs(config));
    }

    VolumePluginWatcher(DriverRegistrar registrar, List<Path> dirs) throws IOException {
        this.sync = new PluginSync(registrar, json);
        this.discovery = new PluginDiscovery(dirs, json);
        this.watch = FileSystems.getDefault().newWatchService();
        sync.sync(discovery.scan());
        this.thread = new Thread(this::run, "wharf-volume-plugins");
        thread.setDaemon(true);
        thread.start();
    }

    @Modified
    void modified(Config config) {
        List<Path> dirs = dirs(config);
        if (!dirs.equals(discovery.dirs())) {
            discovery = new PluginDiscovery(dirs, json);
            sync.sync(discovery.scan());
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        try {
            watch.close();
        } catch (IOException e) {
            // closing only ends the loop
        }
        thread.interrupt();
        thread.join(TimeUnit.SECONDS.toMillis(10));
        sync.withdrawAll();
    }

    /** The registered plugin names, for tests. */
    java.util.Set<String> registered() {
        return sync.names();
    }

    private void run() {
        Map<Path, WatchKey> keys = new HashMap<>();
        try {
            while (!Thread.currentThread().isInterrupted()) {
                watchDirectories(keys);
                WatchKey key = watch.poll(RESCAN_SECONDS, TimeUnit.SECONDS);
                while (key != null) {
                    key.pollEvents();
                    if (!key.reset()) {
                        keys.values().remove(key);
                    }
                    key = watch.poll();
                }
                try {
                    sync.sync(discovery.scan());
                } catch (RuntimeException e) {
                    LOG.warn("Volume plugin rescan failed: {}", e.toString());
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // deactivated
        }
    }

    /** Watches each plugin directory and its subdirectories ({@code <name>/<name>.sock}) that exist now. */
    private void watchDirectories(Map<Path, WatchKey> keys) {
        for (Path dir : discovery.dirs()) {
            register(dir, keys);
            if (Files.isDirectory(dir)) {
                try (DirectoryStream<Path> subs = Files.newDirectoryStream(dir, Files::isDirectory)) {
                    subs.forEach(sub -> register(sub, keys));
                } catch (IOException e) {
                    // unreadable now: the next round tries again
                }
            }
        }
        keys.entrySet().removeIf(e -> !e.getValue().isValid());
    }

    private void register(Path dir, Map<Path, WatchKey> keys) {
        if (keys.containsKey(dir) || !Files.isDirectory(dir)) {
            return;
        }
        try {
            keys.put(dir, dir.register(watch, StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY));
        } catch (IOException e) {
            LOG.debug("Cannot watch {}: {}", dir, e.getMessage());
        }
    }

    private static List<Path> dirs(Config config) {
        return Arrays.stream(config.volume_plugin_dirs()).filter(s -> !s.isBlank()).map(String::trim)
                .map(Path::of).toList();
    }

    private static DriverRegistrar osgiRegistrar(BundleContext context) {
        return (name, driver) -> {
            Hashtable<String, Object> props = new Hashtable<>();
            props.put(VolumeDriver.NAME, name);
            // the plugins API lists it as a Docker v1 plugin of its own, not as a driver of this bundle
            props.put("wharf.plugin.v1", Boolean.TRUE);
            ServiceRegistration<VolumeDriver> reg = context.registerService(VolumeDriver.class, driver, props);
            return () -> {
                try {
                    reg.unregister();
                } catch (IllegalStateException alreadyGone) {
                    // the bundle is stopping and the framework withdrew it first
                }
            };
        };
    }
}
