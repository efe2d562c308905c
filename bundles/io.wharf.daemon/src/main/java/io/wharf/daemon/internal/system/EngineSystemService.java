package io.wharf.daemon.internal.system;

import io.wharf.api.errors.UnavailableException;
import io.wharf.api.events.EventService;
import io.wharf.api.network.IpamDriver;
import io.wharf.api.plugin.DriverKind;
import io.wharf.api.plugin.DriverRegistry;
import io.wharf.api.runtime.ContainerRuntime;
import io.wharf.api.runtime.RuntimeDescription;
import io.wharf.api.storage.StorageDriver;
import io.wharf.api.system.DiskUsage;
import io.wharf.api.system.SystemInfo;
import io.wharf.api.system.SystemService;
import io.wharf.api.system.VersionInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/** Ping, version and info: what the engine is, what it runs on, and which drivers are registered now. */
@Component(service = SystemService.class, configurationPid = EngineSystemService.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = EngineConfiguration.class)
public final class EngineSystemService implements SystemService {
    /** This component's configuration; the launcher fills it from daemon.json and the command line. */
    public static final String PID = "io.wharf.daemon";

    static final String PLATFORM = "Wharf Engine";
    private static final DateTimeFormatter RFC3339_NANO =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.nnnnnnnnnXXX").withZone(ZoneOffset.UTC);

    /** Replaced by a reload; read once per request. */
    private volatile EngineConfiguration config;
    private final DriverRegistry drivers;
    private final EventService events;
    private final HostProbe host;
    private final DegradedFunctions degraded = new DegradedFunctions();
    private final String engineId;
    private final VersionInfo version;
    private final int cpus = Runtime.getRuntime().availableProcessors();

    /** The image store's figures for info and df; absent while the image store is not running. */
    @Reference(cardinality = org.osgi.service.component.annotations.ReferenceCardinality.OPTIONAL,
            policy = org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC)
    private volatile io.wharf.daemon.internal.image.ImageDiskUsage imageUsage;

    /** The container store's counts for info; absent while the container service is not running. */
    @Reference(cardinality = org.osgi.service.component.annotations.ReferenceCardinality.OPTIONAL,
            policy = org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC)
    private volatile io.wharf.daemon.internal.container.ContainerCounts containerCounts;

    /** The volumes' part of df; absent while the volume service is not running. */
    @Reference(cardinality = org.osgi.service.component.annotations.ReferenceCardinality.OPTIONAL,
            policy = org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC)
    private volatile io.wharf.daemon.internal.volume.VolumeUsageReport volumeUsage;

    @Activate
    public EngineSystemService(EngineConfiguration config, BundleContext context,
            @Reference DriverRegistry drivers, @Reference EventService events) {
        this(config, drivers, events, HostProbe.live(), context.getBundle().getVersion().toString(),
                context.getBundle().getHeaders().get("Wharf-Git-Commit"),
                context.getBundle().getHeaders().get("Wharf-Build-Time"));
    }

    EngineSystemService(EngineConfiguration config, DriverRegistry drivers, EventService events, HostProbe host,
            String bundleVersion, String gitCommit, String buildTime) {
        this.config = config;
        this.drivers = drivers;
        this.events = events;
        this.host = host;
        DataRootFormat.mark(Path.of(config.data_root()));
        this.engineId = readOrCreateId(Path.of(config.data_root()));
        String wharfVersion = engineVersion(bundleVersion);
        String engineVersion = COMPATIBLE_ENGINE_VERSION;
        this.version = new VersionInfo(PLATFORM, engineVersion, API_VERSION, MIN_API_VERSION,
                gitCommit == null ? "unknown" : gitCommit, "Java " + Runtime.version().feature(), "linux",
                HostProbe.goArch(), host.kernelVersion(), config.experimental(),
                buildTime == null ? "" : buildTime,
                List.of(new VersionInfo.Component("Engine", engineVersion, Map.of(
                        "ApiVersion", API_VERSION, "MinAPIVersion", MIN_API_VERSION,
                        "GitCommit", gitCommit == null ? "unknown" : gitCommit,
                        "GoVersion", "Java " + Runtime.version(),
                        "Os", "linux", "Arch", HostProbe.goArch(), "KernelVersion", host.kernelVersion(),
                        "BuildTime", buildTime == null ? "" : buildTime,
                        "Experimental", Boolean.toString(config.experimental()))),
                        new VersionInfo.Component("Wharf", wharfVersion, Map.of(
                                "GitCommit", gitCommit == null ? "unknown" : gitCommit,
                                "BuildTime", buildTime == null ? "" : buildTime))));
    }

