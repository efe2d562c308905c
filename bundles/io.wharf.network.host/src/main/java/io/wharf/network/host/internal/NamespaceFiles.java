package io.wharf.network.host.internal;

import io.wharf.api.errors.InvalidArgumentException;
import io.wharf.api.errors.WharfException;
import io.wharf.api.network.NetworkNamespaces;
import io.wharf.linux.LinuxException;
import io.wharf.linux.MountInfo;
import io.wharf.linux.Mounts;
import io.wharf.linux.Namespaces;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Network namespaces held by bind mounts under {@code <exec-root>/netns}, as {@code ip netns add} makes them: a
 * short-lived thread unshares its network namespace, brings {@code lo} up and binds
 * {@code /proc/thread-self/ns/net} onto the file. No process is spawned. The directory is made a shared mount
 * of itself so that removing a namespace also drops copies other mount namespaces took of it.
 */
@Component(service = NetworkNamespaces.class, configurationPid = NamespaceFiles.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class NamespaceFiles implements NetworkNamespaces {
    /** This component's configuration; the launcher fills it from daemon.json and the command line. */
    public static final String PID = "io.wharf.network.host";


    @ObjectClassDefinition(name = "Wharf network namespaces")
    @interface Config {
        String exec_root() default "/run/wharf";
    }

    private final Path dir;
    private final Loopback loopback = new Loopback();
    private final Object sharedMountLock = new Object();
    private boolean sharedMount;

    @Activate
    public NamespaceFiles(Config config) {
        this(Path.of(config.exec_root(), "netns"));
    }

    NamespaceFiles(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    /** The exec root is fixed for the daemon's life; other settings do not concern namespaces. */
    @Modified
    void modified() {
    }

    /**
     * The daemon stops: namespaces of running containers stay (live restore) and so does the directory's mount
     * then; with none left the directory is unmounted, so a stopped daemon without containers leaves no mount.
     */
    @Deactivate
    void deactivate() {
        synchronized (sharedMountLock) {
            try (java.util.stream.Stream<Path> files = Files.list(dir)) {
                if (files.findAny().isPresent() || !isMountPoint(dir)) {
                    return;
                }
                Mounts.umount2(dir, Mounts.MNT_DETACH);
                sharedMount = false;
            } catch (IOException e) {
                // absent directory or already unmounted: nothing to leave clean
            }
        }
    }

    @Override
    public Path path(String id) {
        if (id == null || id.isEmpty() || id.contains("/") || id.startsWith(".")) {
            throw new InvalidArgumentException("invalid network namespace name: " + id);
        }
        return dir.resolve(id);
    }

    @Override
    public Path create(String id) {
        Path file = path(id);
        try {
            prepareDirectory();
            if (isMounted(file)) {
                return file;
            }
            Files.deleteIfExists(file);
            Files.createFile(file);
        } catch (IOException e) {
            throw new WharfException("cannot create network namespace file " + file + ": " + e.getMessage(), e);
        }
        // unshare(CLONE_NEWNET) changes only this thread; the thread ends afterwards so no pooled thread is left
        // in the container's namespace.
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                Namespaces.unshare(Namespaces.CLONE_NEWNET);
                loopback.up();
                Mounts.mount("/proc/thread-self/ns/net", file, null, Mounts.MS_BIND, null);
                done.complete(null);
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        }, "wharf-netns-" + (id.length() > 12 ? id.substring(0, 12) : id));
        thread.setDaemon(true);
        thread.start();
        try {
            done.get(10, TimeUnit.SECONDS);
            return file;
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            quietlyDelete(file);
            throw new WharfException("cannot create network namespace " + file + ": " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            quietlyDelete(file);
            throw new WharfException("interrupted while creating network namespace " + file, e);
        }
    }

    @Override
    public void remove(String id) {
        Path file = path(id);
        try {
            Mounts.umount2(file, Mounts.MNT_DETACH);
        } catch (LinuxException e) {
            // not mounted (EINVAL) or already gone (ENOENT): nothing holds the namespace any more
        }
        quietlyDelete(file);
    }

    private void prepareDirectory() throws IOException {
        synchronized (sharedMountLock) {
            if (sharedMount) {
                return;
            }
            Files.createDirectories(dir);
            try {
                if (!isMountPoint(dir)) {
                    Mounts.mount(dir.toString(), dir, null, Mounts.MS_BIND | Mounts.MS_REC, null);
                }
                Mounts.mount(null, dir, null, Mounts.MS_SHARED | Mounts.MS_REC, null);
            } catch (LinuxException e) {
                throw new IOException("cannot make " + dir + " a shared mount: " + e.getMessage(), e);
            }
            sharedMount = true;
        }
    }

    private static boolean isMountPoint(Path path) throws IOException {
        for (MountInfo mount : Mounts.mountInfo()) {
            if (mount.mountPoint().equals(path)) {
                return true;
            }
        }
        return false;
    }

    /** A namespace file is mounted when it is an nsfs inode, which a plain empty file never is. */
    private static boolean isMounted(Path file) throws IOException {
        return Files.exists(file) && isMountPoint(file);
    }

    private static void quietlyDelete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a file still busy stays; create() replaces it
        }
    }
}
