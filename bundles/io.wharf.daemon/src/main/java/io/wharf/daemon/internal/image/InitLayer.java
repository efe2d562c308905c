package io.wharf.daemon.internal.image;

import io.wharf.archive.TarHeader;
import io.wharf.archive.TarWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/**
 * The content of a container's init layer (dockerd's {@code <id>-init}): the mount points and files the engine
 * puts into every container, as empty placeholders in a read-only layer between the image and the container's
 * writable layer. The runtime mounts over them, so the writable layer never gains them and {@code docker diff},
 * {@code docker commit} and {@code docker export} see only what the container's processes changed.
 */
final class InitLayer {
    /** Suffix of the init layer's driver ID after the writable layer's, as dockerd names it. */
    static final String SUFFIX = "-init";

    /** The directories, in the order a tar needs them (parents first). */
    private static final List<String> DIRECTORIES = List.of("dev", "dev/pts", "dev/shm", "etc", "proc", "sys");
    /** The empty files the runtime binds over (0755 as dockerd makes them). */
    private static final List<String> FILES = List.of(".dockerenv", "dev/console", "etc/hostname", "etc/hosts",
            "etc/resolv.conf");

    private InitLayer() {
    }

    /** The init layer as an uncompressed layer tar, for the storage driver's {@code applyDiff}. */
    static InputStream tar() {
        Instant now = Instant.now();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 * 1024);
        try (TarWriter tar = new TarWriter(bytes)) {
            for (String dir : DIRECTORIES) {
                tar.add(TarHeader.directory(dir).withMtime(now), null);
            }
            for (String file : FILES) {
                tar.add(TarHeader.file(file, 0).withMode(0755).withMtime(now), null);
            }
            tar.add(TarHeader.symlink("etc/mtab", "/proc/mounts").withMtime(now), null);
            tar.finish();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the init layer", e);
        }
        return new ByteArrayInputStream(bytes.toByteArray());
    }
}
