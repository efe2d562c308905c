package io.wharf.linux.files;

import io.wharf.linux.LinuxException;
import io.wharf.linux.Mounts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A small tmpfs mounted on a new directory for one test, detached on close even when the test failed. */
final class ScratchTmpfs implements AutoCloseable {
    private final Path mountPoint;

    private ScratchTmpfs(Path mountPoint) {
        this.mountPoint = mountPoint;
    }

    /** Creates {@code dir} and mounts a 1 MiB tmpfs on it. */
    static ScratchTmpfs mountOn(Path dir) throws IOException {
        Files.createDirectory(dir);
        Mounts.mount("tmpfs", dir, "tmpfs", Mounts.MS_NODEV | Mounts.MS_NOSUID, "size=1m");
        return new ScratchTmpfs(dir);
    }

    Path path() {
        return mountPoint;
    }

    @Override
    public void close() throws LinuxException {
        Mounts.umount2(mountPoint, Mounts.MNT_DETACH);
    }
}
