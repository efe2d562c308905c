package io.wharf.archive.internal;

import io.wharf.archive.TarHeader;
import io.wharf.linux.FileStat;
import io.wharf.linux.LinuxException;
import io.wharf.linux.PosixFiles;
import io.wharf.linux.Xattrs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns files into tar headers the way a layer needs them: full mode, owner, mtime in whole seconds (as
 * Docker writes layers, so that the same tree gives the same digest), symlink targets, device numbers,
 * xattrs, and hard links detected by inode (the second name of an inode becomes a link to the first).
 * One instance per archive.
 */
public final class FileEntries {
    private final Map<String, String> firstNameOfInode = new HashMap<>();

    /** The header for {@code file} named {@code name} in the archive, or null for a socket (skipped). */
    public TarHeader header(Path file, String name, FileStat st) throws IOException {
        Instant mtime = Instant.ofEpochSecond(Math.floorDiv(st.mtimeNanos(), 1_000_000_000L));
        int type = st.type();
        TarHeader.Kind kind;
        long size = 0;
        String link = "";
        if (type == PosixFiles.S_IFDIR) {
            kind = TarHeader.Kind.DIRECTORY;
        } else if (type == PosixFiles.S_IFLNK) {
            kind = TarHeader.Kind.SYMLINK;
            link = Files.readSymbolicLink(file).toString();
        } else if (type == PosixFiles.S_IFCHR) {
            kind = TarHeader.Kind.CHAR_DEVICE;
        } else if (type == PosixFiles.S_IFBLK) {
            kind = TarHeader.Kind.BLOCK_DEVICE;
        } else if (type == PosixFiles.S_IFIFO) {
            kind = TarHeader.Kind.FIFO;
        } else if (type == PosixFiles.S_IFREG) {
            kind = TarHeader.Kind.REGULAR;
            size = st.size();
        } else {
            return null;
        }
        if (kind != TarHeader.Kind.DIRECTORY && st.nlink() > 1) {
            String key = st.dev() + ":" + st.ino();
            String first = firstNameOfInode.putIfAbsent(key, name);
            if (first != null) {
                kind = TarHeader.Kind.HARDLINK;
                link = first;
                size = 0;
            }
        }
        boolean device = kind == TarHeader.Kind.CHAR_DEVICE || kind == TarHeader.Kind.BLOCK_DEVICE;
        return new TarHeader(name, kind, st.permissions(), st.uid(), st.gid(), "", "", size, mtime, link,
                device ? st.rdevMajor() : 0, device ? st.rdevMinor() : 0, xattrs(file));
    }

    /**
     * The xattrs worth carrying in a layer: security.capability, user.* and trusted.* except overlayfs's
     * own trusted.overlay.* bookkeeping.
     */
    public static Map<String, byte[]> xattrs(Path file) throws IOException {
        Map<String, byte[]> result = new TreeMap<>();
        java.util.List<String> names;
        try {
            names = Xattrs.llist(file);
        } catch (LinuxException e) {
            return result; // a file system without xattrs
        }
        for (String n : names) {
            boolean wanted = n.equals("security.capability") || n.startsWith("user.")
                    || (n.startsWith("trusted.") && !n.startsWith("trusted.overlay."));
            if (wanted) {
                byte[] v = Xattrs.lget(file, n);
                if (v != null) {
                    result.put(n, v);
                }
            }
        }
        return result;
    }
}
