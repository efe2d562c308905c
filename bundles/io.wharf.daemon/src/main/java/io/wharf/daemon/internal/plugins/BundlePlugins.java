package io.wharf.daemon.internal.plugins;

import static org.osgi.service.component.annotations.ReferenceCardinality.OPTIONAL;
import static org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC;
import static org.osgi.service.component.annotations.ReferencePolicyOption.GREEDY;

import io.wharf.api.common.Filters;
import io.wharf.api.common.ProgressListener;
import io.wharf.api.container.ContainerService;
import io.wharf.api.errors.ConflictException;
import io.wharf.api.errors.InvalidArgumentException;
import io.wharf.api.errors.NotFoundException;
import io.wharf.api.errors.WharfException;
import io.wharf.api.events.EventService;
import io.wharf.api.network.NetworkService;
import io.wharf.api.plugin.DriverInfo;
import io.wharf.api.plugin.DriverRegistry;
import io.wharf.api.plugin.PluginDetails;
import io.wharf.api.plugin.PluginService;
import io.wharf.api.registry.Credentials;
import io.wharf.api.registry.RegistryClient;
import io.wharf.api.volume.VolumeDriver;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Driver bundles as Docker plugins: every bundle that provides a driver SPI is a plugin named by its symbolic
 * name and tagged with its version; enable and disable start and stop it; install, upgrade and create bring a
 * jar in, checked to be a bundle that resolves before anything running is touched. Docker v1 volume plugins
 * found by their socket or spec file are listed beside them. Jars installed here are kept under
 * {@code <data-root>/plugins}.
 */
