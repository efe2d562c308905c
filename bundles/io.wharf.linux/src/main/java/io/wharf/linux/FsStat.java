package io.wharf.linux;

/**
 * The result of {@link PosixFiles#statfs}. {@link #type} is the file system magic number, compare with the
 * constants here to detect e.g. overlay (which cannot be an overlay upper directory) or tmpfs.
 */
public record FsStat(long type, long blockSize, long blocks, long blocksFree, long blocksAvailable, long files,
        long filesFree, long nameMax, long flags) {
    public static final long OVERLAYFS_SUPER_MAGIC = 0x794c7630L;
    public static final long TMPFS_MAGIC = 0x01021994L;
    public static final long EXT4_SUPER_MAGIC = 0xEF53L;
    public static final long XFS_SUPER_MAGIC = 0x58465342L;
    public static final long BTRFS_SUPER_MAGIC = 0x9123683EL;
    public static final long ZFS_SUPER_MAGIC = 0x2FC12FC1L;
    public static final long NFS_SUPER_MAGIC = 0x6969L;
    public static final long PROC_SUPER_MAGIC = 0x9fa0L;
    public static final long SYSFS_MAGIC = 0x62656572L;
    public static final long FUSE_SUPER_MAGIC = 0x65735546L;
    public static final long ECRYPTFS_SUPER_MAGIC = 0xf15fL;
}
