package io.wharf.daemon.internal.system;

import io.wharf.linux.files.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The layout version of a data root, in {@code <data-root>/wharf-format}. A Wharf that changes the layout in a way
 * older ones cannot read raises {@link #CURRENT}; an older Wharf then refuses the data root at start (the launcher
 * checks before anything is written) instead of misreading it. A data root without the file is of format 1.
 */
public final class DataRootFormat {
    /** The format this Wharf writes and the newest it reads. */
    public static final int CURRENT = 1;
    public static final String FILE = "wharf-format";

    private DataRootFormat() {
    }

    /** Records {@link #CURRENT} in a data root that has no format yet; one written by a newer Wharf is refused. */
    static void mark(Path dataRoot) {
        Path file = dataRoot.resolve(FILE);
        try {
            String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
            int format = parse(text);
            if (format > CURRENT) {
                throw new IllegalStateException("data root " + dataRoot + " was written by a newer Wharf (format "
                        + text + "; this one reads format " + CURRENT + " and older): nothing was changed");
            }
        } catch (NoSuchFileException e) {
            try {
                Files.createDirectories(dataRoot);
                AtomicFiles.write(file, CURRENT + "\n");
            } catch (IOException w) {
                throw new UncheckedIOException("cannot record the format of " + dataRoot, w);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static int parse(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;   // not a format this Wharf knows: treated as newer
        }
    }
}
