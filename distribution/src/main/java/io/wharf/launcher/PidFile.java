package io.wharf.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The daemon's pid file: written atomically at start-up, removed on the way out if it is still ours. */
final class PidFile {
    private final Path path;
    private final long pid;

    private PidFile(Path path, long pid) {
        this.path = path;
        this.pid = pid;
    }

    static PidFile write(Path path, long pid) throws IOException {
        Files.createDirectories(path.toAbsolutePath().getParent());
        Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
        Files.writeString(tmp, pid + "\n", StandardCharsets.US_ASCII);
        Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new PidFile(path, pid);
    }

    void remove() {
        try {
            if (Files.readString(path, StandardCharsets.US_ASCII).trim().equals(Long.toString(pid))) {
                Files.delete(path);
            }
        } catch (IOException e) {
            // already gone or unreadable: nothing of ours to remove
        }
    }
}
