package io.wharf.archive;

import io.wharf.api.storage.StorageDriver.Change;
import io.wharf.archive.internal.DirectoryListings;
import io.wharf.archive.internal.ScopedPaths;
import io.wharf.linux.FileStat;
import io.wharf.linux.PosixFiles;
import io.wharf.linux.Xattrs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * The changes of a layer for {@code docker diff} and for building diffs: paths ("/etc/hosts") with kind
 * {@link Change#MODIFIED}, {@link Change#ADDED} or {@link Change#DELETED}, parents before children, names
 * sorted. As in Docker, a directory is listed as modified when anything below it changed.
 */
public final class Changes {
    private static final String CAPABILITY = "security.capability";

    private Changes() {}

    /**
     * The changes turning the full tree {@code lower} into the full tree {@code upper} (vfs layers). A
     * non-directory counts as modified when its type, mode, owner, device number, size, link target,
     * file capability or mtime (compared to the microsecond, the precision copies keep) differ; a directory
     * when its type, mode or owner differ. A null {@code lower} lists everything as added.
     */
    public static List<Change> between(Path lower, Path upper) throws IOException {
        List<Change> out = new ArrayList<>();
        compare(lower, upper, "", out);
        return out;
    }

    /**
     * The changes recorded in an overlayfs upper directory over {@code lowers} (the lower directories, any
     * order): whiteouts are deletions, entries present in a lower directory are modifications, others are
     * additions; the lower contents hidden by an opaque directory are deletions too.
     */
    public static List<Change> ofOverlay(Path upper, List<Path> lowers) throws IOException {
        List<Change> out = new ArrayList<>();
        overlay(upper, lowers, "", out);
        sortByPath(out);
        return out;
    }

    /** The content bytes the changes add: the sizes of the added or modified regular files in {@code upper}. */
    public static long size(Path upper, List<Change> changes) throws IOException {
        long total = 0;
        for (Change c : changes) {
            if (c.kind() != Change.DELETED) {
                FileStat st = PosixFiles.lstat(upper.resolve(c.path().substring(1)));
                if (st.isRegularFile()) {
                    total += st.size();
                }
            }
        }
        return total;
    }

    private static boolean compare(Path lowerDir, Path upperDir, String prefix, List<Change> out)
            throws IOException {
        TreeSet<String> names = new TreeSet<>(DirectoryListings::compareBytes);
        names.addAll(DirectoryListings.sortedNames(upperDir));
        if (lowerDir != null) {
            names.addAll(DirectoryListings.sortedNames(lowerDir));
        }
        boolean changed = false;
        for (String n : names) {
            String path = prefix + "/" + n;
            Path u = upperDir.resolve(n);
            Path l = lowerDir == null ? null : lowerDir.resolve(n);
            FileStat us = stat(u);
            FileStat ls = l == null ? null : stat(l);
            if (us == null) {
                out.add(new Change(path, Change.DELETED));
                changed = true;
            } else if (ls == null) {
                out.add(new Change(path, Change.ADDED));
                changed = true;
                if (us.isDirectory()) {
                    compare(null, u, path, out);
                }
            } else if (us.isDirectory() && ls.isDirectory()) {
                List<Change> below = new ArrayList<>();
                compare(l, u, path, below);
                if (!below.isEmpty() || differs(l, ls, u, us)) {
                    out.add(new Change(path, Change.MODIFIED));
                    changed = true;
                }
                out.addAll(below);
            } else if (differs(l, ls, u, us)) {
                out.add(new Change(path, Change.MODIFIED));
                changed = true;
                if (us.isDirectory()) {
                    compare(null, u, path, out); // a directory replacing a file: all its contents are new
                }
            }
        }
        return changed;
    }

    private static boolean differs(Path l, FileStat a, Path u, FileStat b) throws IOException {
        if (a.mode() != b.mode() || a.uid() != b.uid() || a.gid() != b.gid()) {
            return true;
        }
        if (a.isDirectory()) {
            return false; // a directory's size and mtime change with its entries: not a change of its own
        }
        if (a.rdev() != b.rdev() || a.size() != b.size()
                || Math.floorDiv(a.mtimeNanos(), 1000L) != Math.floorDiv(b.mtimeNanos(), 1000L)) {
            return true;
        }
        if (a.isSymbolicLink() && !Files.readSymbolicLink(l).equals(Files.readSymbolicLink(u))) {
            return true;
        }
        return !a.isSymbolicLink() && !Arrays.equals(capability(l), capability(u));
    }

    private static byte[] capability(Path p) {
        try {
            return Xattrs.lget(p, CAPABILITY);
        } catch (IOException e) {
            return null;
        }
    }

    private static void overlay(Path upperDir, List<Path> lowers, String prefix, List<Change> out)
            throws IOException {
        TreeSet<String> names = new TreeSet<>(DirectoryListings::compareBytes);
        names.addAll(DirectoryListings.sortedNames(upperDir));
        for (String n : names) {
            String path = prefix + "/" + n;
            Path u = upperDir.resolve(n);
            FileStat st = PosixFiles.lstat(u);
            if (st.isCharDevice() && st.rdev() == 0) {
                out.add(new Change(path, Change.DELETED));
                continue;
            }
            boolean inLower = inLower(lowers, path);
            out.add(new Change(path, inLower ? Change.MODIFIED : Change.ADDED));
            if (st.isDirectory()) {
                if (inLower && LayerDiff.isOpaque(u)) {
                    hiddenByOpaque(u, lowers, path, out);
                }
                overlay(u, lowers, path, out);
            }
        }
    }

    /** Lower entries of an opaque directory that the upper does not have again: deleted. */
    private static void hiddenByOpaque(Path upperDir, List<Path> lowers, String path, List<Change> out)
            throws IOException {
        TreeSet<String> hidden = new TreeSet<>(DirectoryListings::compareBytes);
        for (Path lower : lowers) {
            Path d = lower.resolve(path.substring(1));
            FileStat st = stat(d);
            if (st != null && st.isDirectory()) {
                for (String n : DirectoryListings.sortedNames(d)) {
                    FileStat ls = stat(d.resolve(n));
                    if (ls != null && !(ls.isCharDevice() && ls.rdev() == 0)) {
                        hidden.add(n);
                    }
                }
            }
        }
        for (String n : hidden) {
            if (ScopedPaths.lstat(upperDir.resolve(n)) == null) {
                out.add(new Change(path + "/" + n, Change.DELETED));
            }
        }
    }

    /** Puts the deletions an opaque directory adds among the upper's own entries, in path order. */
    private static void sortByPath(List<Change> out) {
        out.sort((x, y) -> comparePaths(x.path(), y.path()));
    }

    private static int comparePaths(String a, String b) {
        String[] x = a.split("/");
        String[] y = b.split("/");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = DirectoryListings.compareBytes(x[i], y[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    private static boolean inLower(List<Path> lowers, String path) {
        for (Path lower : lowers) {
            if (Files.exists(lower.resolve(path.substring(1)), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                return true;
            }
        }
        return false;
    }

    private static FileStat stat(Path p) throws IOException {
        return ScopedPaths.lstat(p) == null ? null : PosixFiles.lstat(p);
    }

}
