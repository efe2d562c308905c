package io.wharf.linux;

import java.nio.file.Path;
import java.util.List;

/**
 * One line of {@code /proc/<pid>/mountinfo} (see proc(5)); octal escapes such as {@code \040} in paths are
 * decoded.
 *
 * @param mountId unique ID of the mount
 * @param parentId ID of the parent mount
 * @param major major device number of st_dev for files on this file system
 * @param minor minor device number
 * @param root the directory of the file system that forms the root of this mount
 * @param mountPoint where it is mounted, relative to the process's root
 * @param mountOptions per-mount options (rw, nosuid, relatime, ...)
 * @param optionalFields propagation fields such as {@code shared:1} or {@code master:2}
 * @param fsType the file system type (overlay, tmpfs, ext4, ...)
 * @param source the mount source (device, or a name such as "overlay")
 * @param superOptions per-superblock options (for overlay: lowerdir=...,upperdir=...)
 */
public record MountInfo(int mountId, int parentId, int major, int minor, String root, Path mountPoint,
        String mountOptions, List<String> optionalFields, String fsType, String source, String superOptions) {

    /** Parses one mountinfo line; throws IllegalArgumentException when it is malformed. */
    public static MountInfo parse(String line) {
        String[] f = line.trim().split(" ");
        int sep = -1;
        for (int i = 6; i < f.length; i++) {
            if (f[i].equals("-")) {
                sep = i;
                break;
            }
        }
        if (f.length < 7 || sep < 0 || f.length < sep + 3) {
            throw new IllegalArgumentException("malformed mountinfo line: " + line);
        }
        String[] dev = f[2].split(":");
        try {
            return new MountInfo(Integer.parseInt(f[0]), Integer.parseInt(f[1]), Integer.parseInt(dev[0]),
                    Integer.parseInt(dev[1]), unescape(f[3]), Path.of(unescape(f[4])), f[5],
                    List.of(java.util.Arrays.copyOfRange(f, 6, sep)), unescape(f[sep + 1]),
                    unescape(f[sep + 2]), sep + 3 < f.length ? unescape(f[sep + 3]) : "");
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("malformed mountinfo line: " + line, e);
        }
    }

    /** The kernel escapes space, tab, newline and backslash as a backslash and three octal digits. */
    static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && isOctal(s, i + 1)) {
                b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static boolean isOctal(String s, int from) {
        if (from + 3 > s.length()) {
            return false;
        }
        for (int i = from; i < from + 3; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '7') {
                return false;
            }
        }
        return true;
    }
}
