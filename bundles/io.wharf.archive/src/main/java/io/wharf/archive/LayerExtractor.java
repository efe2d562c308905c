package io.wharf.archive;

import io.wharf.archive.internal.DirectoryListings;
import io.wharf.archive.internal.ScopedPaths;
import io.wharf.linux.Errno;
import io.wharf.linux.LinuxException;
import io.wharf.linux.PosixFiles;
import io.wharf.linux.Xattrs;
import io.wharf.linux.files.FileTrees;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Extracts a layer tar into a directory, streaming entry by entry (content is never held in memory), with
 * ownership, full modes, mtimes, xattrs, device nodes and whiteouts. No entry can write outside the root:
 * names are cleaned as moby's {@code pkg/archive} does (a leading "/" is relative to the root; a relative
 * ".." that climbs above it is refused), parent directories are resolved inside the root (a symlink on the
 * way is followed as the container would see it, never to the host) and hard link targets are resolved the
 * same way. A symlink's target is data, stored as it is (a relative one may climb above the root, as
 * {@code lib -> ../../../../usr/lib} does in real images): it is only checked when followed, and following it
 * never leaves the root (see {@link ScopedPaths#resolveDir}). A refused entry
 * throws {@link InvalidTarEntryException} and stops the extraction. The root must not change concurrently.
 */
public final class LayerExtractor {
    private static final String OVERLAY_XATTR_PREFIX = "trusted.overlay.";
    private static final String AUFS_META_PREFIX = ".wh..wh.";

    /**
     * How to extract.
     *
     * @param whiteouts what to do with whiteout entries, {@link WhiteoutHandler#apply()} or
     *     {@link WhiteoutHandler#overlay()}; null extracts {@code .wh.*} entries as ordinary files
     * @param preserveOwnership lchown every entry to its uid/gid (needs root); otherwise the files belong to
     *     the caller
     * @param noOverwriteDirNonDir refuse to replace a directory with a non-directory or the reverse, as
     *     {@code docker cp} does (message: {@code cannot overwrite directory "/x" with non-directory "x"})
     */
    public record Options(WhiteoutHandler whiteouts, boolean preserveOwnership, boolean noOverwriteDirNonDir) {
        /** Plain directory layers (vfs, build contexts): whiteouts delete. */
        public static Options apply() {
            return new Options(WhiteoutHandler.apply(), true, false);
        }

        /** An overlayfs diff directory: whiteouts become overlay whiteouts. */
        public static Options overlay() {
            return new Options(WhiteoutHandler.overlay(), true, false);
        }

        /** {@code docker cp} into a container: no whiteout handling, no replacing dirs by non-dirs. */
        public static Options copy() {
            return new Options(null, true, true);
        }
    }

    private LayerExtractor() {}

    /**
     * Extracts {@code tar} (uncompressed or gzip, detected) into the existing directory {@code root} and
     * returns the number of content bytes written (the sum of the regular files' sizes). The stream is read
     * to its end, so a digest computed around it covers the whole archive; the caller closes it.
     */
    public static long apply(InputStream tar, Path root, Options options) throws IOException {
        Path realRoot = root.toRealPath();
        if (!Files.isDirectory(realRoot, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("extraction root is not a directory: " + root);
        }
        InputStream in = Compression.decompress(new BufferedInputStream(tar, 64 * 1024));
        return new Run(realRoot, List.of(), options).extract(in);
    }

    /**
     * Like {@link #apply} but into the directory {@code dir} of the tree {@code root}, as a container sees
     * it ({@code docker cp}: root is the container's root file system, dir e.g. "/etc"): entry names and
     * hard link targets are relative to {@code dir} and may not climb above it, while symlinks, including
     * those on the way to {@code dir}, are resolved inside {@code root}. {@code dir} must exist.
     */
    public static long applyUnder(InputStream tar, Path root, String dir, Options options) throws IOException {
        Path realRoot = root.toRealPath();
        List<String> prefix = ScopedPaths.clean("/" + dir);
        Path target = ScopedPaths.resolveDir(realRoot, prefix, false, null, dir);
        if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new NoSuchFileException(dir, null, "not a directory in the container");
        }
        InputStream in = Compression.decompress(new BufferedInputStream(tar, 64 * 1024));
        return new Run(realRoot, prefix, options).extract(in);
    }

    /** The state of one extraction. */
    private static final class Run {
        private final Path root;
        private final Options options;
        /** Components of the directory entry names are relative to, for extraction below the root. */
        private final List<String> prefix;
        private final Set<Path> created = new HashSet<>();
        private final List<Path> dirs = new ArrayList<>();
        private final List<Instant> dirTimes = new ArrayList<>();
        private final byte[] buffer = new byte[64 * 1024];
        private long bytes;

        Run(Path root, List<String> prefix, Options options) {
            this.root = root;
            this.prefix = prefix;
            this.options = options;
        }

        long extract(InputStream in) throws IOException {
            TarReader reader = new TarReader(in);
            TarHeader h;
            while ((h = reader.next()) != null) {
                entry(h, reader.content());
            }
            // Read what follows the end marker so a digest over the stream covers all of it.
            while (in.read(buffer) >= 0) {
                // drain
            }
            // Directory times last: creating their contents changed them.
            for (int i = dirs.size() - 1; i >= 0; i--) {
                long nanos = nanos(dirTimes.get(i));
                PosixFiles.utimensat(dirs.get(i), nanos, nanos, PosixFiles.AT_SYMLINK_NOFOLLOW);
            }
            return bytes;
        }

        private void entry(TarHeader h, InputStream content) throws IOException {
            if (h.kind() == TarHeader.Kind.OTHER) {
                return; // unknown types (sockets, vendor extensions) are skipped, as moby does
            }
            List<String> components = within(h.name());
            if (components.size() == prefix.size()) {
                return; // the root itself ("./"): the caller owns it
            }
            String base = components.get(components.size() - 1);
            if (isAufsMetadata(components)) {
                return; // AUFS bookkeeping such as .wh..wh.plnk: not content, as moby skips it too
            }
            List<Path> madeDirs = new ArrayList<>();
            Path parent = ScopedPaths.resolveDir(root, components.subList(0, components.size() - 1), true,
                    madeDirs, h.name());
            created.addAll(madeDirs);
            requireDirectory(parent, h);

            if (options.whiteouts() != null && base.startsWith(WhiteoutHandler.WHITEOUT_PREFIX)) {
                if (base.equals(WhiteoutHandler.OPAQUE_MARKER)) {
                    options.whiteouts().opaque(parent, h, created::contains);
                } else {
                    String hidden = base.substring(WhiteoutHandler.WHITEOUT_PREFIX.length());
                    if (hidden.isEmpty() || hidden.equals(".") || hidden.equals("..")) {
                        throw new InvalidTarEntryException(h.name(), "invalid whiteout name");
                    }
                    options.whiteouts().whiteout(parent.resolve(hidden), h);
                }
                return;
            }

            Path target = parent.resolve(base);
            BasicFileAttributes existing = ScopedPaths.lstat(target);
            if (existing != null && options.noOverwriteDirNonDir() && existing.isDirectory() != h.isDirectory()) {
                String inContainer = "/" + root.relativize(target);
                throw new InvalidTarEntryException(h.name(), existing.isDirectory()
                        ? "cannot overwrite directory \"" + inContainer + "\" with non-directory"
                        : "cannot overwrite non-directory \"" + inContainer + "\" with directory");
            }
            if (existing != null && !(existing.isDirectory() && h.isDirectory())) {
                FileTrees.deleteRecursively(target);
            }
            switch (h.kind()) {
                case DIRECTORY -> {
                    if (existing == null || !existing.isDirectory()) {
                        Files.createDirectory(target);
                    }
                }
                case REGULAR -> writeFile(target, h, content);
                case SYMLINK -> {
                    // the target is data: it is checked when followed, always inside the root
                    if (h.linkName().isEmpty() || h.linkName().indexOf('\0') >= 0) {
                        throw new InvalidTarEntryException(h.name(), "invalid symlink target");
                    }
                    Files.createSymbolicLink(target, Path.of(h.linkName()));
                }
                case HARDLINK -> {
                    Files.createLink(target, hardLinkTarget(h));
                    created.add(target);
                    return; // shares the target's inode and metadata
                }
                case CHAR_DEVICE -> PosixFiles.mknod(target, PosixFiles.S_IFCHR | h.mode(),
                        PosixFiles.makedev(h.devMajor(), h.devMinor()));
                case BLOCK_DEVICE -> PosixFiles.mknod(target, PosixFiles.S_IFBLK | h.mode(),
                        PosixFiles.makedev(h.devMajor(), h.devMinor()));
                case FIFO -> PosixFiles.mkfifo(target, h.mode());
                default -> throw new IllegalStateException("unreachable: " + h.kind());
            }
            created.add(target);
            metadata(target, h);
        }

        private void writeFile(Path target, TarHeader h, InputStream content) throws IOException {
            try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                long left = h.size();
                while (left > 0) {
                    int n = content.read(buffer, 0, (int) Math.min(buffer.length, left));
                    if (n < 0) {
                        throw new IOException("unexpected end of tar archive in " + h.name());
                    }
                    out.write(buffer, 0, n);
                    left -= n;
                }
            }
            bytes += h.size();
        }

        private Path hardLinkTarget(TarHeader h) throws IOException {
            List<String> link;
            try {
                link = within(h.linkName());
            } catch (InvalidTarEntryException e) {
                throw new InvalidTarEntryException(h.name(),
                        "hard link target \"" + h.linkName() + "\" escapes the layer root");
            }
            if (link.size() == prefix.size()) {
                throw new InvalidTarEntryException(h.name(), "hard link to the layer root");
            }
            Path dir = ScopedPaths.resolveDir(root, link.subList(0, link.size() - 1), false, null, h.name());
            Path target = dir.resolve(link.get(link.size() - 1));
            BasicFileAttributes attrs = ScopedPaths.lstat(target);
            if (attrs == null) {
                throw new InvalidTarEntryException(h.name(),
                        "hard link target \"" + h.linkName() + "\" does not exist in the layer");
            }
            if (attrs.isDirectory()) {
                throw new InvalidTarEntryException(h.name(), "hard link to a directory");
            }
            return target;
        }

        private void metadata(Path target, TarHeader h) throws IOException {
            boolean symlink = h.kind() == TarHeader.Kind.SYMLINK;
            if (options.preserveOwnership()) {
                PosixFiles.lchown(target, h.uid(), h.gid());
            }
            if (!symlink) {
                // After lchown, which clears setuid/setgid; chmod sets all twelve bits.
                PosixFiles.chmod(target, h.mode());
            }
            for (var x : h.xattrs().entrySet()) {
                if (x.getKey().startsWith(OVERLAY_XATTR_PREFIX)) {
                    continue; // a layer must not forge overlayfs metadata (opaque, redirect, origin)
                }
                try {
                    Xattrs.lset(target, x.getKey(), x.getValue());
                } catch (LinuxException e) {
                    // Like moby: file systems without xattr support, or namespaces the caller may not write.
                    if (e.errno() != Errno.ENOTSUP && e.errno() != Errno.EPERM) {
                        throw e;
                    }
                }
            }
            if (h.isDirectory()) {
                dirs.add(target);
                dirTimes.add(h.mtime());
            } else {
                long nanos = nanos(h.mtime());
                PosixFiles.utimensat(target, nanos, nanos, PosixFiles.AT_SYMLINK_NOFOLLOW);
            }
        }

        /** An archive name as components from the root: below {@link #prefix}, never above it. */
        private List<String> within(String name) {
            if (prefix.isEmpty()) {
                return ScopedPaths.clean(name);
            }
            List<String> relative = ScopedPaths.clean(name.startsWith("/") ? name.substring(1) : name);
            List<String> all = new ArrayList<>(prefix);
            all.addAll(relative);
            return all;
        }

        private static boolean isAufsMetadata(List<String> components) {
            for (String c : components) {
                if (c.startsWith(AUFS_META_PREFIX) && !c.equals(WhiteoutHandler.OPAQUE_MARKER)) {
                    return true;
                }
            }
            return false;
        }

        private void requireDirectory(Path parent, TarHeader h) throws IOException {
            BasicFileAttributes attrs = ScopedPaths.lstat(parent);
            if (attrs == null || !attrs.isDirectory()) {
                throw new InvalidTarEntryException(h.name(), "parent is not a directory");
            }
        }

        /** Nanoseconds since the epoch, clamped to what a long holds (years 1677 to 2262). */
        private static long nanos(Instant t) {
            long max = Long.MAX_VALUE / 1_000_000_000L - 1;
            long seconds = Math.max(-max, Math.min(max, t.getEpochSecond()));
            return seconds * 1_000_000_000L + t.getNano();
        }
    }

}
