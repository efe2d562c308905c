package io.wharf.testkit.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What is mounted below a directory, from {@code /proc/self/mountinfo}, and a forced clean-up for tests. */
public final class MountsUnder {
    private MountsUnder() {
    }

    /** Mount points at or below {@code dir}, deepest first. */
    public static List<Path> list(Path dir) throws IOException {
        Path real = dir.toRealPath();
        List<Path> found = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"), StandardCharsets.ISO_8859_1)) {
            String[] f = line.split(" ");
            if (f.length > 4) {
                Path mp = Path.of(unescape(f[4]));
                if (mp.startsWith(real)) {
                    found.add(mp);
                }
            }
        }
        found.sort(Comparator.comparingInt(Path::getNameCount).reversed());
        return found;
    }

    public static boolean isMountPoint(Path dir) throws IOException {
        Path real = dir.toRealPath();
        return list(real).contains(real);
    }

    /** Detaches every mount below {@code dir} (umount -l); returns what was still mounted. */
    public static List<Path> forceUnmountAll(Path dir) throws IOException, InterruptedException {
        List<Path> left = list(dir);
        for (Path mp : left) {
            Process p = new ProcessBuilder("umount", "-l", mp.toString()).redirectErrorStream(true).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        return left;
    }

    private static String unescape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length()) {
                b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
