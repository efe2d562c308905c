package io.wharf.storage.overlay.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The running kernel's version, for overlayfs options that only newer kernels know. */
final class KernelVersion {
    private static final Pattern RELEASE = Pattern.compile("^(\\d+)\\.(\\d+)");

    private KernelVersion() {
    }

    static boolean atLeast(int major, int minor) {
        try {
            return atLeast(Files.readString(Path.of("/proc/sys/kernel/osrelease")), major, minor);
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether a release string such as {@code 6.1.0-18-amd64} is at least {@code major.minor}. */
    static boolean atLeast(String release, int major, int minor) {
        Matcher m = RELEASE.matcher(release.trim());
        if (!m.find()) {
            return false;
        }
        int ma = Integer.parseInt(m.group(1));
        int mi = Integer.parseInt(m.group(2));
        return ma > major || ma == major && mi >= minor;
    }
}