    /**
     * A reload of daemon.json: the values change for the next request, and each new reload count is announced,
     * as dockerd announces its reloads, with the values now in force.
     */
    @Modified
    void modified(EngineConfiguration changed) {
        EngineConfiguration before = config;
        config = changed;
        if (changed.reload_count() != before.reload_count()) {
            events.publish(ReloadEvent.of(engineId, host.hostname(), changed));
        }
    }

    /**
     * The Docker Engine release whose API this daemon speaks (API 1.55). Clients compare {@code Version} as a
     * Docker version (Testcontainers refuses anything below 1.6.0, docker-py and docker-java gate features on
     * it), so Wharf reports the engine version it is compatible with, as Podman reports its own, and shows
     * its own build version in the "Wharf" component.
     */
    static final String COMPATIBLE_ENGINE_VERSION = "29.0.0";

    /** "0.1.0.SNAPSHOT" (an OSGi version) reads as "0.1.0-SNAPSHOT". */
    static String engineVersion(String osgiVersion) {
        String[] p = osgiVersion.split("\\.", 4);
        return p.length == 4 ? p[0] + "." + p[1] + "." + p[2] + "-" + p[3] : osgiVersion;
    }

    /** The daemon's stable ID, created once under the data root (atomically). */
    static String readOrCreateId(Path dataRoot) {
        Path file = dataRoot.resolve("engine-id");
        try {
            if (Files.exists(file)) {
                String id = Files.readString(file, StandardCharsets.UTF_8).trim();
                if (!id.isEmpty()) {
                    return id;
                }
            }
            Files.createDirectories(dataRoot);
            String id = UUID.randomUUID().toString();
            io.wharf.linux.files.AtomicFiles.write(file, id + "\n");
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the engine ID under " + dataRoot, e);
        }
    }

    @Override
    public void ping() {
        if (drivers == null) {
            throw new UnavailableException("the engine is not ready");
        }
    }

    /** The engine and, after it, each registered runtime with its version, as docker version lists them. */
    @Override
    public VersionInfo version() {
        List<VersionInfo.Component> components = new ArrayList<>(version.components());
        for (String r : drivers.names(DriverKind.RUNTIME)) {
            drivers.current(ContainerRuntime.class, DriverKind.RUNTIME, r).map(ContainerRuntime::describe)
                    .ifPresent(d -> components.add(component(d)));
        }
        return new VersionInfo(version.platformName(), version.version(), version.apiVersion(),
                version.minApiVersion(), version.gitCommit(), version.runtimeVersion(), version.os(), version.arch(),
                version.kernelVersion(), version.experimental(), version.buildTime(), components);
    }

    private static VersionInfo.Component component(RuntimeDescription d) {
        return new VersionInfo.Component(d.name(), d.version() == null ? "" : d.version(),
                Map.of("Path", d.path() == null ? "" : d.path()));
    }

    @Override
    public SystemInfo info() {
        EngineConfiguration config = this.config;
        List<String> storageNames = drivers.names(DriverKind.STORAGE);
        String storageName = StorageChoice.choose(Path.of(config.data_root()), config.storage_driver(), storageNames);
        SystemInfo.StorageStatus storage;
        List<String> warnings = new ArrayList<>();
        if (storageName == null) {
            storage = new SystemInfo.StorageStatus("", List.of());
            warnings.add("WARNING: no storage driver is registered");
        } else {
            List<List<String>> status = drivers.current(StorageDriver.class, DriverKind.STORAGE, storageName)
                    .map(StorageDriver::status).orElse(null);
            if (status == null) {
                warnings.add("WARNING: the configured storage driver " + storageName + " is not registered");
                status = List.of();
            }
            storage = new SystemInfo.StorageStatus(storageName, status);
        }
        SystemInfo.HostFacts facts = host.facts(cpus);
        if (!facts.swapLimit()) {
            warnings.add("WARNING: No swap limit support");
        }
        if (!facts.ipv4Forwarding()) {
            warnings.add("WARNING: IPv4 forwarding is disabled");
        }
        SystemInfo.NetworkFacts network = networkFacts();
        if (!network.bridgeNfIptables()) {
            warnings.add("WARNING: bridge-nf-call-iptables is disabled");
        }
        if (!network.bridgeNfIp6tables()) {
            warnings.add("WARNING: bridge-nf-call-ip6tables is disabled");
        }
        warnings.addAll(degraded.warnings(facts, drivers.drivers(), drivers.names(DriverKind.RUNTIME),
                config.default_runtime(), config.runtimes()));
        for (String h : config.hosts()) {
            if (h.startsWith("tcp://")) {
                warnings.add("WARNING: API is accessible on " + h.replace("tcp://", "http://")
                        + " without encryption.");
            }
        }
        Map<String, SystemInfo.RuntimeEntry> runtimes = new LinkedHashMap<>();
        for (String r : drivers.names(DriverKind.RUNTIME)) {
            drivers.current(ContainerRuntime.class, DriverKind.RUNTIME, r).map(ContainerRuntime::describe)
                    .ifPresent(d -> runtimes.put(r, new SystemInfo.RuntimeEntry(d.path(), d.runtimeArgs())));
        }
        SystemInfo.DriverNames plugins = new SystemInfo.DriverNames(drivers.names(DriverKind.VOLUME),
                networkDriverNames(drivers.names(DriverKind.NETWORK)), drivers.names(DriverKind.LOG),
                drivers.names(DriverKind.AUTHZ));
        SystemInfo.RegistrySettings registry = new SystemInfo.RegistrySettings(List.of("127.0.0.0/8", "::1/128"),
                List.of(config.insecure_registries()), List.of(config.registry_mirrors()),
                "https://index.docker.io/v1/");
        return new SystemInfo(engineId, host.hostname(), version.version(),
                containerCounts(), imageCount(), facts, config.data_root(), config.debug(),
                config.live_restore(), config.experimental(), storage, config.log_driver(),
                config.default_runtime(), runtimes, plugins, registry, events.listenerCount(),
                host.openFileDescriptors(), Thread.activeCount(), RFC3339_NANO.format(Instant.now()),
                List.of(config.labels()), warnings, initBinary(), securityOptions(facts), network);
    }

