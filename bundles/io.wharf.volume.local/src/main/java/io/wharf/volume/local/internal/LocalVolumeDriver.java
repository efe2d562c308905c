package io.wharf.volume.local.internal;

import io.wharf.api.errors.ConflictException;
import io.wharf.api.errors.InvalidArgumentException;
import io.wharf.api.errors.NotFoundException;
import io.wharf.api.errors.WharfException;
import io.wharf.api.volume.VolumeDriver;
import io.wharf.linux.files.FileTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * dockerd's local volume driver. Each volume is {@code <data-root>/volumes/<name>/} holding {@code _data} (what
 * containers see), {@code opts.json} (its record) and {@code refs/} (one empty file per caller that has it
 * mounted). Everything lives on disk or in the kernel's mount table, so a new instance finds all of it again.
 */
@Component(service = VolumeDriver.class, property = VolumeDriver.NAME + "=local", configurationPid = LocalVolumeDriver.PID)
public final class LocalVolumeDriver implements VolumeDriver {
    /** This component's configuration; the launcher fills it from daemon.json and the command line. */
    public static final String PID = "io.wharf.volume.local";

    /** daemon.json's {@code data-root}. */
    @interface Config {
        String data_root() default "/var/lib/wharf";
    }

    static final String DATA = "_data";
    private static final String REFS = "refs";
    private static final String TRASH_PREFIX = ".removing-";
    private static final Pattern CALLER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

    private final Path volumes;
    private final Mounter mounter;

    @Activate
    public LocalVolumeDriver(Config config) throws IOException {
        this(Path.of(config.data_root()), new SyscallMounter());
    }

    LocalVolumeDriver(Path dataRoot, Mounter mounter) throws IOException {
        this.volumes = dataRoot.resolve("volumes");
        this.mounter = mounter;
        if (Files.notExists(volumes)) {
            Files.createDirectories(volumes);
            Files.setPosixFilePermissions(volumes, PosixFilePermissions.fromString("rwx-----x"));
        }
        finishInterruptedRemovals();
    }

