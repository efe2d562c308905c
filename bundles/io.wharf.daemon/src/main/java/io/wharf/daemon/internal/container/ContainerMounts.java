package io.wharf.daemon.internal.container;

import io.wharf.api.container.ContainerConfig;
import io.wharf.api.container.HostConfig;
import io.wharf.api.container.MountPoint;
import io.wharf.api.container.MountSpec;
import io.wharf.api.errors.InvalidArgumentException;
import io.wharf.api.value.BindSpec;
import io.wharf.api.errors.NotFoundException;
import io.wharf.api.errors.UnavailableException;
import io.wharf.api.runtime.Mount;
import io.wharf.api.volume.VolumeDetails;
import io.wharf.api.volume.VolumeService;
import io.wharf.daemon.internal.volume.VolumeMounts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The user's mounts of a container, as dockerd handles them: checked and completed at create ({@code --volumes-from}
 * resolved, anonymous volumes made, named volumes created and referenced), turned into the runtime's mounts at start
 * (volumes mounted through their driver, image content copied into an empty volume), and shown by inspect.
 */
final class ContainerMounts {
    /** A volume's mount at start: the host path and whether the image's content may be copied into it. */
    interface VolumeBinder {
        Path mount(String volume, String containerId, String destination, boolean readWrite);

        /** Copies the image's directory into the volume when the volume is empty. */
        boolean copyUp(Path imageDir, Path volumeDir);
    }

    /** One mount of the container, whichever option asked for it; {@code source} is a volume name for volumes. */
    record Planned(String type, String source, String target, boolean readOnly, String mode, String propagation,
            boolean copy, boolean nonRecursive, List<String> tmpfsOptions, boolean shown) {
    }

    private final Supplier<VolumeMounts> volumeMounts;
    private final Supplier<VolumeService> volumeService;
    private final Function<String, Container> containers;

    ContainerMounts(Supplier<VolumeMounts> volumeMounts, Supplier<VolumeService> volumeService,
            Function<String, Container> containers) {
        this.volumeMounts = volumeMounts;
        this.volumeService = volumeService;
        this.containers = containers;
    }

    // ------------------------------------------------------------------ create

    /** Refuses what dockerd refuses at create, before anything is made for the container. */
    static void validate(HostConfig hc) {
        Set<String> targets = new LinkedHashSet<>();
        for (String b : SpecFactory.list(hc.binds())) {
            BindSpec s = BindSpec.parse(b);
            kernelPath(s.isVolume() ? "volume" : "bind", s.target());
            if (!targets.add(clean(s.target()))) {
                throw new InvalidArgumentException("Duplicate mount point: " + s.target());
            }
        }
        for (MountSpec m : SpecFactory.list(hc.mounts())) {
            validate(m);
            if (!targets.add(clean(m.target()))) {
                throw new InvalidArgumentException("Duplicate mount point: " + m.target());
            }
        }
        if (hc.tmpfs() != null) {
            for (String t : hc.tmpfs().keySet()) {
                if (!t.startsWith("/")) {
                    throw new InvalidArgumentException("invalid mount config for type \"tmpfs\": invalid mount path: '"
                            + t + "' mount path must be absolute");
                }
                kernelPath("tmpfs", t);
                if (!targets.add(clean(t))) {
                    throw new InvalidArgumentException("Duplicate mount point: " + t);
                }
            }
        }
        for (String v : SpecFactory.list(hc.volumesFrom())) {
            volumesFromMode(v);
        }
    }

