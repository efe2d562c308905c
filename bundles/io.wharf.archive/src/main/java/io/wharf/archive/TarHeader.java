package io.wharf.archive;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One tar entry's header. {@code name} is the archive name as written (directories may end with "/");
 * {@code mode} holds only the permission bits (07777), the type is {@link #kind}. {@code size} is the
 * content length of a regular file and 0 otherwise. {@code xattrs} maps attribute names to raw values (PAX
 * {@code SCHILY.xattr.*}), sorted by name.
 */
public record TarHeader(String name, Kind kind, int mode, int uid, int gid, String userName, String groupName,
        long size, Instant mtime, String linkName, int devMajor, int devMinor, Map<String, byte[]> xattrs) {

    /** The entry types Wharf reads and writes; {@link #OTHER} is any other typeflag (skipped on extraction). */
    public enum Kind { REGULAR, DIRECTORY, SYMLINK, HARDLINK, CHAR_DEVICE, BLOCK_DEVICE, FIFO, OTHER }

    public TarHeader {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        userName = userName == null ? "" : userName;
        groupName = groupName == null ? "" : groupName;
        mtime = mtime == null ? Instant.EPOCH : mtime;
        linkName = linkName == null ? "" : linkName;
        xattrs = xattrs == null || xattrs.isEmpty() ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(xattrs));
        if (size < 0) {
            throw new IllegalArgumentException("negative size for " + name);
        }
    }

    public static TarHeader file(String name, long size) {
        return new TarHeader(name, Kind.REGULAR, 0644, 0, 0, "", "", size, Instant.EPOCH, "", 0, 0, Map.of());
    }

    public static TarHeader directory(String name) {
        return new TarHeader(name, Kind.DIRECTORY, 0755, 0, 0, "", "", 0, Instant.EPOCH, "", 0, 0, Map.of());
    }

    public static TarHeader symlink(String name, String target) {
        return new TarHeader(name, Kind.SYMLINK, 0777, 0, 0, "", "", 0, Instant.EPOCH, target, 0, 0, Map.of());
    }

    /** A hard link {@code name} to the earlier entry {@code target} (an archive name). */
    public static TarHeader hardLink(String name, String target) {
        return new TarHeader(name, Kind.HARDLINK, 0644, 0, 0, "", "", 0, Instant.EPOCH, target, 0, 0, Map.of());
    }

    public static TarHeader charDevice(String name, int major, int minor) {
        return new TarHeader(name, Kind.CHAR_DEVICE, 0666, 0, 0, "", "", 0, Instant.EPOCH, "", major, minor, Map.of());
    }

    public static TarHeader blockDevice(String name, int major, int minor) {
        return new TarHeader(name, Kind.BLOCK_DEVICE, 0660, 0, 0, "", "", 0, Instant.EPOCH, "", major, minor, Map.of());
    }

    public static TarHeader fifo(String name) {
        return new TarHeader(name, Kind.FIFO, 0644, 0, 0, "", "", 0, Instant.EPOCH, "", 0, 0, Map.of());
    }

    public TarHeader withName(String newName) {
        return new TarHeader(newName, kind, mode, uid, gid, userName, groupName, size, mtime, linkName, devMajor,
                devMinor, xattrs);
    }

    public TarHeader withMode(int newMode) {
        return new TarHeader(name, kind, newMode & 07777, uid, gid, userName, groupName, size, mtime, linkName,
                devMajor, devMinor, xattrs);
    }

    public TarHeader withOwner(int newUid, int newGid) {
        return new TarHeader(name, kind, mode, newUid, newGid, userName, groupName, size, mtime, linkName, devMajor,
                devMinor, xattrs);
    }

    public TarHeader withMtime(Instant newMtime) {
        return new TarHeader(name, kind, mode, uid, gid, userName, groupName, size, newMtime, linkName, devMajor,
                devMinor, xattrs);
    }

    public TarHeader withXattrs(Map<String, byte[]> newXattrs) {
        return new TarHeader(name, kind, mode, uid, gid, userName, groupName, size, mtime, linkName, devMajor,
                devMinor, newXattrs);
    }

    public boolean isDirectory() {
        return kind == Kind.DIRECTORY;
    }
}
