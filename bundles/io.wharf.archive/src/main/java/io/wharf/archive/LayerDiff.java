package io.wharf.archive;

import io.wharf.api.storage.StorageDriver.Change;
import io.wharf.archive.internal.DirectoryListings;
import io.wharf.archive.internal.FileEntries;
import io.wharf.linux.FileStat;
import io.wharf.linux.PosixFiles;
import io.wharf.linux.Xattrs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Produces layer tars: of a whole directory tree ({@code docker export}, {@code save}, {@code cp}), of an
 * overlayfs upper directory (its whiteouts translated to {@code .wh.} entries), and of the difference of
 * two plain directory trees (vfs). Entries come in a deterministic order (depth first, names sorted by
 * bytes) with mtimes in whole seconds, so the same tree always gives the same bytes. The caller finishes
 * or closes the {@link TarWriter}.
 */
public final class LayerDiff {
    private LayerDiff() {}

    /** Every entry under {@code dir}, named relative to it; {@code dir} itself is not an entry. */
    public static void writeTree(Path dir, TarWriter out) throws IOException {
        walk(dir, "", new FileEntries(), out, false);
    }

    /**
     * {@code source} itself as entry {@code name} (for {@code docker cp}): a file, symlink or device as one
     * entry, a directory as {@code name/} followed by its contents under {@code name/}. A symlink is not
     * followed.
     */
    public static void writePath(Path source, String name, TarWriter out) throws IOException {
        FileEntries entries = new FileEntries();
        FileStat st = PosixFiles.lstat(source);
        write(source, name, st, entries, out);
        if (st.isDirectory()) {
            walk(source, name.endsWith("/") ? name : name + "/", entries, out, false);
        }
    }

    /**
     * The layer an overlayfs upper (diff) directory represents: 0/0 character devices become
     * {@code .wh.<name>} entries and a directory with {@code trusted.overlay.opaque=y} is followed by
     * {@code <dir>/.wh..wh..opq}.
     */
    public static void writeOverlayUpper(Path upper, TarWriter out) throws IOException {
        walk(upper, "", new FileEntries(), out, true);
    }

    /**
     * The layer that turns the tree {@code lower} into the tree {@code upper} (both full trees, as vfs keeps
     * them): added and modified entries with their parent directories, deletions as whiteouts. A null
     * {@code lower} means everything is new.
     */
    public static void writeDifference(Path lower, Path upper, TarWriter out) throws IOException {
        if (lower == null) {
            writeTree(upper, out);
        } else {
            writeChanges(upper, Changes.between(lower, upper), out);
        }
    }

    /**
     * The entries of {@code changes} (as listed by {@link Changes}, parents before children) taken from the
     * tree {@code upper}; deletions become whiteouts.
     */
    public static void writeChanges(Path upper, List<Change> changes, TarWriter out) throws IOException {
        FileEntries entries = new FileEntries();
        for (Change c : changes) {
            String name = c.path().substring(1);
            if (c.kind() == Change.DELETED) {
                int slash = name.lastIndexOf('/');
                String whiteout = name.substring(0, slash + 1) + WhiteoutHandler.WHITEOUT_PREFIX
                        + name.substring(slash + 1);
                out.add(TarHeader.file(whiteout, 0).withMode(0600), null);
            } else {
                Path file = upper.resolve(name);
                write(file, name, PosixFiles.lstat(file), entries, out);
            }
        }
    }

    private static void walk(Path dir, String prefix, FileEntries entries, TarWriter out, boolean overlay)
            throws IOException {
        for (String n : DirectoryListings.sortedNames(dir)) {
            Path file = dir.resolve(n);
            FileStat st = PosixFiles.lstat(file);
            String name = prefix + n;
            if (overlay && st.isCharDevice() && st.rdev() == 0) {
                out.add(new TarHeader(prefix + WhiteoutHandler.WHITEOUT_PREFIX + n, TarHeader.Kind.REGULAR, 0600,
                        st.uid(), st.gid(), "", "", 0, seconds(st), "", 0, 0, null), null);
                continue;
            }
            write(file, name, st, entries, out);
            if (st.isDirectory()) {
                if (overlay && isOpaque(file)) {
                    out.add(new TarHeader(name + "/" + WhiteoutHandler.OPAQUE_MARKER, TarHeader.Kind.REGULAR,
                            st.permissions() & 0777, st.uid(), st.gid(), "", "", 0, seconds(st), "", 0, 0, null),
                            null);
                }
                walk(file, name + "/", entries, out, overlay);
            }
        }
    }

    private static void write(Path file, String name, FileStat st, FileEntries entries, TarWriter out)
            throws IOException {
        TarHeader h = entries.header(file, name, st);
        if (h == null) {
            return; // sockets are not archived
        }
        if (h.kind() == TarHeader.Kind.REGULAR) {
            try (InputStream in = Files.newInputStream(file)) {
                out.add(h, in);
            }
        } else {
            out.add(h, null);
        }
    }

    static boolean isOpaque(Path dir) throws IOException {
        byte[] v = Xattrs.lget(dir, WhiteoutHandler.OVERLAY_OPAQUE_XATTR);
        return v != null && Arrays.equals(v, new byte[] {'y'});
    }

    private static Instant seconds(FileStat st) {
        return Instant.ofEpochSecond(Math.floorDiv(st.mtimeNanos(), 1_000_000_000L));
    }
}