    private static void validate(MountSpec m) {
        String type = m.type();
        String err = "invalid mount config for type \"" + type + "\": ";
        if (m.target() == null || m.target().isEmpty()) {
            throw new InvalidArgumentException(err + "field Target must not be empty");
        }
        if (!m.target().startsWith("/")) {
            throw new InvalidArgumentException(err + "invalid mount path: '" + m.target()
                    + "' mount path must be absolute");
        }
        if (clean(m.target()).equals("/")) {
            throw new InvalidArgumentException(err + "invalid specification: destination can't be '/'");
        }
        kernelPath(type, m.target());
        switch (type) {
            case "bind" -> {
                if (m.volumeOptions() != null) {
                    throw new InvalidArgumentException(err + "field VolumeOptions must not be specified");
                }
                if (m.tmpfsOptions() != null) {
                    throw new InvalidArgumentException(err + "field TmpfsOptions must not be specified");
                }
                if (m.source() == null || m.source().isEmpty()) {
                    throw new InvalidArgumentException(err + "field Source must not be empty");
                }
                if (!m.source().startsWith("/")) {
                    throw new InvalidArgumentException(err + "invalid mount path: '" + m.source()
                            + "' mount path must be absolute");
                }
                boolean create = m.bindOptions() != null && m.bindOptions().createMountpoint();
                if (!create && !Files.exists(Path.of(m.source()))) {
                    throw new InvalidArgumentException(err + "bind source path does not exist: " + m.source());
                }
            }
            case "volume" -> {
                if (m.bindOptions() != null) {
                    throw new InvalidArgumentException(err + "field BindOptions must not be specified");
                }
                if (m.tmpfsOptions() != null) {
                    throw new InvalidArgumentException(err + "field TmpfsOptions must not be specified");
                }
            }
            case "tmpfs" -> {
                if (m.source() != null && !m.source().isEmpty()) {
                    throw new InvalidArgumentException(err + "field Source must not be specified");
                }
                if (m.bindOptions() != null) {
                    throw new InvalidArgumentException(err + "field BindOptions must not be specified");
                }
                if (m.volumeOptions() != null) {
                    throw new InvalidArgumentException(err + "field VolumeOptions must not be specified");
                }
                if (m.tmpfsOptions() != null && m.tmpfsOptions().sizeBytes() < 0) {
                    throw new InvalidArgumentException(err + "invalid tmpfs size");
                }
            }
            default -> throw new InvalidArgumentException("invalid mount config: mount type unknown: \"" + type
                    + "\"");
        }
    }

    /** The files of /proc that runc lets a mount cover (lxcfs serves these); /proc and /sys are otherwise the kernel's. */
    private static final Set<String> PROC_FILES = Set.of("/proc/cpuinfo", "/proc/diskstats", "/proc/meminfo",
            "/proc/stat", "/proc/swaps", "/proc/uptime", "/proc/loadavg", "/proc/slabinfo", "/proc/net/dev",
            "/proc/sys/kernel/ns_last_pid");

    /**
     * Refuses a mount over the kernel's interfaces: a tmpfs or volume on /proc/sys would hide what the runtime masks
     * or makes read-only. The cgroup tree under /sys stays open (systemd in a container binds it).
     */
    private static void kernelPath(String type, String target) {
        String t = clean(target);
        for (String fs : List.of("/proc", "/sys")) {
            boolean inside = t.equals(fs) || t.startsWith(fs + "/");
            boolean allowed = PROC_FILES.contains(t) || t.equals("/sys/fs/cgroup") || t.startsWith("/sys/fs/cgroup/");
            if (inside && !allowed) {
                throw new InvalidArgumentException("invalid mount config for type \"" + type + "\": \"" + target
                        + "\" cannot be mounted because it is inside " + fs);
            }
        }
    }

    /**
     * Completes the host config at create: the mounts of {@code --volumes-from} containers, then an anonymous
     * volume for every image {@code VOLUME} and {@code --mount type=volume} without a source, each named volume
     * created when missing (with the requested driver) and referenced by the container until its removal.
     */
    HostConfig prepare(String id, ContainerConfig cfg, HostConfig hc) {
        List<String> made = new ArrayList<>();
        List<String> referenced = new ArrayList<>();
        try {
            return prepare(id, cfg, hc, made, referenced);
        } catch (RuntimeException e) {
            // a refused create leaves no volume or reference behind
            VolumeMounts vm = volumeMounts.get();
            VolumeService vs = volumeService.get();
            for (String v : referenced) {
                if (vm != null) {
                    vm.release(v, id);
                }
            }
            for (String v : made) {
                try {
                    if (vs != null) {
                        vs.remove(v, true);
                    }
                } catch (RuntimeException again) {
                    e.addSuppressed(again);
                }
            }
            throw e;
        }
    }

