package io.wharf.archive;

import io.wharf.archive.internal.DirectoryListings;
import io.wharf.archive.internal.ScopedPaths;
import io.wharf.linux.PosixFiles;
import io.wharf.linux.Xattrs;
import io.wharf.linux.files.FileTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Predicate;

/**
 * What {@link LayerExtractor} does with the whiteout entries of a layer: {@code .wh.<name>} (delete
 * {@code <name>} of the lower layers) and {@code .wh..wh..opq} (hide the lower layers' contents of the
 * directory). Paths handed in are already resolved inside the extraction root.
 */
public interface WhiteoutHandler {
    /** The overlayfs xattr marking an opaque directory. */
    String OVERLAY_OPAQUE_XATTR = "trusted.overlay.opaque";
    String WHITEOUT_PREFIX = ".wh.";
    String OPAQUE_MARKER = ".wh..wh..opq";

    /**
     * {@code .wh.<name>}: {@code path} is where {@code <name>} lives; it may not exist and is never a path
     * reached through its own final symlink.
     */
    void whiteout(Path path, TarHeader header) throws IOException;

    /**
     * {@code .wh..wh..opq} in {@code dir}; {@code createdByThisLayer} tells which paths this layer wrote
     * (they are the layer's own content and must survive).
     */
    void opaque(Path dir, TarHeader header, Predicate<Path> createdByThisLayer) throws IOException;

    /**
     * For drivers whose layers are plain directories holding the full tree (vfs): a whiteout deletes the
     * path, an opaque marker deletes the directory's lower-layer contents. Nothing of the markers remains.
     */
    static WhiteoutHandler apply() {
        return new WhiteoutHandler() {
            @Override
            public void whiteout(Path path, TarHeader header) throws IOException {
                FileTrees.deleteRecursively(path);
            }

            @Override
            public void opaque(Path dir, TarHeader header, Predicate<Path> createdByThisLayer) throws IOException {
                for (String name : DirectoryListings.sortedNames(dir)) {
                    Path child = dir.resolve(name);
                    if (!createdByThisLayer.test(child)) {
                        FileTrees.deleteRecursively(child);
                    }
                }
            }
        };
    }

    /**
     * For overlayfs upper/diff directories: a whiteout becomes a 0/0 character device owned like the
     * entry, an opaque directory gets {@code trusted.overlay.opaque=y}.
     */
    static WhiteoutHandler overlay() {
        return new WhiteoutHandler() {
            @Override
            public void whiteout(Path path, TarHeader header) throws IOException {
                if (ScopedPaths.lstat(path) != null) {
                    FileTrees.deleteRecursively(path);
                }
                PosixFiles.mknod(path, PosixFiles.S_IFCHR, PosixFiles.makedev(0, 0));
                PosixFiles.lchown(path, header.uid(), header.gid());
            }

            @Override
            public void opaque(Path dir, TarHeader header, Predicate<Path> createdByThisLayer) throws IOException {
                Xattrs.lset(dir, OVERLAY_OPAQUE_XATTR, "y".getBytes(StandardCharsets.US_ASCII));
            }
        };
    }
}
