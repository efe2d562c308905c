package io.wharf.daemon.internal.image;

import io.wharf.linux.files.AtomicFiles;
import io.wharf.linux.files.FileTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The image stores' view of {@link AtomicFiles} and {@link FileTrees}: the same writes, with the directory made
 * first and a failure thrown unchecked, since the stores' callers answer any of them with a 500 anyway.
 */
final class StoreFiles {
    private StoreFiles() {
    }

    /** {@link AtomicFiles#write(Path, byte[])}: durable, for what must survive a power cut. */
    static void write(Path target, byte[] data) {
        write(target, data, true);
    }

    /**
     * {@link AtomicFiles#replace(Path, byte[])}: for a container's records, written on the path of every
     * {@code docker run}, which a power cut may lose or leave empty (readers cope).
     */
    static void replace(Path target, byte[] data) {
        write(target, data, false);
    }

    private static void write(Path target, byte[] data, boolean flush) {
        try {
            Files.createDirectories(target.getParent());
            AtomicFiles.write(target, data, flush);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    /** {@link AtomicFiles#commit}: moves a temporary file written in full over {@code target}, durably. */
    static void commit(Path temp, Path target) throws IOException {
        AtomicFiles.commit(temp, target, true);
    }

    /** {@link AtomicFiles#commit} of a file whose content its writer forced to disk already. */
    static void commitSynced(Path temp, Path target) throws IOException {
        AtomicFiles.commit(temp, target, true, true);
    }

    static void deleteTree(Path dir) {
        try {
            FileTrees.deleteRecursively(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + dir, e);
        }
    }
}