    @Override
    public synchronized VolumeInfo create(String name, Map<String, String> options, Map<String, String> labels) {
        VolumeName.check(name);
        Map<String, String> opts = options == null ? Map.of() : options;
        VolumeOptions.check(name, opts);
        Path dir = volumes.resolve(name);
        try {
            if (Files.exists(dir.resolve(VolumeRecord.FILE))) {
                return info(name, VolumeRecord.read(dir));
            }
            // A directory without a record is a create that did not finish; the record is written last.
            Files.createDirectories(dir.resolve(DATA));
            Files.createDirectories(dir.resolve(REFS));
            Files.setPosixFilePermissions(dir.resolve(DATA), PosixFilePermissions.fromString("rwxr-xr-x"));
            String createdAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
            VolumeRecord record = new VolumeRecord(opts, labels == null ? Map.of() : labels, createdAt);
            record.write(dir);
            return info(name, record);
        } catch (IOException e) {
            throw new WharfException("create " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void remove(String name) {
        Path dir = existing(name);
        try {
            List<String> users = callers(dir);
            if (!users.isEmpty()) {
                throw new ConflictException("remove " + name + ": volume is in use - " + users);
            }
            Path data = dir.resolve(DATA);
            // A mount without callers is left from a crash between mount and recording the caller.
            if (mounter.isMounted(data)) {
                mounter.unmount(data);
                if (mounter.isMounted(data)) {
                    throw new ConflictException("remove " + name + ": volume is still mounted at " + data);
                }
            }
            // Renaming first makes the removal all-or-nothing for readers; the deletion can finish later.
            Path trash = volumes.resolve(TRASH_PREFIX + name + "-" + System.nanoTime());
            Files.move(dir, trash, StandardCopyOption.ATOMIC_MOVE);
            FileTrees.deleteRecursively(trash);
        } catch (IOException e) {
            throw new WharfException("remove " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized VolumeInfo get(String name) {
        Path dir = existing(name);
        try {
            return info(name, VolumeRecord.read(dir));
        } catch (IOException e) {
            throw new WharfException("get " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized List<VolumeInfo> list() {
        List<VolumeInfo> result = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(volumes)) {
            for (Path dir : dirs) {
                String name = dir.getFileName().toString();
                if (VolumeName.isValid(name) && Files.exists(dir.resolve(VolumeRecord.FILE))) {
                    result.add(info(name, VolumeRecord.read(dir)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return result;
    }

    @Override
    public synchronized Path mount(String name, String callerId) {
        checkCaller(callerId);
        Path dir = existing(name);
        Path data = dir.resolve(DATA);
        try {
            VolumeRecord record = VolumeRecord.read(dir);
            if (VolumeOptions.needsMount(record.options()) && !mounter.isMounted(data)) {
                Map<String, String> o = record.options();
                try {
                    mounter.mount(o.getOrDefault("device", ""), data, o.getOrDefault("type", ""),
                            o.getOrDefault("o", ""));
                } catch (IOException e) {
                    throw new WharfException("error while mounting volume '" + data + "': failed to mount local volume: "
                            + e.getMessage(), e);
                }
            }
            Path ref = dir.resolve(REFS).resolve(callerId);
            if (Files.notExists(ref)) {
                Files.createDirectories(ref.getParent());
                Files.createFile(ref);
            }
            return data;
        } catch (IOException e) {
            throw new WharfException("mount " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void unmount(String name, String callerId) {
        checkCaller(callerId);
        Path dir = volumes.resolve(name);
        if (!VolumeName.isValid(name) || Files.notExists(dir.resolve(VolumeRecord.FILE))) {
            return; // releasing what is gone is not an error: cleanup paths call this freely
        }
        try {
            Files.deleteIfExists(dir.resolve(REFS).resolve(callerId));
            Path data = dir.resolve(DATA);
            if (callers(dir).isEmpty() && VolumeOptions.needsMount(VolumeRecord.read(dir).options())
                    && mounter.isMounted(data)) {
                mounter.unmount(data);
            }
        } catch (IOException e) {
            throw new WharfException("unmount " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized long usage(String name) {
        Path dir = existing(name);
        try {
            return DiskUsage.of(dir.resolve(DATA));
        } catch (IOException e) {
            return -1;
        }
    }

    /** The callers that have the volume mounted, sorted. */
    private static List<String> callers(Path dir) throws IOException {
        try (Stream<Path> refs = Files.list(dir.resolve(REFS))) {
            return refs.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (NoSuchFileException e) {
            return List.of();
        }
    }

    private Path existing(String name) {
        if (name == null || !VolumeName.isValid(name) || Files.notExists(volumes.resolve(name).resolve(VolumeRecord.FILE))) {
            throw new NotFoundException("get " + name + ": no such volume");
        }
        return volumes.resolve(name);
    }

    private VolumeInfo info(String name, VolumeRecord record) {
        return new VolumeInfo(name, volumes.resolve(name).resolve(DATA).toAbsolutePath().toString(),
                record.createdAt(), record.labels(), record.options(), Map.of());
    }

    private static void checkCaller(String callerId) {
        if (callerId == null || !CALLER.matcher(callerId).matches()) {
            throw new InvalidArgumentException("invalid volume reference ID: " + callerId);
        }
    }

    /** Finishes removals a crash interrupted, unless something is still mounted in one (then it stays). */
    private void finishInterruptedRemovals() throws IOException {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(volumes, TRASH_PREFIX + "*")) {
            for (Path trash : dirs) {
                try {
                    if (!mounter.isMounted(trash.resolve(DATA))) {
                        FileTrees.deleteRecursively(trash);
                    }
                } catch (IOException e) {
                    // left for the next start; it is invisible to the driver meanwhile
                }
            }
        }
    }
}
