package io.wharf.linux.files;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds a host tool the way a shell does: in the directories of a {@code PATH} value, in order. */
public final class SearchPath {
    private SearchPath() {
    }

    /** Whether an executable {@code tool} is in one of the directories of {@code path} (null or empty: none). */
    public static boolean has(String path, String tool) {
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
