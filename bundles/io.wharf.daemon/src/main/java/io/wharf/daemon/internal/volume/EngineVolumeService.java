package io.wharf.daemon.internal.volume;

import io.wharf.api.common.Filters;
import io.wharf.api.common.PruneReport;
import io.wharf.api.errors.ConflictException;
import io.wharf.api.errors.NotFoundException;
import io.wharf.api.errors.WharfException;
import io.wharf.api.events.Event;
import io.wharf.api.events.EventService;
import io.wharf.api.plugin.DriverKind;
import io.wharf.api.plugin.DriverRegistry;
import io.wharf.api.system.DiskUsage;
import io.wharf.api.volume.VolumeDetails;
import io.wharf.api.volume.VolumeDriver;
import io.wharf.api.volume.VolumeDriver.VolumeInfo;
import io.wharf.api.volume.VolumeService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Volumes over whichever volume drivers are registered now. The engine keeps its own record of each volume (its
 * driver, labels and options) and of the containers using it, under {@code <data-root>/volumes/.wharf/}, so a
 * volume whose driver is absent is still listed, and references survive a restart. Drivers are looked up per
 * operation through the driver registry, never cached.
 */
@Component(service = {VolumeService.class, VolumeMounts.class, VolumeUsageReport.class},
        configurationPid = EngineVolumeService.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class EngineVolumeService implements VolumeService, VolumeMounts, VolumeUsageReport {
    /** This component's configuration; the launcher fills it from daemon.json and the command line. */
    public static final String PID = "io.wharf.daemon.volumes";

    static final String DEFAULT_DRIVER = "local";
    private static final Logger LOG = LoggerFactory.getLogger(EngineVolumeService.class);

    private final DriverRegistry drivers;
    private final EventService events;
    private final VolumeRecordStore records;
    private final VolumeReferences references;
    private final VolumeNames names = new VolumeNames();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    @Activate
    public EngineVolumeService(VolumeSettings config, @Reference DriverRegistry drivers,
            @Reference EventService events) throws IOException {
        this(Path.of(config.data_root()), drivers, events);
    }

    EngineVolumeService(Path dataRoot, DriverRegistry drivers, EventService events) throws IOException {
        this.drivers = drivers;
        this.events = events;
        Path state = dataRoot.resolve("volumes").resolve(".wharf");
        this.records = new VolumeRecordStore(state.resolve("records"));
        this.references = new VolumeReferences(state.resolve("refs"));
    }

    @Override
    public VolumeDetails create(String name, String driver, Map<String, String> options, Map<String, String> labels) {
        String driverName = driver == null || driver.isEmpty() ? DEFAULT_DRIVER : driver;
        Map<String, String> l = new LinkedHashMap<>(labels == null ? Map.of() : labels);
        String n = name;
        if (n == null || n.isEmpty()) {
            n = names.generate();
            l.put(VolumeNames.ANONYMOUS_LABEL, "");
        }
        String volume = n;
        // dockerd looks the driver up first: an unknown driver is reported whatever the name
        if (neededDriver(driverName).isEmpty() && records.get(volume).isEmpty()) {
            throw unknownDriver(volume, driverName);
        }
        VolumeNames.check(volume);
        synchronized (lock(volume)) {
            Optional<VolumeRecord> existing = records.get(volume);
            if (existing.isPresent()) {
                VolumeRecord r = existing.get();
                Optional<VolumeInfo> stillThere = lookup(r);
                if (stillThere.isPresent() || driver(r.driver()).isEmpty()) {
                    if (!r.driver().equals(driverName)) {
                        throw new ConflictException("create " + volume + ": driver '" + r.driver()
                                + "' already has volume '" + volume + "': volume name must be unique");
                    }
                    return details(r, stillThere.orElse(null));
                }
                records.delete(volume); // the driver lost it: a stale record must not block a new volume
            }
            VolumeDriver d = neededDriver(driverName).orElseThrow(() -> unknownDriver(volume, driverName));
            VolumeInfo info = d.create(volume, options == null ? Map.of() : options, l);
            String created = info.createdAt() == null || info.createdAt().isEmpty()
                    ? Instant.now().truncatedTo(ChronoUnit.SECONDS).toString() : info.createdAt();
            VolumeRecord r = new VolumeRecord(volume, driverName, info.mountpoint(), created, l, options);
            records.put(r);
            events.publish(Event.now("volume", "create", volume, Map.of("driver", driverName)));
            return details(r, info);
        }
    }

    @Override
    public VolumeDetails inspect(String name) {
        VolumeRecord r = find(name).orElseThrow(() -> noSuchVolume(name));
        synchronized (lock(r.name())) {
            Optional<VolumeDriver> d = driver(r.driver());
            if (d.isEmpty()) {
                return details(r, null);
            }
            Optional<VolumeInfo> info = lookup(r);
            if (info.isEmpty()) {
                forgetIfUnused(r);
                throw noSuchVolume(name);
            }
            return details(r, info.get());
        }
    }

    @Override
    public List<VolumeDetails> list(Filters filters) {
        Filters f = filters == null ? Filters.empty() : filters.validate(VolumeFilter.LIST_KEYS);
        List<VolumeDetails> out = new ArrayList<>();
        // A plugin answers its scope over a socket: ask each driver once per listing, not once per volume.
        Map<String, String> scopes = new HashMap<>();
        for (Map.Entry<VolumeRecord, VolumeInfo> e : known().entrySet()) {
            VolumeDetails v = details(e.getKey(), e.getValue(), scopes.computeIfAbsent(e.getKey().driver(), this::scope));
            if (VolumeFilter.matchesList(f, v, !references.users(v.name()).isEmpty())) {
                out.add(v);
            }
        }
        return out;
    }

    @Override
    public void remove(String name, boolean force) {
        Optional<VolumeRecord> found = find(name);
        if (found.isEmpty()) {
            if (force) {
                return; // dockerd: forcing the removal of what does not exist is not an error
            }
            throw noSuchVolume(name);
        }
        VolumeRecord r = found.get();
        synchronized (lock(r.name())) {
            List<String> users = references.users(r.name());
            if (!users.isEmpty() && !force) {
                throw new ConflictException("remove " + r.name() + ": volume is in use - " + users);
            }
            Optional<VolumeDriver> d = neededDriver(r.driver());
            if (d.isEmpty() && !force) {
                throw new NotFoundException("remove " + r.name() + ": error looking up volume plugin " + r.driver()
                        + ": plugin \"" + r.driver() + "\" not found");
            }
            if (d.isPresent()) {
                try {
                    d.get().remove(r.name());
                } catch (NotFoundException gone) {
                    // the driver lost it already: dropping our record is all that is left to do
                } catch (ConflictException stillMounted) {
                    throw stillMounted; // forcing cannot make a mounted volume's data go away
                } catch (RuntimeException e) {
                    if (!force) {
                        throw e;
                    }
                    LOG.warn("Volume {} forgotten although driver {} failed to remove it", r.name(), r.driver(), e);
                }
            }
            records.delete(r.name());
            references.clear(r.name());
            events.publish(Event.now("volume", "destroy", r.name(), Map.of("driver", r.driver())));
        }
    }

    @Override
    public PruneReport prune(Filters filters) {
        Filters f = filters == null ? Filters.empty() : filters.validate(VolumeFilter.PRUNE_KEYS);
        boolean all = Boolean.TRUE.equals(f.bool("all"));
        List<String> deleted = new ArrayList<>();
        long reclaimed = 0;
        for (VolumeRecord r : known().keySet()) {
            if ((!all && !r.anonymous()) || !VolumeFilter.matchesPrune(f, r.labels())
                    || !references.users(r.name()).isEmpty()) {
                continue;
            }
            Optional<VolumeDriver> d = driver(r.driver());
            if (d.isEmpty()) {
                continue; // nothing can be freed through an absent driver
            }
            long size = safeUsage(d.get(), r.name());
            try {
                remove(r.name(), false);
            } catch (ConflictException | NotFoundException e) {
                continue; // taken into use or removed meanwhile: pruning leaves it to its new owner
            }
            deleted.add(r.name());
            reclaimed += Math.max(0, size);
        }
        events.publish(Event.now("volume", "prune", "", Map.of("reclaimed", Long.toString(reclaimed))));
        return new PruneReport(deleted, reclaimed);
    }

    @Override
    public void reference(String volumeName, String containerId) {
        VolumeNames.checkContainer(containerId);
        VolumeRecord r = find(volumeName).orElseThrow(() -> noSuchVolume(volumeName));
        synchronized (lock(r.name())) {
            if (records.get(r.name()).isEmpty()) {
                throw noSuchVolume(volumeName); // removed while we waited for the lock
            }
            references.add(r.name(), containerId);
        }
    }

    @Override
    public void release(String volumeName, String containerId) {
        VolumeNames.checkContainer(containerId);
        if (VolumeNames.isValid(volumeName)) {
            synchronized (lock(volumeName)) {
                references.remove(volumeName, containerId);
            }
        }
    }

    @Override
    public List<String> users(String volumeName) {
        return VolumeNames.isValid(volumeName) ? references.users(volumeName) : List.of();
    }

    @Override
    public Path mount(String volumeName, String containerId) {
        return mount(volumeName, containerId, Map.of("container", containerId));
    }

    @Override
    public Path mount(String volumeName, String containerId, String destination, boolean readWrite) {
        return mount(volumeName, containerId, Map.of("container", containerId, "destination", destination,
                "read/write", Boolean.toString(readWrite), "propagation", ""));
    }

    private Path mount(String volumeName, String containerId, Map<String, String> attributes) {
        VolumeNames.checkContainer(containerId);
        VolumeRecord r = find(volumeName).orElseThrow(() -> noSuchVolume(volumeName));
        synchronized (lock(r.name())) {
            VolumeDriver d = requireDriver(r);
            references.add(r.name(), containerId);
            Path path = d.mount(r.name(), containerId);
            if (!path.toString().equals(r.mountpoint())) {
                records.put(new VolumeRecord(r.name(), r.driver(), path.toString(), r.createdAt(), r.labels(),
                        r.options()));
            }
            Map<String, String> attrs = new HashMap<>(attributes);
            attrs.put("driver", r.driver());
            events.publish(Event.now("volume", "mount", r.name(), attrs));
            return path;
        }
    }

    @Override
    public void unmount(String volumeName, String containerId) {
        VolumeNames.checkContainer(containerId);
        VolumeRecord r = find(volumeName).orElseThrow(() -> noSuchVolume(volumeName));
        synchronized (lock(r.name())) {
            requireDriver(r).unmount(r.name(), containerId);
            events.publish(Event.now("volume", "unmount", r.name(),
                    Map.of("container", containerId, "driver", r.driver())));
        }
    }

    @Override
    public boolean copyUp(Path imageDir, Path volumeDir) {
        try {
            return ContentCopier.copyIfEmpty(imageDir, volumeDir);
        } catch (IOException e) {
            throw new WharfException("failed to copy image content from " + imageDir + " to the volume at "
                    + volumeDir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<DiskUsage.VolumeUsage> volumeUsage() {
        List<DiskUsage.VolumeUsage> out = new ArrayList<>();
        for (Map.Entry<VolumeRecord, VolumeInfo> e : known().entrySet()) {
            VolumeRecord r = e.getKey();
            long size = driver(r.driver()).map(d -> safeUsage(d, r.name())).orElse(-1L);
            String mountpoint = e.getValue() == null ? r.mountpoint() : e.getValue().mountpoint();
            out.add(new DiskUsage.VolumeUsage(r.name(), r.driver(), mountpoint, size,
                    references.users(r.name()).size()));
        }
        return out;
    }

    /**
     * Every volume: the engine's records, checked against each registered driver's list. A driver's volume
     * without a record (made before the engine knew it) is adopted; a record whose driver answered without it is
     * dropped unless a container still uses it; a record whose driver is absent or failing is kept as it is.
     */
    private Map<VolumeRecord, VolumeInfo> known() {
        Map<String, VolumeRecord> byName = new LinkedHashMap<>();
        records.all().forEach(r -> byName.put(r.name(), r));
        Map<String, Map<String, VolumeInfo>> listed = new HashMap<>();
        for (String driverName : drivers.names(DriverKind.VOLUME)) {
            Optional<VolumeDriver> d = driver(driverName);
            if (d.isEmpty()) {
                continue;
            }
            try {
                Map<String, VolumeInfo> infos = new HashMap<>();
                for (VolumeInfo i : d.get().list()) {
                    infos.put(i.name(), i);
                }
                listed.put(driverName, infos);
            } catch (RuntimeException e) {
                LOG.warn("Volume driver {} could not list its volumes: {}", driverName, e.getMessage());
            }
        }
        Map<VolumeRecord, VolumeInfo> out = new LinkedHashMap<>();
        for (VolumeRecord r : byName.values()) {
            Map<String, VolumeInfo> infos = listed.get(r.driver());
            if (infos == null) {
                out.put(r, null);
            } else if (infos.containsKey(r.name())) {
                out.put(r, infos.get(r.name()));
            } else if (!forgetIfUnused(r)) {
                out.put(r, null);
            }
        }
        listed.forEach((driverName, infos) -> infos.values().forEach(i -> {
            if (!byName.containsKey(i.name()) && VolumeNames.isValid(i.name())) {
                VolumeRecord adopted = adopt(driverName, i);
                byName.put(i.name(), adopted);
                out.put(adopted, i);
            }
        }));
        return out;
    }

    /** The record of {@code name}, or a volume some driver has under that name (which is then adopted). */
    private Optional<VolumeRecord> find(String name) {
        if (!VolumeNames.isValid(name)) {
            return Optional.empty();
        }
        Optional<VolumeRecord> r = records.get(name);
        if (r.isPresent()) {
            return r;
        }
        for (String driverName : drivers.names(DriverKind.VOLUME)) {
            Optional<VolumeDriver> d = driver(driverName);
            if (d.isEmpty()) {
                continue;
            }
            try {
                return Optional.of(adopt(driverName, d.get().get(name)));
            } catch (NotFoundException e) {
                // not this driver's
            } catch (RuntimeException e) {
                LOG.warn("Volume driver {} failed to look up {}: {}", driverName, name, e.getMessage());
            }
        }
        return Optional.empty();
    }

    private VolumeRecord adopt(String driverName, VolumeInfo info) {
        synchronized (lock(info.name())) {
            Optional<VolumeRecord> raced = records.get(info.name());
            if (raced.isPresent()) {
                return raced.get();
            }
            VolumeRecord r = new VolumeRecord(info.name(), driverName, info.mountpoint(), info.createdAt(),
                    info.labels(), info.options());
            records.put(r);
            return r;
        }
    }

    /** The driver's answer for the volume, empty when the driver says it has no such volume. */
    private Optional<VolumeInfo> lookup(VolumeRecord r) {
        Optional<VolumeDriver> d = driver(r.driver());
        if (d.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(d.get().get(r.name()));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    /** Drops a record its driver no longer knows, unless a container uses it. True when dropped. */
    private boolean forgetIfUnused(VolumeRecord r) {
        synchronized (lock(r.name())) {
            if (!references.users(r.name()).isEmpty()) {
                return false;
            }
            records.delete(r.name());
            return true;
        }
    }

    /** The driver as registered now: listings and inspection show what they can without waiting for it. */
    private Optional<VolumeDriver> driver(String name) {
        return drivers.current(VolumeDriver.class, DriverKind.VOLUME, name);
    }

    /** The driver an operation cannot do without: one whose bundle is away is waited for, then 503. */
    private Optional<VolumeDriver> neededDriver(String name) {
        return drivers.find(VolumeDriver.class, DriverKind.VOLUME, name);
    }

    private VolumeDriver requireDriver(VolumeRecord r) {
        return neededDriver(r.driver()).orElseThrow(() -> new NotFoundException("error looking up volume plugin "
                + r.driver() + ": plugin \"" + r.driver() + "\" not found"));
    }

    private VolumeDetails details(VolumeRecord r, VolumeInfo info) {
        return details(r, info, scope(r.driver()));
    }

    private String scope(String driverName) {
        try {
            return driver(driverName).map(VolumeDriver::scope).orElse("local");
        } catch (RuntimeException e) {
            return "local";
        }
    }

    private VolumeDetails details(VolumeRecord r, VolumeInfo info, String scope) {
        String mountpoint = info == null || info.mountpoint() == null ? r.mountpoint() : info.mountpoint();
        String createdAt = info != null && info.createdAt() != null && !info.createdAt().isEmpty()
                ? info.createdAt() : r.createdAt();
        Map<String, Object> status = info == null || info.status() == null ? Map.of() : info.status();
        return new VolumeDetails(r.name(), r.driver(), mountpoint, createdAt, status, r.labels(), scope,
                r.options(), -1, -1);
    }

    private static long safeUsage(VolumeDriver d, String name) {
        try {
            return d.usage(name);
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private Object lock(String name) {
        return locks.computeIfAbsent(name, k -> new Object());
    }

    private static NotFoundException unknownDriver(String volume, String driverName) {
        return new NotFoundException("create " + volume + ": error looking up volume plugin " + driverName
                + ": plugin \"" + driverName + "\" not found");
    }

    private static NotFoundException noSuchVolume(String name) {
        return new NotFoundException("get " + name + ": no such volume");
    }
}
