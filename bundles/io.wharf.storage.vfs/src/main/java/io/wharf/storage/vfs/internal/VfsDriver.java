package io.wharf.storage.vfs.internal;

import io.wharf.api.errors.ConflictException;
import io.wharf.api.errors.NotFoundException;
import io.wharf.api.errors.WharfException;
import io.wharf.api.storage.StorageDriver;
import io.wharf.linux.files.BackingFilesystem;
import io.wharf.linux.files.FileTrees;
import io.wharf.linux.files.MountCount;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;

/**
 * The vfs storage driver: every layer is a complete directory tree, a copy of its parent's with its own
 * changes applied. Slow and large, but it works on every file system and needs no mount. On disk, under
 * {@code <data-root>/storage/vfs}: {@code dir/<id>/} the tree, {@code meta/<id>} the layer record (parent,
 * writable), {@code mounts/<id>} the mount count.
 */
@Component(service = StorageDriver.class, property = StorageDriver.NAME + "=vfs",
        configurationPid = VfsDriver.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class VfsDriver implements StorageDriver {
    /** This component's configuration; the launcher fills it from daemon.json and the command line. */
    public static final String PID = "io.wharf.storage.vfs";


    /** The keys of the engine configuration this driver reads. */
    public @interface Config {
        String data_root() default "/var/lib/wharf";
    }

    private static final String TMP_PREFIX = ".tmp-";

    private final Path root;
    private final Path dirs;
    private final Path meta;
    private final Path mounts;
    private final String bootId;
    private final TreeCopier copier = new TreeCopier();
    private final LayerDiffs diffs = new LayerDiffs();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    @Activate
    public VfsDriver(Config config) throws IOException {
        this(Path.of(config.data_root()).resolve("storage").resolve("vfs"));
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

    /** A driver on {@code root}, which it creates; cleans what an interrupted create or remove left. */
    public VfsDriver(Path root) throws IOException {
        this.root = Files.createDirectories(root);
        this.dirs = Files.createDirectories(root.resolve("dir"));
        this.meta = Files.createDirectories(root.resolve("meta"));
        this.mounts = Files.createDirectories(root.resolve("mounts"));
        this.bootId = MountCount.currentBootId();
        cleanUp();
    }

    private void cleanUp() throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dirs)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                // A tree without its record was being created or removed when the daemon stopped.
                if (name.startsWith(TMP_PREFIX) || !Files.exists(meta.resolve(name))) {
                    FileTrees.deleteRecursively(entry);
                }
            }
        }
    }

    @Override
    public List<List<String>> status() {
        return List.of(List.of("Backing Filesystem", BackingFilesystem.name(root)));
    }

    @Override
    public void create(String id, String parent, boolean readWrite, Map<String, String> options) {
        LayerIds.check(id);
        synchronized (lock(id)) {
            if (exists(id)) {
                throw new ConflictException("layer " + id + " already exists");
            }
            Path tmp = dirs.resolve(TMP_PREFIX + id + "-" + UUID.randomUUID());
            try {
                if (parent == null) {
                    Files.createDirectory(tmp);
                } else {
                    Path from = layerDir(parent);
                    Files.createDirectory(tmp);
                    synchronized (lock(parent)) {
                        copier.copy(from, tmp);
                    }
                }
                Path target = dirs.resolve(id);
                FileTrees.deleteRecursively(target);
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                new LayerRecord(id, parent, readWrite).write(meta.resolve(id));
            } catch (IOException e) {
                deleteQuietly(tmp);
                throw new WharfException("creating layer " + id + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public boolean exists(String id) {
        return id != null && LayerIds.valid(id) && Files.exists(meta.resolve(id));
    }

    @Override
    public Path mount(String id) {
        synchronized (lock(id)) {
            Path dir = layerDir(id);
            MountCount count = count(id);
            try {
                count.set(count.get() + 1);
            } catch (IOException e) {
                throw new WharfException("mounting layer " + id + ": " + e.getMessage(), e);
            }
            return dir;
        }
    }

    @Override
    public void unmount(String id) {
        if (!LayerIds.valid(id)) {
            return;
        }
        synchronized (lock(id)) {
            MountCount count = count(id);
            try {
                count.set(count.get() - 1);
            } catch (IOException e) {
                throw new WharfException("unmounting layer " + id + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public void remove(String id) {
        if (!LayerIds.valid(id)) {
            return;
        }
        synchronized (lock(id)) {
            try {
                int mounted = count(id).get();
                if (mounted > 0) {
                    throw new ConflictException("layer " + id + " is in use: mounted " + mounted + " time(s)");
                }
                // The record goes first: from then on the layer is gone, whatever happens to its tree.
                Files.deleteIfExists(meta.resolve(id));
                Path dir = dirs.resolve(id);
                if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                    Path doomed = dirs.resolve(TMP_PREFIX + "rm-" + id + "-" + UUID.randomUUID());
                    Files.move(dir, doomed, StandardCopyOption.ATOMIC_MOVE);
                    FileTrees.deleteRecursively(doomed);
                }
                count(id).set(0);
            } catch (IOException e) {
                throw new WharfException("removing layer " + id + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public long applyDiff(String id, String parent, InputStream tar) {
        synchronized (lock(id)) {
            Path dir = layerDir(id);
            try {
                return diffs.apply(dir, tar);
            } catch (IOException e) {
                throw new WharfException("applying layer diff to " + id + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public InputStream diff(String id, String parent) {
        Path dir = layerDir(id);
        try {
            return diffs.diff(parentDir(parent), dir);
        } catch (IOException e) {
            throw new WharfException("computing diff of layer " + id + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<Change> changes(String id, String parent) {
        Path dir = layerDir(id);
        try {
            return diffs.changes(parentDir(parent), dir);
        } catch (IOException e) {
            throw new WharfException("computing changes of layer " + id + ": " + e.getMessage(), e);
        }
    }

    @Override
    public long diffSize(String id, String parent) {
        Path dir = layerDir(id);
        try {
            return diffs.size(dir, diffs.changes(parentDir(parent), dir));
        } catch (IOException e) {
            throw new WharfException("computing diff size of layer " + id + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Map<String, String> metadata(String id) {
        return Map.of("Dir", layerDir(id).toString());
    }

    /** The parent's tree, or null for a base layer whose diff is its whole tree. */
    private Path parentDir(String parent) {
        return parent == null ? null : layerDir(parent);
    }

    private Path layerDir(String id) {
        LayerIds.check(id);
        if (!Files.exists(meta.resolve(id))) {
            throw new NotFoundException("layer " + id + " does not exist");
        }
        return dirs.resolve(id);
    }

    private MountCount count(String id) {
        return new MountCount(mounts.resolve(id), bootId);
    }

    private Object lock(String id) {
        return locks.computeIfAbsent(id, k -> new Object());
    }

    private static void deleteQuietly(Path dir) {
        try {
            FileTrees.deleteRecursively(dir);
        } catch (IOException | UncheckedIOException e) {
            // Left for the clean-up at the next start.
        }
    }
}