    private HostConfig prepare(String id, ContainerConfig cfg, HostConfig hc, List<String> made,
            List<String> referenced) {
        Set<String> taken = new LinkedHashSet<>();
        for (String b : SpecFactory.list(hc.binds())) {
            taken.add(clean(BindSpec.parse(b).target()));
        }
        for (MountSpec m : SpecFactory.list(hc.mounts())) {
            taken.add(clean(m.target()));
        }
        if (hc.tmpfs() != null) {
            hc.tmpfs().keySet().forEach(t -> taken.add(clean(t)));
        }
        List<MountSpec> mounts = new ArrayList<>();
        boolean changed = false;
        for (MountSpec m : SpecFactory.list(hc.mounts())) {
            if (m.type().equals("volume") && (m.source() == null || m.source().isEmpty())) {
                mounts.add(new MountSpec("volume", anonymous(hc.volumeDriver(), m.volumeOptions(), made), m.target(),
                        m.readOnly(), m.consistency(), null, m.volumeOptions() == null ? noOptions()
                        : m.volumeOptions(), null));
                changed = true;
            } else {
                mounts.add(m);
            }
        }
        for (String from : SpecFactory.list(hc.volumesFrom())) {
            String mode = volumesFromMode(from);
            String ref = mode.isEmpty() ? from : from.substring(0, from.length() - mode.length() - 1);
            Container source = containers.apply(ref);
            if (source.id.equals(id)) {
                throw new InvalidArgumentException("cannot use volumes from the container itself");
            }
            for (Planned p : plan(source.hostConfig)) {
                if (!p.shown() || p.type().equals("tmpfs") || !taken.add(clean(p.target()))) {
                    continue;
                }
                boolean ro = mode.isEmpty() ? p.readOnly() : mode.equals("ro");
                mounts.add(p.type().equals("volume")
                        ? new MountSpec("volume", p.source(), p.target(), ro, "", null,
                                new MountSpec.VolumeOptions(true, Map.of(), null, Map.of(), null), null)
                        : new MountSpec("bind", p.source(), p.target(), ro, "",
                                new MountSpec.BindOptions(p.propagation(), p.nonRecursive(), true), null, null));
                changed = true;
            }
        }
        for (String path : ConfigMerge.set(cfg.volumes())) {
            if (taken.add(clean(path))) {
                mounts.add(new MountSpec("volume", anonymous(hc.volumeDriver(), null, made), path, false, "", null,
                        noOptions(), null));
                changed = true;
            }
        }
        HostConfig result = changed ? HostConfigs.withMounts(hc, mounts) : hc;
        VolumeMounts vm = volumeMounts.get();
        for (Planned p : plan(result)) {
            if (p.type().equals("volume")) {
                ensureVolume(p.source(), driverOf(result, p.source()), driverOptions(result, p.source()),
                        labels(result, p.source()));
                if (vm != null) {
                    vm.reference(p.source(), id);
                    referenced.add(p.source());
                }
            }
        }
        return result;
    }

    private static MountSpec.VolumeOptions noOptions() {
        return new MountSpec.VolumeOptions(false, Map.of(), null, Map.of(), null);
    }

    private String anonymous(String volumeDriver, MountSpec.VolumeOptions o, List<String> made) {
        String driver = o != null && !SpecFactory.empty(o.driverName()) ? o.driverName() : volumeDriver;
        String name = volumes("create an anonymous volume").create(null, SpecFactory.empty(driver) ? null : driver,
                o == null || o.driverOptions() == null ? Map.of() : o.driverOptions(),
                o == null || o.labels() == null ? Map.of() : o.labels()).name();
        made.add(name);
        return name;
    }

    /** An existing volume is used whatever its driver unless another driver is named; a missing one is created. */
    private void ensureVolume(String name, String driver, Map<String, String> options, Map<String, String> labels) {
        VolumeService vs = volumes("use volume " + name);
        if (!SpecFactory.empty(driver)) {
            vs.create(name, driver, options, labels);
            return;
        }
        try {
            vs.inspect(name);
        } catch (NotFoundException e) {
            vs.create(name, null, options, labels);
        }
    }

    private static String driverOf(HostConfig hc, String volume) {
        for (MountSpec m : SpecFactory.list(hc.mounts())) {
            if (volume.equals(m.source()) && m.volumeOptions() != null
                    && !SpecFactory.empty(m.volumeOptions().driverName())) {
                return m.volumeOptions().driverName();
            }
        }
        return hc.volumeDriver();
    }

    private static Map<String, String> driverOptions(HostConfig hc, String volume) {
        for (MountSpec m : SpecFactory.list(hc.mounts())) {
            if (volume.equals(m.source()) && m.volumeOptions() != null && m.volumeOptions().driverOptions() != null) {
                return m.volumeOptions().driverOptions();
            }
        }
        return Map.of();
    }

    private static Map<String, String> labels(HostConfig hc, String volume) {
        for (MountSpec m : SpecFactory.list(hc.mounts())) {
            if (volume.equals(m.source()) && m.volumeOptions() != null && m.volumeOptions().labels() != null) {
                return m.volumeOptions().labels();
            }
        }
        return Map.of();
    }

