package io.wharf.daemon.internal.container;

import io.wharf.api.container.PathStat;
import io.wharf.api.errors.InvalidArgumentException;
import io.wharf.api.errors.NotFoundException;
import io.wharf.archive.LayerDiff;
import io.wharf.archive.LayerExtractor;
import io.wharf.archive.TarWriter;
import io.wharf.linux.files.ScopedPaths;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;

/**
 * {@code docker cp} and {@code docker export} on a container's root file system. Paths are resolved inside the
 * root: symlinks (absolute or relative) are followed as the container would see them and never lead outside.
 */
final class Archives {
    private Archives() {
    }

    static void writeTree(Path root, OutputStream out) throws IOException {
        TarWriter tar = new TarWriter(out);
        LayerDiff.writeTree(root, tar);
        tar.finish();
        out.flush();
    }

    static PathStat stat(Path root, Container c, String path) {
        Path p = resolve(root, c, path, false);
        return statOf(p, path);
    }

    static PathStat get(Path root, Container c, String path, OutputStream out) {
        Path p = resolve(root, c, path, path.endsWith("/") || path.endsWith("/."));
        PathStat st = statOf(p, path);
        try {
            TarWriter tar = new TarWriter(out);
            String name = p.equals(root.toRealPath()) ? "." : p.getFileName().toString();
            LayerDiff.writePath(p, name, tar);
            tar.finish();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return st;
    }

    static void put(Path root, Container c, String path, InputStream tar, boolean noOverwriteDirNonDir) {
        Path dir = resolve(root, c, path, true);
        if (!Files.isDirectory(dir)) {
            throw new InvalidArgumentException("extraction point is not a directory");
        }
        try {
            String inside = "/" + root.toRealPath().relativize(dir);
            LayerExtractor.Options copy = LayerExtractor.Options.copy();
            LayerExtractor.applyUnder(tar, root, inside,
                    new LayerExtractor.Options(copy.whiteouts(), true, noOverwriteDirNonDir));
        } catch (NoSuchFileException e) {
            throw new NotFoundException("Could not find the file " + path + " in container " + c.bareName());
        } catch (IOException e) {
            throw new InvalidArgumentException(e.getMessage());
        }
    }

    /**
     * The host path of {@code path} in the container, following symlinks inside the root; the last element is
     * followed only when {@code followLast}.
     */
    static Path resolve(Path root, Container c, String path, boolean followLast) {
        try {
            Path p = ScopedPaths.resolve(root.toRealPath(), path, followLast);
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                throw new NotFoundException("Could not find the file " + path + " in container " + c.bareName());
            }
            return p;
        } catch (FileSystemLoopException e) {
            throw new InvalidArgumentException("too many levels of symbolic links: " + path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PathStat statOf(Path p, String path) {
        try {
            PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            int unixMode = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            long mode = unixMode & 0777;
            if (a.isDirectory()) {
                mode |= 1L << 31;
            } else if (a.isSymbolicLink()) {
                mode |= 1L << 27;
            }
            if ((unixMode & 04000) != 0) {
                mode |= 1L << 23;
            }
            if ((unixMode & 02000) != 0) {
                mode |= 1L << 22;
            }
            if ((unixMode & 01000) != 0) {
                mode |= 1L << 20;
            }
            String link = a.isSymbolicLink() ? Files.readSymbolicLink(p).toString() : "";
            String name = p.getFileName() == null ? "/" : p.getFileName().toString();
            return new PathStat(name, a.size(), mode, a.lastModifiedTime().toInstant().toString(), link);
        } catch (IOException e) {
            throw new NotFoundException("Could not find the file " + path);
        }
    }
}
