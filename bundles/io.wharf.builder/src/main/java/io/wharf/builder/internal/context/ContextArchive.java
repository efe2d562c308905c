package io.wharf.builder.internal.context;

import io.wharf.api.errors.InvalidArgumentException;
import io.wharf.archive.TarHeader;
import io.wharf.archive.TarReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Unpacks a build context into a private directory. Nothing may land outside it: names that climb out are
 * refused, no path is written through a symlink (the context's symlinks are kept as links, to be resolved inside
 * the context later), and hard links must point to an earlier entry.
 */
public final class ContextArchive {
    private ContextArchive() {
    }

    /** Extracts the (possibly compressed) tar; returns the bytes of file content written. */
    public static long extract(InputStream context, Path dir) throws IOException {
        long total = 0;
        List<Object[]> dirTimes = new ArrayList<>();
        // the caller's stream stays open: it drains what the tar leaves unread (its padding)
        InputStream kept = new java.io.FilterInputStream(context) {
            @Override
            public void close() {
            }
        };
        try (TarReader tar = new TarReader(ContextStreams.decompress(kept))) {
            TarHeader h;
            while ((h = tar.next()) != null) {
                String name = DockerIgnore.clean(h.name());
                if (name.isEmpty()) {
                    continue;
                }
                if (climbs(h.name())) {
                    throw new InvalidArgumentException("forbidden path outside the build context: " + h.name());
                }
                Path target = dir.resolve(name);
                Path parent = ensureParents(dir, name);
                if (Files.isSymbolicLink(target)) {
                    Files.delete(target);
                }
                switch (h.kind()) {
                    case DIRECTORY -> {
                        if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                            Files.deleteIfExists(target);
                            Files.createDirectory(target);
                        }
                        dirTimes.add(new Object[] {target, h});
                    }
                    case REGULAR -> {
                        try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE,
                                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE,
                                LinkOption.NOFOLLOW_LINKS)) {
                            total += tar.content().transferTo(out);
                        }
                        meta(target, h);
                    }
                    case SYMLINK -> {
                        Files.deleteIfExists(target);
                        Files.createSymbolicLink(target, Path.of(h.linkName()));
                    }
                    case HARDLINK -> {
                        String linked = DockerIgnore.clean(h.linkName());
                        if (climbs(h.linkName()) || linked.isEmpty()) {
                            throw new InvalidArgumentException("forbidden hard link outside the build context: "
                                    + h.linkName());
                        }
                        Path source = dir.resolve(linked);
                        if (!Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
                            throw new InvalidArgumentException("hard link to a missing file: " + h.linkName());
                        }
                        Files.deleteIfExists(target);
                        Files.createLink(target, source);
                    }
                    default -> {
                        // devices and fifos have no place in a context: skipped, as their content is nothing
                    }
                }
                if (!parent.startsWith(dir)) {
                    throw new InvalidArgumentException("forbidden path outside the build context: " + h.name());
                }
            }
        }
        for (int k = dirTimes.size() - 1; k >= 0; k--) {
            meta((Path) dirTimes.get(k)[0], (TarHeader) dirTimes.get(k)[1]);
        }
        return total;
    }

    private static boolean climbs(String name) {
        int depth = 0;
        for (String s : name.split("/")) {
            if (s.equals("..")) {
                if (--depth < 0) {
                    return true;
                }
            } else if (!s.isEmpty() && !s.equals(".")) {
                depth++;
            }
        }
        return false;
    }

    /** Creates the missing parents of {@code name}, refusing to go through a symlink. */
    private static Path ensureParents(Path dir, String name) throws IOException {
        Path p = dir;
        String[] parts = name.split("/");
        for (int k = 0; k < parts.length - 1; k++) {
            p = p.resolve(parts[k]);
            if (Files.isSymbolicLink(p)) {
                throw new InvalidArgumentException("forbidden path through a symlink in the build context: " + name);
            }
            if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                Files.deleteIfExists(p);
                Files.createDirectory(p);
            }
        }
        return p;
    }

    private static void meta(Path p, TarHeader h) throws IOException {
        Files.setPosixFilePermissions(p, permissions(h.mode()));
        Files.setLastModifiedTime(p, FileTime.from(h.mtime()));
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> s = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] all = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.OWNER_READ};
        for (int bit = 0; bit < 9; bit++) {
            if ((mode & (1 << bit)) != 0) {
                s.add(all[bit]);
            }
        }
        return s;
    }
}