    private VolumeService volumes(String what) {
        VolumeService vs = volumeService.get();
        if (vs == null) {
            throw new UnavailableException("the volume service is not running: cannot " + what);
        }
        return vs;
    }

    /** The {@code :ro} or {@code :rw} suffix of a {@code --volumes-from} entry, or "" without one. */
    static String volumesFromMode(String spec) {
        int colon = spec.lastIndexOf(':');
        if (colon < 0) {
            return "";
        }
        String mode = spec.substring(colon + 1);
        if (!mode.equals("ro") && !mode.equals("rw")) {
            throw new InvalidArgumentException("invalid mode: " + mode);
        }
        return mode;
    }

    // ------------------------------------------------------------------ the mounts, however asked for

    /** Every mount of the host config in the order given: {@code -v}, {@code --mount}, {@code --tmpfs}. */
    static List<Planned> plan(HostConfig hc) {
        List<Planned> out = new ArrayList<>();
        for (String b : SpecFactory.list(hc.binds())) {
            BindSpec s = BindSpec.parse(b);
            String[] parts = b.split(":");
            String mode = parts.length > 2 ? parts[2] : "";
            if (s.isVolume()) {
                out.add(new Planned("volume", s.source(), s.target(), s.readOnly(), mode.isEmpty() ? "z" : mode, "",
                        !s.noCopy(), false, List.of(), true));
            } else {
                out.add(new Planned("bind", s.source(), s.target(), s.readOnly(), mode, s.propagation(), false,
                        false, List.of(), true));
            }
        }
        for (MountSpec m : SpecFactory.list(hc.mounts())) {
            switch (m.type()) {
                case "volume" -> out.add(new Planned("volume", m.source(), m.target(), m.readOnly(),
                        "z", "", m.volumeOptions() == null || !m.volumeOptions().noCopy(), false, List.of(), true));
                case "bind" -> {
                    MountSpec.BindOptions o = m.bindOptions();
                    out.add(new Planned("bind", m.source(), m.target(), m.readOnly(), "",
                            o == null || SpecFactory.empty(o.propagation()) ? "rprivate" : o.propagation(), false,
                            o != null && o.nonRecursive(), List.of(), true));
                }
                case "tmpfs" -> {
                    List<String> opts = new ArrayList<>(List.of("nosuid", "nodev", "noexec"));
                    if (m.tmpfsOptions() != null && m.tmpfsOptions().sizeBytes() > 0) {
                        opts.add("size=" + m.tmpfsOptions().sizeBytes());
                    }
                    if (m.tmpfsOptions() != null && m.tmpfsOptions().mode() > 0) {
                        opts.add("mode=" + Integer.toOctalString(m.tmpfsOptions().mode()));
                    }
                    opts.add(m.readOnly() ? "ro" : "rw");
                    out.add(new Planned("tmpfs", "", m.target(), m.readOnly(), "", "", false, false, opts, true));
                }
                default -> throw new InvalidArgumentException("invalid mount config: mount type unknown: \""
                        + m.type() + "\"");
            }
        }
        if (hc.tmpfs() != null) {
            for (Map.Entry<String, String> t : hc.tmpfs().entrySet()) {
                List<String> opts = new ArrayList<>(List.of("nosuid", "nodev", "noexec"));
                boolean ro = false;
                if (t.getValue() != null && !t.getValue().isEmpty()) {
                    for (String o : t.getValue().split(",")) {
                        opts.remove(o.startsWith("no") ? o : "no" + o); // "exec" lifts "noexec"
                        ro |= o.equals("ro");
                        if (!o.equals("exec") && !o.equals("suid") && !o.equals("dev")) {
                            opts.add(o);
                        }
                    }
                }
                // --tmpfs is not listed under Mounts by dockerd
                out.add(new Planned("tmpfs", "", t.getKey(), ro, "", "", false, false, opts, false));
            }
        }
        return out;
    }

    /** The volumes the container uses, in mount order. */
    static List<String> volumeNames(HostConfig hc) {
        List<String> v = new ArrayList<>();
        for (Planned p : plan(hc)) {
            if (p.type().equals("volume") && !SpecFactory.empty(p.source())) {
                v.add(p.source());
            }
        }
        return v;
    }

    // ------------------------------------------------------------------ start

