package io.wharf.storage.overlay.internal;

import io.wharf.api.errors.ConflictException;
import io.wharf.api.errors.InvalidArgumentException;
import io.wharf.api.errors.NotFoundException;
import io.wharf.api.errors.WharfException;
import io.wharf.api.storage.StorageDriver;
import io.wharf.archive.ArchivePipe;
import io.wharf.archive.Changes;
import io.wharf.archive.LayerDiff;
import io.wharf.archive.LayerExtractor;
import io.wharf.linux.Mounts;
import io.wharf.linux.files.AtomicFiles;
import io.wharf.linux.files.BackingFilesystem;
import io.wharf.linux.files.FileTrees;
import io.wharf.linux.files.MountCount;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;

/**
 * The overlay2 storage driver: each layer keeps only its own changes in {@code <id>/diff}, and a mount stacks
 * the chain with the kernel's overlayfs. The layout under {@code <data-root>/storage/overlay2} is dockerd's
 * (see {@link OverlayLayout}); mounts are counted on disk and checked against the kernel's mount table, so a
 * restarted daemon carries on where the old one stopped.
 */
@Component(service = StorageDriver.class, property = StorageDriver.NAME + "=overlay2",
        configurationPid = OverlayDriver.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class OverlayDriver implements StorageDriver {
    /** This component's configuration; the launcher fills it from daemon.json and the command line. */
    public static final String PID = "io.wharf.storage.overlay";


    /** The keys of the engine configuration this driver reads. */
    public @interface Config {
        String data_root() default "/var/lib/wharf";
    }

    private static final String TMP_PREFIX = ".tmp-";
    private static final Path OVERLAY_PARAMETERS = Path.of("/sys/module/overlay/parameters");

    private final OverlayLayout layout;
    private final OverlayMounter mounter;
    private final String bootId;
    private final String featureOptions;
    private final LinkIds linkIds = new LinkIds();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    @Activate
    public OverlayDriver(Config config) throws IOException {
        this(Path.of(config.data_root()).resolve("storage").resolve("overlay2"));
    }

    /**
     * The engine configuration changes for many reasons (debug, labels, ...); none of them concerns a driver
     * that is running. A new data root takes effect at the next start, as with dockerd, instead of this
     * driver vanishing from under the daemon's in-flight operations.
     */
    @Modified
    void modified(Config config) {
        // Deliberately nothing: see above.
    }

    /**
     * A driver on {@code root}, which it creates. Throws {@link io.wharf.api.errors.UnavailableException}
     * when the host cannot run overlay2 there; cleans what an interrupted create, remove or probe left.
     */
    public OverlayDriver(Path root) throws IOException {
        Path real = Files.createDirectories(root).toRealPath();
        this.layout = new OverlayLayout(real);
        Files.createDirectories(layout.links());
        this.featureOptions = OverlayMounter.featureOptions(OVERLAY_PARAMETERS);
        this.mounter = new OverlayMounter(layout, featureOptions);
        this.bootId = MountCount.currentBootId();
        cleanUp();
        OverlayProbe.check(real, featureOptions);
    }

    private void cleanUp() throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(layout.root())) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.startsWith(OverlayProbe.PREFIX)) {
                    Path merged = entry.resolve("merged");
                    if (Files.isDirectory(merged) && Mounts.isMountPoint(merged)) {
                        Mounts.umount2(merged, Mounts.MNT_DETACH);
                    }
                    FileTrees.deleteRecursively(entry);
                } else if (name.startsWith(TMP_PREFIX)) {
                    FileTrees.deleteRecursively(entry);
                }
            }
        }
        // Links whose layer never finished being created, or was removed halfway.
        try (DirectoryStream<Path> links = Files.newDirectoryStream(layout.links())) {
            for (Path link : links) {
                if (!Files.exists(link)) {
                    Files.deleteIfExists(link);
                }
            }
        }
    }

    @Override
    public List<List<String>> status() {
        return List.of(
                List.of("Backing Filesystem", BackingFilesystem.name(layout.root())),
                List.of("Supports d_type", "true"),
                List.of("Using metacopy", Boolean.toString(!featureOptions.contains("metacopy=off")
                        && kernelDefault("metacopy"))),
                List.of("Native Overlay Diff", "true"),
                List.of("userxattr", "false"));
    }

    private static boolean kernelDefault(String parameter) {
        try {
            return Files.readString(OVERLAY_PARAMETERS.resolve(parameter), StandardCharsets.US_ASCII).trim()
                    .equals("Y");
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void create(String id, String parent, boolean readWrite, Map<String, String> options) {
        LayerIds.check(id);
        synchronized (lock(id)) {
            if (exists(id)) {
                throw new ConflictException("layer " + id + " already exists");
            }
            Path tmp = layout.root().resolve(TMP_PREFIX + id + "-" + UUID.randomUUID());
            try {
                List<String> lower = new ArrayList<>();
                if (parent != null) {
                    requireLayer(parent);
                    lower.add(OverlayLayout.LINKS + "/" + layout.link(parent));
                    lower.addAll(layout.lower(parent));
                }
                Files.createDirectory(tmp);
                Files.createDirectory(tmp.resolve("diff"));
                Files.createDirectory(tmp.resolve("work"));
                Files.createDirectory(tmp.resolve("merged"));
                String link = linkIds.next(layout.links());
                // An image layer's records are flushed: its content is written once and kept. A container's
                // writable layer is created on the path of every `docker run`; it is not worth three flushes
                // to disk there, and a power cut that loses one loses only a container that was just created.
                boolean flush = !readWrite;
                AtomicFiles.write(tmp.resolve("link"), link, flush);
                if (!lower.isEmpty()) {
                    AtomicFiles.write(tmp.resolve("lower"), String.join(":", lower), flush);
                }
                if (readWrite) {
                    AtomicFiles.write(tmp.resolve("rw"), "", flush);
                    if (options != null && "true".equals(options.get(StorageDriver.OPTION_VOLATILE))) {
                        AtomicFiles.write(tmp.resolve("volatile"), "", flush);
                    }
                }
                // The link dangles until the rename below makes the layer exist in one step.
                Files.createSymbolicLink(layout.links().resolve(link), Path.of("..", id, "diff"));
                Files.move(tmp, layout.layer(id), StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                try {
                    FileTrees.deleteRecursively(tmp);
                } catch (IOException ignored) {
                    // The next activation removes it.
                }
                throw new WharfException("creating layer " + id + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public boolean exists(String id) {
        return LayerIds.valid(id) && Files.isDirectory(layout.diff(id), LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public Path mount(String id) {
        synchronized (lock(id)) {
            requireLayer(id);
            try {
                MountCount count = count(id);
                if (mounter.isMounted(id)) {
                    // Mounted by us or by an earlier daemon: one more user. A lost count means one user so far.
                    count.set(Math.max(count.get(), 1) + 1);
                } else {
                    mounter.mount(id, Files.exists(layout.readWriteMarker(id)));
                    count.set(1);
                }
                return layout.merged(id);
            } catch (IOException e) {
                throw new WharfException("mounting layer " + id + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public void unmount(String id) {
        if (!exists(id)) {
            return;
        }
        synchronized (lock(id)) {
            try {
                MountCount count = count(id);
                if (!mounter.isMounted(id)) {
                    count.set(0);
                    return;
                }
                int users = count.get();
                if (users > 1) {
                    count.set(users - 1);
                    return;
                }
                mounter.unmount(id);
                count.set(0);
            } catch (IOException e) {
                throw new WharfException("unmounting layer " + id + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public void remove(String id) {
        if (!exists(id)) {
            return;
        }
        synchronized (lock(id)) {
            try {
                if (mounter.isMounted(id)) {
                    throw new ConflictException("layer " + id + " is in use: mounted " + Math.max(1, count(id).get())
                            + " time(s)");
                }
                String link = layout.link(id);
                Path doomed = layout.root().resolve(TMP_PREFIX + "rm-" + id + "-" + UUID.randomUUID());
                Files.move(layout.layer(id), doomed, StandardCopyOption.ATOMIC_MOVE);
                Files.deleteIfExists(layout.links().resolve(link));
                FileTrees.deleteRecursively(doomed);
            } catch (IOException e) {
                throw new WharfException("removing layer " + id + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public long applyDiff(String id, String parent, InputStream tar) {
        synchronized (lock(id)) {
            requireLayer(id);
            try {
                return LayerExtractor.apply(tar, layout.diff(id), LayerExtractor.Options.overlay());
            } catch (IOException e) {
                throw new WharfException("applying layer diff to " + id + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public InputStream diff(String id, String parent) {
        requireParent(id, parent);
        Path upper = layout.diff(id);
        try {
            return ArchivePipe.open("overlay2-diff " + id, out -> LayerDiff.writeOverlayUpper(upper, out));
        } catch (IOException e) {
            throw new WharfException("computing diff of layer " + id + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<Change> changes(String id, String parent) {
        requireParent(id, parent);
        try {
            return Changes.ofOverlay(layout.diff(id), layout.lowerDirs(id));
        } catch (IOException e) {
            throw new WharfException("computing changes of layer " + id + ": " + e.getMessage(), e);
        }
    }

    @Override
    public long diffSize(String id, String parent) {
        try {
            return Changes.size(layout.diff(id), changes(id, parent));
        } catch (IOException e) {
            throw new WharfException("computing diff size of layer " + id + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Map<String, String> metadata(String id) {
        requireLayer(id);
        Map<String, String> data = new LinkedHashMap<>();
        try {
            List<Path> lower = layout.lowerDirs(id);
            if (!lower.isEmpty()) {
                data.put("LowerDir", lower.stream().map(Path::toString).collect(Collectors.joining(":")));
            }
        } catch (IOException e) {
            throw new WharfException("reading layer " + id + ": " + e.getMessage(), e);
        }
        data.put("MergedDir", layout.merged(id).toString());
        data.put("UpperDir", layout.diff(id).toString());
        data.put("WorkDir", layout.work(id).toString());
        return data;
    }

    /** The native diff is the upper directory, which is the difference to the layer's own parent only. */
    private void requireParent(String id, String parent) {
        requireLayer(id);
        try {
            List<String> lower = layout.lower(id);
            String actual = lower.isEmpty() ? null : lower.get(0);
            String expected = parent == null ? null : OverlayLayout.LINKS + "/" + layout.link(requireLayer(parent));
            if (actual == null ? expected != null : !actual.equals(expected)) {
                throw new InvalidArgumentException("overlay2: " + parent + " is not the parent of layer " + id);
            }
        } catch (IOException e) {
            throw new WharfException("reading layer " + id + ": " + e.getMessage(), e);
        }
    }

    private String requireLayer(String id) {
        LayerIds.check(id);
        if (!exists(id)) {
            throw new NotFoundException("layer " + id + " does not exist");
        }
        return id;
    }

    private MountCount count(String id) {
        return new MountCount(layout.mountCount(id), bootId);
    }

    private Object lock(String id) {
        return locks.computeIfAbsent(id, k -> new Object());
    }
}
