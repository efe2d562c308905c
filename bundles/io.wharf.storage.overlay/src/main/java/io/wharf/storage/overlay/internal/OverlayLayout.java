package io.wharf.storage.overlay.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where things live under the driver's root, as dockerd's overlay2 lays them out:
 * <pre>
 * l/&lt;link&gt;            -&gt; ../&lt;id&gt;/diff   short names that keep the mount options under a page
 * &lt;id&gt;/diff/              the layer's own files (the upper directory when mounted)
 * &lt;id&gt;/link               the layer's short link name
 * &lt;id&gt;/lower              the parents' links, nearest first: l/AAA:l/BBB (absent for a base layer)
 * &lt;id&gt;/work/              overlayfs' work directory
 * &lt;id&gt;/merged/            the mount point
 * &lt;id&gt;/mounts             the mount count, stamped with the boot ID
 * &lt;id&gt;/rw                 present for a writable layer
 * </pre>
 */
final class OverlayLayout {
    static final String LINKS = "l";

    private final Path root;
    private final Path links;

    OverlayLayout(Path root) {
        this.root = root;
        this.links = root.resolve(LINKS);
    }

    Path root() {
        return root;
    }

    Path links() {
        return links;
    }

    Path layer(String id) {
        return root.resolve(id);
    }

    Path diff(String id) {
        return layer(id).resolve("diff");
    }

    Path work(String id) {
        return layer(id).resolve("work");
    }

    Path merged(String id) {
        return layer(id).resolve("merged");
    }

    Path mountCount(String id) {
        return layer(id).resolve("mounts");
    }

    Path readWriteMarker(String id) {
        return layer(id).resolve("rw");
    }

    /** Present in a writable layer mounted {@code volatile}; holds the boot ID of its last mount. */
    Path volatileMarker(String id) {
        return layer(id).resolve("volatile");
    }

    /** What overlayfs leaves in the work directory of a volatile mount, and refuses to mount over. */
    Path volatileWorkMarker(String id) {
        return work(id).resolve("work").resolve("incompat").resolve("volatile");
    }

    String link(String id) throws IOException {
        return Files.readString(layer(id).resolve("link"), StandardCharsets.US_ASCII).trim();
    }

    /** The lower entries ({@code l/<link>}), nearest parent first; empty for a base layer. */
    List<String> lower(String id) throws IOException {
        String text;
        try {
            text = Files.readString(layer(id).resolve("lower"), StandardCharsets.US_ASCII).trim();
        } catch (NoSuchFileException e) {
            return List.of();
        }
        return text.isEmpty() ? List.of() : List.of(text.split(":"));
    }

    /** The parents' diff directories, nearest first, as the links resolve. */
    List<Path> lowerDirs(String id) throws IOException {
        List<Path> dirs = new ArrayList<>();
        for (String entry : lower(id)) {
            Path link = root.resolve(entry);
            dirs.add(link.getParent().resolve(Files.readSymbolicLink(link)).normalize());
        }
        return dirs;
    }
}