    /** Mounts volumes through the volume service, recording each in {@code mounted} so a failed start can undo it. */
    VolumeBinder binder(List<String> mounted) {
        return new VolumeBinder() {
            @Override
            public Path mount(String volume, String containerId, String destination, boolean readWrite) {
                Path p = service(volume).mount(volume, containerId, destination, readWrite);
                mounted.add(volume);
                return p;
            }

            @Override
            public boolean copyUp(Path imageDir, Path volumeDir) {
                return service(volumeDir.toString()).copyUp(imageDir, volumeDir);
            }

            private VolumeMounts service(String volume) {
                VolumeMounts vm = volumeMounts.get();
                if (vm == null) {
                    throw new UnavailableException("the volume service is not running: cannot mount " + volume);
                }
                return vm;
            }
        };
    }

    /**
     * The runtime's mounts, parents before children: volumes are mounted through their driver (and filled from the
     * image when empty and allowed), a missing {@code -v} host path is created.
     */
    static List<Mount> runtimeMounts(Container c, Path rootfs, VolumeBinder volumes) {
        List<Planned> planned = new ArrayList<>(plan(c.hostConfig));
        planned.sort(Comparator.comparingInt(p -> depth(p.target())));
        List<Mount> out = new ArrayList<>();
        for (Planned p : planned) {
            switch (p.type()) {
                case "volume" -> {
                    Path src = volumes.mount(p.source(), c.id, p.target(), !p.readOnly());
                    if (p.copy()) {
                        Path imageDir = inRoot(rootfs, p.target());
                        if (imageDir != null) {
                            volumes.copyUp(imageDir, src);
                        }
                    }
                    out.add(bind(src, p));
                }
                case "bind" -> {
                    Path src = Path.of(p.source());
                    if (!Files.exists(src)) {
                        try {
                            Files.createDirectories(src);
                        } catch (IOException e) {
                            throw new InvalidArgumentException("error while creating mount source path '" + src
                                    + "': mkdir " + src + ": " + e.getMessage());
                        }
                    }
                    out.add(bind(src, p));
                }
                default -> out.add(new Mount(p.target(), "tmpfs", "tmpfs", p.tmpfsOptions()));
            }
        }
        return out;
    }

    private static Mount bind(Path src, Planned p) {
        return new Mount(p.target(), "bind", src.toString(), List.of(p.nonRecursive() ? "bind" : "rbind",
                p.readOnly() ? "ro" : "rw", SpecFactory.empty(p.propagation()) ? "rprivate" : p.propagation()));
    }

    /** The image's directory at a mount path, or null when it is not a directory inside the root file system. */
    static Path inRoot(Path rootfs, String target) {
        Path dir = rootfs.resolve(clean(target).substring(1));
        try {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                return null;
            }
            // a symlinked parent in the image may point anywhere on the host: copy only what is inside the root
            return dir.toRealPath().startsWith(rootfs.toRealPath()) ? dir : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static int depth(String target) {
        String t = clean(target);
        return t.equals("/") ? 0 : (int) t.chars().filter(ch -> ch == '/').count();
    }

    static String clean(String path) {
        String p = Path.of("/").resolve(path).normalize().toString();
        return p.isEmpty() ? "/" : p;
    }

    // ------------------------------------------------------------------ inspect

    /** The {@code Mounts} section of inspect and of the container list. */
    List<MountPoint> points(Container c) {
        List<MountPoint> list = new ArrayList<>();
        Map<String, VolumeDetails> known = new HashMap<>();
        for (Planned p : plan(c.hostConfig)) {
            if (!p.shown()) {
                continue;
            }
            switch (p.type()) {
                case "volume" -> {
                    VolumeDetails d = known.computeIfAbsent(p.source(), this::details);
                    list.add(new MountPoint("volume", p.source(), d == null ? "" : d.mountpoint(), p.target(),
                            d == null ? "local" : d.driver(), p.mode(), !p.readOnly(), ""));
                }
                case "bind" -> list.add(new MountPoint("bind", "", p.source(), p.target(), "", p.mode(),
                        !p.readOnly(), p.propagation()));
                default -> list.add(new MountPoint("tmpfs", "", "", p.target(), "", "", !p.readOnly(), ""));
            }
        }
        return list;
    }

    /** The volume as its service knows it; null when absent (a removed driver's volume still shows). */
    private VolumeDetails details(String volume) {
        VolumeService vs = volumeService.get();
        try {
            return vs == null ? null : vs.inspect(volume);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
