package io.wharf.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Refuses, before the engine starts and writes anything, a data root this wharfd must not use: one written by a
 * newer Wharf, or one whose layers belong to another storage driver than {@code --storage-driver} names. The
 * engine records both (io.wharf.daemon's DataRootFormat and StorageChoice, whose file names these are) and checks
 * them again itself; here the refusal reaches the terminal and the exit code.
 */
final class DataRootCheck {
    /** The newest data root format this Wharf reads. */
    static final int FORMAT = 1;
    static final String FORMAT_FILE = "wharf-format";
    static final String STORAGE_FILE = "image/storage-driver";

    private DataRootCheck() {
    }

    static void check(Path dataRoot, String storageDriver) throws UsageException, IOException {
        String format = read(dataRoot.resolve(FORMAT_FILE));
        if (format != null && !isReadable(format)) {
            throw new UsageException("data root " + dataRoot + " was written by a newer Wharf (format " + format
                    + "; this one reads format " + FORMAT + " and older): nothing was changed");
        }
        String recorded = read(dataRoot.resolve(STORAGE_FILE));
        if (recorded != null && storageDriver != null && !storageDriver.isEmpty()
                && !recorded.equals(storageDriver)) {
            throw new UsageException("data root " + dataRoot + " holds the layers of storage driver \"" + recorded
                    + "\"; refusing to start with storage driver \"" + storageDriver + "\" (use --storage-driver "
                    + recorded + ", or another --data-root)");
        }
    }

    private static boolean isReadable(String format) {
        try {
            return Integer.parseInt(format) <= FORMAT;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String read(Path file) throws IOException {
        try {
            String s = Files.readString(file, StandardCharsets.UTF_8).trim();
            return s.isEmpty() ? null : s;
        } catch (NoSuchFileException e) {
            return null;
        }
    }
}
