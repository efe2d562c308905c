package io.wharf.runtime.oci.internal;

import io.wharf.linux.MountInfo;
import io.wharf.linux.Mounts;
import io.wharf.linux.files.FileTrees;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * What {@code runc delete} does for a container whose processes have all gone, without running runc: its
 * cgroup directories are removed from every cgroup hierarchy and its state directory under runc's root. That
 * is all runc does then (we give no hooks), and it saves a runtime process (6-10 ms) on the way out of every
 * container. A cgroup that still holds a process refuses the removal; the caller then asks runc after all.
 */
final class StoppedRuncState {
    private StoppedRuncState() {
    }

    /**
     * Removes the container's cgroups ({@code cgroupsPath} as in its config) and then its state directory.
     *
     * @return false when a cgroup could not be removed (a process is left in it): nothing else was touched
     */
    static boolean remove(Path stateDir, String cgroupsPath) throws IOException {
        String relative = cgroupsPath.startsWith("/") ? cgroupsPath.substring(1) : cgroupsPath;
        if (relative.isEmpty() || relative.contains("..") || relative.contains(":")) {
            return false; // not the cgroupfs path we give: leave it to runc
        }
        for (Path hierarchy : hierarchies()) {
            if (!removeCgroup(hierarchy.resolve(relative))) {
                return false;
            }
        }
        FileTrees.deleteRecursively(stateDir);
        return true;
    }

    /** The mount points of cgroup v1 hierarchies and of the v2 one, from the mount table. */
    static List<Path> hierarchies() throws IOException {
        return Mounts.mountInfo().stream().filter(m -> m.fsType().equals("cgroup") || m.fsType().equals("cgroup2"))
                .map(MountInfo::mountPoint).toList();
    }

    /** Removes a cgroup directory and any child cgroups below it, deepest first; false when one is busy. */
    private static boolean removeCgroup(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return true;
        }
        List<Path> dirs;
        try (Stream<Path> s = Files.walk(dir)) {
            dirs = s.filter(Files::isDirectory).sorted(Comparator.reverseOrder()).toList();
        }
        for (Path d : dirs) {
            try {
                Files.delete(d); // rmdir: a cgroup's control files go with it
            } catch (NoSuchFileException e) {
                // gone already
            } catch (DirectoryNotEmptyException e) {
                return false;
            } catch (IOException e) {
                if (e.getMessage() != null && e.getMessage().contains("busy")) {
                    return false;
                }
                throw e;
            }
        }
        return true;
    }
}
