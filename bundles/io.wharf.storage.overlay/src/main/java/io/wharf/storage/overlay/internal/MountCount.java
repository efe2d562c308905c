package io.wharf.storage.overlay.internal;

import io.wharf.linux.files.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A layer's mount count kept on disk, so that a restarted daemon continues counting. The count is stamped
 * with the kernel's boot ID: after a reboot nothing is mounted any more, and an old count reads as zero.
 */
final class MountCount {
    private final Path file;
    private final String bootId;

    MountCount(Path file, String bootId) {
        this.file = file;
        this.bootId = bootId;
    }

    int get() throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (NoSuchFileException e) {
            return 0;
        }
        String[] parts = text.split(" ");
        if (parts.length != 2 || !parts[1].equals(bootId)) {
            return 0;
        }
        try {
            return Math.max(0, Integer.parseInt(parts[0]));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    void set(int count) throws IOException {
        if (count <= 0) {
            Files.deleteIfExists(file);
        } else {
            AtomicFiles.write(file, count + " " + bootId + "\n");
        }
    }

    /** The current boot's ID; a constant when the kernel does not tell (counts then survive a reboot). */
    static String currentBootId() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/random/boot_id"), StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
