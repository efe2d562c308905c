package io.wharf.linux.files;

import io.wharf.linux.FsStat;
import io.wharf.linux.PosixFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** The name dockerd shows as "Backing Filesystem" for the file system holding a path. */
public final class BackingFilesystem {
    private static final Map<Long, String> NAMES = Map.of(
            FsStat.EXT4_SUPER_MAGIC, "extfs",
            FsStat.XFS_SUPER_MAGIC, "xfs",
            FsStat.BTRFS_SUPER_MAGIC, "btrfs",
            FsStat.TMPFS_MAGIC, "tmpfs",
            FsStat.ZFS_SUPER_MAGIC, "zfs",
            FsStat.OVERLAYFS_SUPER_MAGIC, "overlayfs",
            FsStat.NFS_SUPER_MAGIC, "nfs",
            FsStat.FUSE_SUPER_MAGIC, "fuse",
            FsStat.ECRYPTFS_SUPER_MAGIC, "ecryptfs");

    private BackingFilesystem() {
    }

    /** dockerd's name for the file system, {@code <unknown> (0x…)} for others, {@code <unknown>} if unreadable. */
    public static String name(Path path) {
        try {
            long type = PosixFiles.statfs(path).type();
            return NAMES.getOrDefault(type, "<unknown> (0x" + Long.toHexString(type) + ")");
        } catch (IOException e) {
            return "<unknown>";
        }
    }
}