    /** Network driver names as dockerd lists them: the driver of the {@code none} network is called null. */
    static List<String> networkDriverNames(List<String> registered) {
        return registered.stream().map(n -> n.equals("none") ? "null" : n).sorted().toList();
    }

    /** The default IPAM driver's pools (none while it is not registered) and the br_netfilter sysctls. */
    private SystemInfo.NetworkFacts networkFacts() {
        var pools = drivers.current(IpamDriver.class, DriverKind.IPAM, "default").map(IpamDriver::defaultPools)
                .orElse(List.of());
        return new SystemInfo.NetworkFacts(pools, host.bridgeNetfilter("iptables"),
                host.bridgeNetfilter("ip6tables"));
    }

    private SystemInfo.ContainerCounts containerCounts() {
        io.wharf.daemon.internal.container.ContainerCounts counts = containerCounts;
        if (counts == null) {
            return new SystemInfo.ContainerCounts(0, 0, 0, 0);
        }
        io.wharf.daemon.internal.container.ContainerCounts.Counts c = counts.counts();
        return new SystemInfo.ContainerCounts(c.total(), c.running(), c.paused(), c.stopped());
    }

    private static String initBinary() {
        for (String p : List.of("/usr/bin/tini-static", "/usr/bin/tini", "/usr/libexec/wharf/wharf-init")) {
            if (Files.isExecutable(Path.of(p))) {
                return p;
            }
        }
        return "";
    }

    private static List<String> securityOptions(SystemInfo.HostFacts facts) {
        List<String> out = new ArrayList<>();
        if ("2".equals(facts.cgroupVersion())) {
            out.add("name=cgroupns");
        }
        return out;
    }

    private int imageCount() {
        io.wharf.daemon.internal.image.ImageDiskUsage u = imageUsage;
        return u == null ? 0 : u.usage().images().size();
    }

    @Override
    public DiskUsage diskUsage(Set<String> types) {
        io.wharf.daemon.internal.image.ImageDiskUsage u = imageUsage;
        long layersSize = 0;
        List<DiskUsage.ImageUsage> images = new ArrayList<>();
        if (u != null && (types == null || types.isEmpty() || types.contains("image"))) {
            io.wharf.daemon.internal.image.ImageDiskUsage.Usage usage = u.usage();
            layersSize = usage.layersSize();
            for (var e : usage.images()) {
                images.add(new DiskUsage.ImageUsage(e.id(), e.repoTags(), e.repoDigests(), e.created(), e.size(),
                        e.sharedSize(), e.containers(), e.labels()));
            }
        }
        io.wharf.daemon.internal.volume.VolumeUsageReport v = volumeUsage;
        List<DiskUsage.VolumeUsage> volumes = v != null && (types == null || types.isEmpty()
                || types.contains("volume")) ? v.volumeUsage() : List.of();
        io.wharf.daemon.internal.container.ContainerCounts cc = containerCounts;
        List<DiskUsage.ContainerUsage> containers = cc != null && (types == null || types.isEmpty()
                || types.contains("container")) ? cc.usage() : List.of();
        return new DiskUsage(layersSize, images, containers, volumes, List.of());
    }
}
