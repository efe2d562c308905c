package io.wharf.builder.internal;

import io.wharf.archive.TarHeader;
import io.wharf.archive.TarReader;
import io.wharf.archive.TarWriter;
import io.wharf.builder.internal.context.ContextStreams;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Writes what a COPY or ADD puts into the image as one tar whose names are paths from the root, to be extracted at
 * "/" in the step's container: Docker's rules for where each source lands (a file onto the destination or into it
 * when it is a directory, a directory's contents into the destination, an archive unpacked into it).
 */
final class CopyArchive {
    private CopyArchive() {
    }

    /**
     * @param dest the absolute destination
     * @param destIsDir whether the destination is (or is to be) a directory
     * @param createDest whether to make the destination directory, owned as the files are (an existing one
     *        keeps its owner and mode)
     * @param uid the owner of copied files, or -1 for root
     * @param chmod permission bits for copied files and directories, or -1 to keep the source's
     */
    static void write(CopySources sources, String dest, boolean destIsDir, boolean createDest, int uid, int gid,
            int chmod, OutputStream out) throws IOException {
        TarWriter tar = new TarWriter(out);
        String base = strip(dest);
        int u = Math.max(uid, 0);
        int g = Math.max(gid, 0);
        if (createDest && !base.isEmpty()) {
            tar.add(TarHeader.directory(base + "/").withMode(0755).withOwner(u, g).withMtime(Instant.now()), null);
        }
        for (CopySources.Source s : sources.sources) {
            switch (s.kind()) {
                case FILE -> {
                    String name = destIsDir ? join(base, s.name()) : base;
                    entry(tar, s.path(), name, u, g, chmod);
                }
                case DIR -> {
                    for (Path rel : sources.walk(s.path())) {
                        entry(tar, s.path().resolve(rel), join(base, rel.toString()), u, g, chmod);
                    }
                }
                case ARCHIVE -> unpack(tar, s.path(), base);
            }
        }
        tar.finish();
        out.flush();
    }

    private static void entry(TarWriter tar, Path p, String name, int uid, int gid, int chmod) throws IOException {
        Instant mtime = Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toInstant();
        if (Files.isSymbolicLink(p)) {
            tar.add(TarHeader.symlink(name, Files.readSymbolicLink(p).toString()).withOwner(uid, gid)
                    .withMtime(mtime), null);
            return;
        }
        int mode = ((Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS)) & 07777;
        if (chmod >= 0) {
            mode = chmod;
        }
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            tar.add(TarHeader.directory(name + "/").withMode(mode).withOwner(uid, gid).withMtime(mtime), null);
            return;
        }
        long size = Files.size(p);
        try (InputStream in = Files.newInputStream(p, LinkOption.NOFOLLOW_LINKS)) {
            tar.add(TarHeader.file(name, size).withMode(mode).withOwner(uid, gid).withMtime(mtime), in);
        }
    }

    /** Copies an archive's entries under {@code base}; their names are cleaned, so none climbs out of it. */
    private static void unpack(TarWriter tar, Path archive, String base) throws IOException {
        try (TarReader in = new TarReader(ContextStreams.decompress(Files.newInputStream(archive)))) {
            TarHeader h;
            while ((h = in.next()) != null) {
                String name = io.wharf.builder.internal.context.ContextPaths.relative(h.name());
                if (name.isEmpty()) {
                    continue;
                }
                TarHeader moved = h.withName(join(base, name) + (h.isDirectory() ? "/" : ""));
                if (h.kind() == TarHeader.Kind.HARDLINK) {
                    moved = new TarHeader(moved.name(), moved.kind(), moved.mode(), moved.uid(), moved.gid(),
                            moved.userName(), moved.groupName(), moved.size(), moved.mtime(),
                            join(base, io.wharf.builder.internal.context.ContextPaths.relative(h.linkName())),
                            moved.devMajor(), moved.devMinor(), moved.xattrs());
                }
                tar.add(moved, h.kind() == TarHeader.Kind.REGULAR ? in.content() : null);
            }
        }
    }

    static String strip(String path) {
        String s = path;
        while (s.startsWith("/")) {
            s = s.substring(1);
        }
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    private static String join(String base, String name) {
        return base.isEmpty() ? name : base + "/" + name;
    }
}
