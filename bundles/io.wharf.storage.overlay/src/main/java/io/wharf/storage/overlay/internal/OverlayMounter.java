package io.wharf.storage.overlay.internal;

import io.wharf.linux.Errno;
import io.wharf.linux.LinuxException;
import io.wharf.linux.MountInfo;
import io.wharf.linux.Mounts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Mounts and unmounts one layer's merged directory. The kernel takes at most one page of mount options; a
 * chain written with absolute paths outgrows it after a few dozen layers, so a longer chain is mounted with
 * paths relative to the root ({@code l/<link>}), from a thread whose working directory is the root.
 */
final class OverlayMounter {
    /** The kernel copies mount data into one page; the terminating NUL takes one byte of it. */
    static final int MAX_OPTIONS = 4095;

    private final OverlayLayout layout;
    private final String featureOptions;
    private final ThreadCwd threadCwd = new ThreadCwd();
    /** overlayfs knows {@code volatile} from Linux 5.10 on. */
    private final boolean volatileSupported;

    OverlayMounter(OverlayLayout layout, String featureOptions) {
        this(layout, featureOptions, KernelVersion.atLeast(5, 10));
    }

    OverlayMounter(OverlayLayout layout, String featureOptions, boolean volatileSupported) {
        this.layout = layout;
        this.featureOptions = featureOptions;
        this.volatileSupported = volatileSupported;
    }

    /**
     * Options that keep the upper directory a plain record of the layer's changes, so that it can be read
     * as a layer diff: no inode index, no redirects for renamed directories, no metadata-only copy-ups.
     * Each is passed only when the kernel knows it.
     */
    static String featureOptions(Path parameters) {
        StringBuilder b = new StringBuilder();
        for (String feature : List.of("index", "redirect_dir", "metacopy")) {
            if (Files.exists(parameters.resolve(feature))) {
                b.append(',').append(feature).append("=off");
            }
        }
        return b.toString();
    }

    void mount(String id, boolean readWrite) throws IOException {
        Path merged = Files.createDirectories(layout.merged(id));
        List<String> lower = layout.lower(id);
        if (lower.isEmpty()) {
            // A base layer has nothing to merge: its diff directory is bound in place.
            Mounts.mount(layout.diff(id).toString(), merged, null, Mounts.MS_BIND, null);
            if (!readWrite) {
                try {
                    Mounts.mount(null, merged, null, Mounts.MS_BIND | Mounts.MS_REMOUNT | Mounts.MS_RDONLY, null);
                } catch (IOException e) {
                    // Not left behind writable and uncounted.
                    Mounts.umount2(merged, Mounts.MNT_DETACH);
                    throw e;
                }
            }
            return;
        }
        String options = featureOptions + volatileOption(id);
        String absolute = "lowerdir=" + lower.stream().map(l -> layout.root().resolve(l).toString())
                .collect(Collectors.joining(":")) + ",upperdir=" + layout.diff(id) + ",workdir=" + layout.work(id)
                + options;
        if (absolute.length() <= MAX_OPTIONS) {
            Mounts.mount("overlay", merged, "overlay", 0, absolute);
            return;
        }
        String relative = "lowerdir=" + String.join(":", lower) + ",upperdir=" + id + "/diff,workdir=" + id + "/work"
                + options;
        if (relative.length() > MAX_OPTIONS) {
            throw new IOException("the chain of " + lower.size() + " layers below " + id
                    + " does not fit in the kernel's mount options");
        }
        threadCwd.runIn(layout.root(), () -> Mounts.mount("overlay", merged, "overlay", 0, relative));
    }

    /**
     * {@code ,volatile} for a layer created volatile: overlayfs then skips every flush of the upper directory,
     * above all the one of the whole upper file system at unmount, which costs a container's exit as much as
     * the disk is busy. overlayfs marks such a work directory and refuses it after a remount unless the mark is
     * removed, which is safe only without a power cut in between: the marker file keeps the boot ID of the
     * last mount, and a layer last mounted in another boot is mounted plainly (its mark then refuses it).
     */
    private String volatileOption(String id) throws IOException {
        Path marker = layout.volatileMarker(id);
        if (!Files.exists(marker) || !volatileSupported) {
            return "";
        }
        String boot = io.wharf.linux.files.MountCount.currentBootId();
        String lastBoot = Files.readString(marker).trim();
        Path mark = layout.volatileWorkMarker(id);
        if (Files.exists(mark)) {
            if (!lastBoot.equals(boot)) {
                return "";
            }
            io.wharf.linux.files.FileTrees.deleteRecursively(mark);
        }
        if (!lastBoot.equals(boot)) {
            io.wharf.linux.files.AtomicFiles.replace(marker, boot);
        }
        return ",volatile";
    }

    void unmount(String id) throws IOException {
        Path merged = layout.merged(id);
        try {
            Mounts.umount2(merged, 0);
        } catch (LinuxException e) {
            if (e.errno() != Errno.EBUSY) {
                throw e;
            }
            // Something still holds it (a process's cwd, an open file): detach now, the kernel frees it later.
            Mounts.umount2(merged, Mounts.MNT_DETACH);
        }
    }

    /** Whether the layer's merged directory is a mount point now, by the kernel's table. */
    boolean isMounted(String id) throws IOException {
        Path merged = layout.merged(id);
        for (MountInfo m : Mounts.mountInfo()) {
            if (m.mountPoint().equals(merged)) {
                return true;
            }
        }
        return false;
    }
}
