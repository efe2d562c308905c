package io.wharf.linux.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A mount count kept on disk, so that a restarted daemon continues counting. The count is stamped with the
 * kernel's boot ID: after a reboot nothing is mounted any more, and an old count reads as zero.
 */
public final class MountCount {
    private final Path file;
    private final String bootId;

    /** The count kept in {@code file}, valid while the boot ID is {@code bootId}. */
    public MountCount(Path file, String bootId) {
        this.file = file;
        this.bootId = bootId;
    }

    /** The count; zero if the file is missing, unreadable as a count, or from another boot. */
    public int get() throws IOException {
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

    /** Stores the count; zero or less removes the file. */
    public void set(int count) throws IOException {
        if (count <= 0) {
            Files.deleteIfExists(file);
        } else {
            // a count means nothing after a reboot (the boot ID says so), so a power cut cannot make it wrong
            AtomicFiles.replace(file, count + " " + bootId + "\n");
        }
    }

    /** The current boot's ID; a constant when the kernel does not tell (counts then survive a reboot). */
    public static String currentBootId() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/random/boot_id"), StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
