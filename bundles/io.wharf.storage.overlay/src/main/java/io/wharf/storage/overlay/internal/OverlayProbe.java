package io.wharf.storage.overlay.internal;

import io.wharf.api.errors.UnavailableException;
import io.wharf.linux.FsStat;
import io.wharf.linux.Mounts;
import io.wharf.linux.PosixFiles;
import io.wharf.linux.files.FileTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Whether the host can run overlay2 under a root: the kernel must know overlayfs, the root must not itself be
 * on overlayfs (an upper directory cannot live there), and a real mount of two lowers with an upper and a
 * whiteout must work. Fails with {@link UnavailableException} naming the reason: the driver is skipped.
 */
final class OverlayProbe {
    static final String PREFIX = ".probe-";

    private OverlayProbe() {
    }

    static void check(Path root, String featureOptions) {
        try {
            boolean known = Files.readAllLines(Path.of("/proc/filesystems"), StandardCharsets.US_ASCII).stream()
                    .map(l -> l.trim().split("\\s+")).anyMatch(f -> f[f.length - 1].equals("overlay"));
            if (!known) {
                throw skipped("the kernel does not support overlay (not in /proc/filesystems)");
            }
            long type = PosixFiles.statfs(root).type();
            if (type == FsStat.OVERLAYFS_SUPER_MAGIC) {
                throw skipped(root + " is on overlayfs, which cannot hold upper directories");
            }
            if (type == FsStat.ECRYPTFS_SUPER_MAGIC) {
                throw skipped(root + " is on ecryptfs, which overlayfs does not support");
            }
        } catch (IOException e) {
            throw skipped("cannot inspect " + root + ": " + e.getMessage());
        }
        testMount(root, featureOptions);
    }

    private static void testMount(Path root, String featureOptions) {
        Path dir = root.resolve(PREFIX + UUID.randomUUID());
        Path merged = dir.resolve("merged");
        boolean mounted = false;
        try {
            Path lower1 = Files.createDirectories(dir.resolve("lower1"));
            Path lower2 = Files.createDirectories(dir.resolve("lower2"));
            Path upper = Files.createDirectories(dir.resolve("upper"));
            Path work = Files.createDirectories(dir.resolve("work"));
            Files.createDirectories(merged);
            Files.writeString(lower2.resolve("bottom"), "x");
            Files.writeString(lower2.resolve("hidden"), "x");
            PosixFiles.mknod(upper.resolve("hidden"), PosixFiles.S_IFCHR, 0);
            Mounts.mount("overlay", merged, "overlay", 0, "lowerdir=" + lower1 + ":" + lower2 + ",upperdir=" + upper
                    + ",workdir=" + work + featureOptions);
            mounted = true;
            if (!Files.exists(merged.resolve("bottom")) || Files.exists(merged.resolve("hidden"))) {
                throw skipped("a test mount under " + root + " does not merge its layers");
            }
        } catch (IOException e) {
            throw skipped("a test mount under " + root + " failed: " + e.getMessage());
        } finally {
            try {
                if (mounted) {
                    Mounts.umount2(merged, Mounts.MNT_DETACH);
                }
                FileTrees.deleteRecursively(dir);
            } catch (IOException e) {
                // The next activation removes what is left.
            }
        }
    }

    private static UnavailableException skipped(String reason) {
        return new UnavailableException("overlay2 skipped: " + reason);
    }
}