@Component(service = PluginService.class, configurationPid = BundlePlugins.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class BundlePlugins implements PluginService {
    /** This component's configuration; the launcher fills it from daemon.json and the command line. */
    public static final String PID = "io.wharf.daemon.plugins";

    /** The part of the engine configuration this component reads. */
    public @interface Config {
        String data_root() default "/var/lib/wharf";
    }

    private final BundleContext context;
    private final DriverRegistry registry;
    private final Path jars;
    private final BundleDrivers drivers = new BundleDrivers();
    private final BundleArtifacts artifacts = new BundleArtifacts();
    private final BundleInstaller installer;
    private final PluginEvents events;
    private final PluginJournal journal;
    private final PluginReplay replay;
    /** One install, upgrade or removal at a time: each checks the installed set before it changes it. */
    private final Object changes = new Object();

    @Reference(cardinality = OPTIONAL, policy = DYNAMIC, policyOption = GREEDY)
    private volatile RegistryClient registryClient;
    @Reference(cardinality = OPTIONAL, policy = DYNAMIC, policyOption = GREEDY)
    private volatile ContainerService containers;
    @Reference(cardinality = OPTIONAL, policy = DYNAMIC, policyOption = GREEDY)
    private volatile NetworkService networks;

    @Activate
    public BundlePlugins(BundleContext context, Config config, @Reference DriverRegistry registry,
            @Reference EventService eventService) throws IOException {
        this.context = context;
        this.registry = registry;
        this.jars = Files.createDirectories(Path.of(config.data_root()).resolve("plugins"));
        this.installer = new BundleInstaller(context);
        this.events = new PluginEvents(drivers, eventService);
        this.journal = new PluginJournal(jars.resolve("journal.json"));
        this.replay = new PluginReplay(context, journal, installer);
        context.addBundleListener(events);
        replay.start();
    }

    @Deactivate
    void deactivate() {
        replay.stop();
        context.removeBundleListener(events);
    }

    // ------------------------------------------------------------------ reading

    @Override
    public List<PluginDetails> list(Filters filters) {
        PluginFilter filter = new PluginFilter(filters);
        return filter.apply(all());
    }

    private List<PluginDetails> all() {
        List<DriverInfo> known = registry.drivers();
        List<PluginDetails> out = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            if (b.getBundleId() != 0 && b.getState() != Bundle.UNINSTALLED && !drivers.of(b).isEmpty()) {
                out.add(details(b, known));
            }
        }
        out.sort(Comparator.comparing(PluginDetails::name));
        out.addAll(v1Plugins());
        return out;
    }

    private PluginDetails details(Bundle b, List<DriverInfo> known) {
        Set<DriverRef> refs = drivers.of(b);
        Set<String> types = new TreeSet<>();
        refs.forEach(r -> types.add(PluginTypes.of(r.kind()).type));
        boolean enabled = b.getState() == Bundle.ACTIVE && !BundleDrivers.live(b).isEmpty();
        String title = header(b, "Bundle-Name");
        StringBuilder description = new StringBuilder(title == null ? b.getSymbolicName() : title);
        for (DriverInfo d : known) {
            if (!d.active() && b.getSymbolicName().equals(d.bundle()) && d.reason() != null) {
                description.append(" (").append(d.kind().name().toLowerCase(java.util.Locale.ROOT)).append(" driver ")
                        .append(d.name()).append(" skipped: ").append(d.reason()).append(')');
            }
        }
        return new PluginDetails(PluginIds.of(b.getSymbolicName()), b.getSymbolicName(), b.getVersion().toString(),
                enabled, List.copyOf(types), description.toString(), reference(b), "", true);
    }

    private List<PluginDetails> v1Plugins() {
        List<PluginDetails> out = new ArrayList<>();
        ServiceReference<?>[] refs;
        try {
            refs = context.getAllServiceReferences(VolumeDriver.class.getName(),
                    "(" + BundleDrivers.V1_PLUGIN + "=*)");
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        for (ServiceReference<?> ref : refs == null ? new ServiceReference<?>[0] : refs) {
            Object name = ref.getProperty(VolumeDriver.NAME);
            if (name instanceof String n) {
                out.add(new PluginDetails(PluginIds.of("v1:" + n), n, "latest", true,
                        List.of(PluginTypes.VOLUME.type), "Docker v1 volume plugin", n,
                        "", false));
            }
        }
        out.sort(Comparator.comparing(PluginDetails::name));
        return out;
    }

    @Override
    public PluginDetails inspect(String name) {
        return resolve(name);
    }

    private PluginDetails resolve(String name) {
        List<PluginDetails> all = all();
        String base = name;
        String tag = null;
        int colon = name.lastIndexOf(':');
        if (colon > 0 && name.indexOf('/', colon) < 0) {
            base = name.substring(0, colon);
            tag = name.substring(colon + 1);
        }
        for (PluginDetails p : all) {
            if (p.name().equals(base) && (tag == null || tag.equals(p.tag()) || tag.equals("latest"))) {
                return p;
            }
        }
        if (name.matches("[0-9a-f]{1,64}")) {
            List<PluginDetails> byId = all.stream().filter(p -> p.id().startsWith(name)).toList();
            if (byId.size() == 1) {
                return byId.get(0);
            }
            if (byId.size() > 1) {
                throw new InvalidArgumentException("multiple plugins found with ID prefix " + name);
            }
        }
        throw new NotFoundException("plugin \"" + name + "\" not found");
    }

    /** The bundle behind a plugin; a v1 plugin has none and is managed through its socket file. */
    private Bundle bundle(String name) {
        PluginDetails p = resolve(name);
        if (!p.bundle()) {
            throw new ConflictException("plugin " + p.name() + " is a Docker v1 plugin: it is added and removed "
                    + "with its socket or spec file, not through the plugins API");
        }
        for (Bundle b : context.getBundles()) {
            if (p.name().equals(b.getSymbolicName()) && b.getState() != Bundle.UNINSTALLED) {
                return b;
            }
        }
        throw new NotFoundException("plugin \"" + name + "\" not found");
    }

    // ------------------------------------------------------------------ changing

    @Override
    public void enable(String name) {
        Bundle b = bundle(name);
        PluginDetails p = resolve(name);
        if (p.enabled()) {
            throw new ConflictException("plugin " + p.fullName() + " is already enabled");
        }
        // recorded first: the replay of the journal acts on every start and must not stop this one
        journal.enabled(b.getSymbolicName(), b.getVersion().toString(), true);
        installer.start(b);
    }

    @Override
    public void disable(String name, boolean force) {
        Bundle b = bundle(name);
        if (b.getState() != Bundle.ACTIVE && b.getState() != Bundle.STARTING) {
            throw new ConflictException("plugin " + b.getSymbolicName() + ":" + b.getVersion()
                    + " is already disabled");
        }
        // Containers need no driver bundle to keep running; requests that need its drivers wait for it.
        journal.enabled(b.getSymbolicName(), b.getVersion().toString(), false);
        installer.stop(b);
    }

    @Override
    public void remove(String name, boolean force) {
        synchronized (changes) {
            Bundle b = bundle(name);
            String full = b.getSymbolicName() + ":" + b.getVersion();
            if (!force) {
                List<String> users = PluginUsers.of(drivers.of(b), containers, networks);
                if (!users.isEmpty()) {
                    throw new ConflictException("plugin \"" + full + "\" is in use by containers: "
                            + String.join(", ", users));
                }
                if (b.getState() == Bundle.ACTIVE) {
                    throw new ConflictException("plugin \"" + full + "\" is enabled");
                }
            }
            installer.uninstall(b);
            drivers.forget(b);
            journal.put(b.getSymbolicName(), new PluginJournal.Entry(null, b.getVersion().toString(),
                    reference(b), false, true));
            try {
                Files.deleteIfExists(referenceFile(b.getSymbolicName()));
                Files.deleteIfExists(jarFile(b.getSymbolicName()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public PluginDetails install(String remote, Credentials credentials, ProgressListener progress) {
        synchronized (changes) {
            Path incoming = incoming();
            try {
                artifacts.fetch(remote, registryClient, credentials, incoming, progress);
                return installJar(incoming, remote);
            } finally {
                deleteQuietly(incoming);
            }
        }
    }

    @Override
    public PluginDetails create(String name, InputStream tar) {
        synchronized (changes) {
            Path incoming = incoming();
            try {
                TarJar.extract(tar, incoming);
                return installJar(incoming, name);
            } catch (IOException e) {
                throw new InvalidArgumentException("reading the plugin context: " + e.getMessage());
            } finally {
                deleteQuietly(incoming);
            }
        }
    }

    private PluginDetails installJar(Path incoming, String remote) {
        BundleJar jar = BundleJar.read(incoming, remote);
        for (Bundle b : context.getBundles()) {
            if (jar.symbolicName().equals(b.getSymbolicName()) && b.getState() != Bundle.UNINSTALLED) {
                throw new ConflictException("plugin \"" + jar.symbolicName() + "\" already exists");
            }
        }
        Path kept = jarFile(jar.symbolicName());
        move(incoming, kept);
        try {
            Bundle b = installer.install(kept, remote);
            writeReference(jar.symbolicName(), remote);
            journal.put(jar.symbolicName(), new PluginJournal.Entry(kept.toString(), b.getVersion().toString(),
                    remote, false, false));
            return details(b, registry.drivers());
        } catch (WharfException | IllegalStateException e) {
            deleteQuietly(kept);
            throw e;
        }
    }

    @Override
    public PluginDetails upgrade(String name, String remote, Credentials credentials, ProgressListener progress) {
        synchronized (changes) {
            Bundle b = bundle(name);
            Path incoming = incoming();
            try {
                artifacts.fetch(remote, registryClient, credentials, incoming, progress);
                BundleJar jar = BundleJar.read(incoming, remote);
                if (!jar.symbolicName().equals(b.getSymbolicName())) {
                    throw new InvalidArgumentException(remote + " holds bundle " + jar.symbolicName()
                            + ", not " + b.getSymbolicName() + ": an upgrade keeps the plugin's symbolic name");
                }
                installer.checkResolves(b, jar, remote);
                Path kept = jarFile(b.getSymbolicName());
                move(incoming, kept);
                java.util.Optional<PluginJournal.Entry> before = journal.get(b.getSymbolicName());
                boolean enabled = b.getState() == Bundle.ACTIVE;
                // recorded first: the replay acts on the start that ends the update and must see the new version
                journal.put(b.getSymbolicName(), new PluginJournal.Entry(kept.toString(),
                        org.osgi.framework.Version.parseVersion(jar.version()).toString(), remote, enabled, false));
                try {
                    installer.update(b, kept, remote);
                } catch (RuntimeException e) {
                    before.ifPresentOrElse(j -> journal.put(b.getSymbolicName(), j),
                            () -> journal.put(b.getSymbolicName(), new PluginJournal.Entry(null,
                                    b.getVersion().toString(), reference(b), enabled, false)));
                    throw e;
                }
                writeReference(b.getSymbolicName(), remote);
                return details(b, registry.drivers());
            } finally {
                deleteQuietly(incoming);
            }
        }
    }

    // ------------------------------------------------------------------ files

    private Path incoming() {
        return jars.resolve("incoming-" + UUID.randomUUID() + ".jar");
    }

    private Path jarFile(String bsn) {
        return jars.resolve(bsn + ".jar");
    }

    private Path referenceFile(String bsn) {
        return jars.resolve(bsn + ".reference");
    }

    private void writeReference(String bsn, String remote) {
        try {
            Files.writeString(referenceFile(bsn), remote, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the bundle was installed from; a bundle of the distribution is its own reference. */
    private String reference(Bundle b) {
        try {
            Path f = referenceFile(b.getSymbolicName());
            return Files.isRegularFile(f) ? Files.readString(f, StandardCharsets.UTF_8).trim() : b.getSymbolicName();
        } catch (IOException e) {
            return b.getSymbolicName();
        }
    }

    private static void move(Path from, Path to) {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a leftover incoming file is removed by the next install of the same name or by hand
        }
    }

    private static String header(Bundle b, String name) {
        try {
            return b.getHeaders("").get(name);
        } catch (IllegalStateException uninstalled) {
            return null;
        }
    }
}
