package io.wharf.daemon.internal.volume;

import io.wharf.linux.FileStat;
import io.wharf.linux.LinuxException;
import io.wharf.linux.PosixFiles;
import io.wharf.linux.Xattrs;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies an image directory into a new volume as dockerd does on first use: every file with its owner, mode,
 * times and extended attributes, hard links kept as links, symlinks copied as links, never followed.
 */
final class ContentCopier {
    /** Hard links inside the tree, by (device, inode) of the source. */
    private final Map<String, Path> linked = new HashMap<>();

    static boolean copyIfEmpty(Path source, Path target) throws IOException {
        if (!Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS) || !Files.isDirectory(target)) {
            return false;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(target)) {
            if (entries.iterator().hasNext()) {
                return false;
            }
        }
        ContentCopier copier = new ContentCopier();
        boolean any;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(source)) {
            any = entries.iterator().hasNext();
        }
        copier.copyChildren(source, target);
        copier.copyAttributes(source, target, PosixFiles.lstat(source));
        return any;
    }

    private void copyChildren(Path sourceDir, Path targetDir) throws IOException {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(sourceDir)) {
            entries.forEach(children::add);
        }
        for (Path child : children) {
            copy(child, targetDir.resolve(child.getFileName().toString()));
        }
    }

    private void copy(Path source, Path target) throws IOException {
        FileStat st = PosixFiles.lstat(source);
        int type = st.type();
        if (type != PosixFiles.S_IFDIR && st.nlink() > 1) {
            String key = st.dev() + ":" + st.ino();
            Path first = linked.get(key);
            if (first != null) {
                Files.createLink(target, first);
                return;
            }
            linked.put(key, target);
        }
        switch (type) {
            case PosixFiles.S_IFDIR -> {
                Files.createDirectory(target);
                copyChildren(source, target);
            }
            case PosixFiles.S_IFREG -> Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES,
                    LinkOption.NOFOLLOW_LINKS);
            case PosixFiles.S_IFLNK -> Files.createSymbolicLink(target, Files.readSymbolicLink(source));
            case PosixFiles.S_IFIFO -> PosixFiles.mkfifo(target, st.permissions());
            case PosixFiles.S_IFCHR, PosixFiles.S_IFBLK -> PosixFiles.mknod(target, st.mode(), st.rdev());
            default -> {
                return; // sockets belong to a running process and mean nothing in a copy
            }
        }
        copyAttributes(source, target, st);
    }

    /** Owner first: chown clears setuid/setgid bits, so the mode is set after it. */
    private void copyAttributes(Path source, Path target, FileStat st) throws LinuxException {
        PosixFiles.lchown(target, st.uid(), st.gid());
        for (String name : Xattrs.llist(source)) {
            byte[] value = Xattrs.lget(source, name);
            if (value != null) {
                try {
                    Xattrs.lset(target, name, value);
                } catch (LinuxException e) {
                    // a file system that refuses a namespace (security.*, trusted.*) must not fail the copy
                }
            }
        }
        if (st.type() != PosixFiles.S_IFLNK) {
            PosixFiles.chmod(target, st.permissions());
        }
        PosixFiles.setMtimeNoFollow(target, st.mtimeNanos());
    }
}
