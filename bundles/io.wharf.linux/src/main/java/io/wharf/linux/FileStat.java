package io.wharf.linux;

/**
 * The result of {@link PosixFiles#lstat}: the file's own attributes (a symlink is not followed).
 *
 * @param mode file type and permission bits (st_mode), test the type with {@link #type()} and the S_IF*
 *     constants of {@link PosixFiles}
 * @param mtimeNanos modification time in nanoseconds since the epoch
 * @param rdev device number of a char or block device, encoded like {@link PosixFiles#makedev}
 * @param dev device number of the file system holding the file, encoded like {@link PosixFiles#makedev}
 */
public record FileStat(int mode, int uid, int gid, long rdev, long nlink, long ino, long dev, long size,
        long mtimeNanos) {

    /** The file type bits of the mode ({@code S_IFREG}, {@code S_IFDIR}, ...). */
    public int type() {
        return mode & PosixFiles.S_IFMT;
    }

    /** The permission bits including setuid, setgid and sticky (07777). */
    public int permissions() {
        return mode & 07777;
    }

    public boolean isDirectory() {
        return type() == PosixFiles.S_IFDIR;
    }

    public boolean isRegularFile() {
        return type() == PosixFiles.S_IFREG;
    }

    public boolean isSymbolicLink() {
        return type() == PosixFiles.S_IFLNK;
    }

    public boolean isCharDevice() {
        return type() == PosixFiles.S_IFCHR;
    }

    public int rdevMajor() {
        return PosixFiles.major(rdev);
    }

    public int rdevMinor() {
        return PosixFiles.minor(rdev);
    }
}
