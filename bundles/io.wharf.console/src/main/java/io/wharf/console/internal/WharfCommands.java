package io.wharf.console.internal;

import io.wharf.api.common.Filters;
import io.wharf.api.container.ContainerService;
import io.wharf.api.container.ContainerSummary;
import io.wharf.api.container.ListOptions;
import io.wharf.api.plugin.DriverInfo;
import io.wharf.api.plugin.DriverRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The {@code wharf:} console commands. Each returns its table as text so that the console prints it the same
 * whether run through {@code wharfd console} or {@code socat}.
 */
@Component(service = WharfCommands.class, property = {
        "osgi.command.scope=wharf",
        "osgi.command.function=plugins", "osgi.command.function=drivers",
        "osgi.command.function=containers", "osgi.command.function=swap"})
public final class WharfCommands {
    /** How long a swap waits for the framework to finish refreshing the bundles wired to the old version. */
    private static final long REFRESH_SECONDS = 30;

    private final BundleContext context;
    private final DriverRegistry drivers;
    private final ContainerService containers;

    @Activate
    public WharfCommands(BundleContext context, @Reference DriverRegistry drivers,
            @Reference ContainerService containers) {
        this.context = context;
        this.drivers = drivers;
        this.containers = containers;
    }

    /** One line per bundle that provides drivers: its symbolic name, version and the drivers it provides. */
    public String plugins() {
        Map<String, List<String>> byBundle = new TreeMap<>();
        for (DriverInfo d : drivers.drivers()) {
            byBundle.computeIfAbsent(d.bundle() + " " + d.bundleVersion(), k -> new ArrayList<>())
                    .add(kind(d) + "/" + d.name());
        }
        Table t = new Table("BUNDLE", "VERSION", "DRIVERS");
        byBundle.forEach((bundle, names) -> {
            String[] nameVersion = bundle.split(" ", 2);
            t.row(nameVersion[0], nameVersion[1], String.join(",", names));
        });
        return t.toString();
    }

    public String drivers() {
        Table t = new Table("KIND", "NAME", "BUNDLE", "VERSION", "ACTIVE", "REASON");
        for (DriverInfo d : drivers.drivers()) {
            t.row(kind(d), d.name(), d.bundle(), d.bundleVersion(), String.valueOf(d.active()),
                    d.reason() == null ? "" : d.reason());
        }
        return t.toString();
    }

    public String containers() {
        Table t = new Table("CONTAINER ID", "NAMES", "IMAGE", "STATE", "STATUS");
        for (ContainerSummary c : containers.list(new ListOptions(true, -1, false, Filters.empty()))) {
            t.row(c.id().substring(0, Math.min(12, c.id().length())), String.join(",", c.names()).replace("/", ""),
                    c.image(), c.state(), c.status());
        }
        return t.toString();
    }

    /**
     * Replaces the installed bundle {@code symbolicName} with the bundle jar at {@code jar}, then refreshes the
     * bundles wired to the old version so that they pick up the new one. Running containers are untouched: the
     * drivers keep their state in the data root and the new version adopts it.
     */
    public String swap(String symbolicName, String jar) throws IOException, BundleException, InterruptedException {
        Bundle bundle = installed(symbolicName);
        Path path = Path.of(jar);
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("no such bundle jar: " + jar
                    + " (only local jar paths are supported here)");
        }
        String before = bundle.getVersion().toString();
        try (InputStream in = Files.newInputStream(path)) {
            bundle.update(in);
        }
        CompletableFuture<Void> refreshed = new CompletableFuture<>();
        context.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(List.of(bundle), event -> {
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED) {
                refreshed.complete(null);
            }
        });
        try {
            refreshed.get(REFRESH_SECONDS, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return symbolicName + " updated from " + before + " to " + bundle.getVersion()
                    + "; refresh still under way after " + REFRESH_SECONDS + " s";
        }
        return symbolicName + " " + before + " -> " + bundle.getVersion() + " (" + state(bundle) + ")";
    }

    private Bundle installed(String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new IllegalArgumentException("no such bundle: " + symbolicName);
    }

    private static String state(Bundle b) {
        return switch (b.getState()) {
            case Bundle.ACTIVE -> "active";
            case Bundle.RESOLVED -> "resolved";
            case Bundle.STARTING -> "starting";
            case Bundle.STOPPING -> "stopping";
            case Bundle.INSTALLED -> "installed";
            default -> "uninstalled";
        };
    }

    private static String kind(DriverInfo d) {
        return d.kind().name().toLowerCase(java.util.Locale.ROOT);
    }
}
