package io.wharf.storage.vfs.internal;

import io.wharf.linux.FileStat;
import io.wharf.linux.PosixFiles;
import io.wharf.linux.Xattrs;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;

/**
 * Copies a directory tree so that the copy is indistinguishable from the original as a container root:
 * ownership, modes (with set-ID bits), modification times, extended attributes of every namespace, symbolic
 * links, hard links (kept as links within the copy), device nodes and FIFOs. Sockets are skipped: a socket
 * file means nothing without the process that listens on it.
 */
final class TreeCopier {

    /** Copies the contents of {@code source} into {@code target}, which must exist and be empty. */
    void copy(Path source, Path target) throws IOException {
        Map<String, Path> linked = new HashMap<>();
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(source)) {
                    Files.createDirectory(target.resolve(source.relativize(dir).toString()));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                copyEntry(file, target.resolve(source.relativize(file).toString()), linked);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                if (exc != null) {
                    throw exc;
                }
                // Metadata last: adding entries changes a directory's mtime.
                copyMetadata(dir, target.resolve(source.relativize(dir).toString()), PosixFiles.lstat(dir));
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void copyEntry(Path from, Path to, Map<String, Path> linked) throws IOException {
        FileStat st = PosixFiles.lstat(from);
        if (st.type() != PosixFiles.S_IFLNK && st.type() != PosixFiles.S_IFDIR && st.nlink() > 1) {
            Path first = linked.putIfAbsent(st.dev() + ":" + st.ino(), to);
            if (first != null) {
                Files.createLink(to, first);
                return;
            }
        }
        switch (st.type()) {
            case PosixFiles.S_IFLNK -> Files.createSymbolicLink(to, Files.readSymbolicLink(from));
            case PosixFiles.S_IFREG -> Files.copy(from, to, LinkOption.NOFOLLOW_LINKS,
                    StandardCopyOption.COPY_ATTRIBUTES);
            case PosixFiles.S_IFCHR, PosixFiles.S_IFBLK, PosixFiles.S_IFIFO ->
                    PosixFiles.mknod(to, st.type() | 0600, st.rdev());
            default -> {
                return;
            }
        }
        copyMetadata(from, to, st);
    }

    private static void copyMetadata(Path from, Path to, FileStat st) throws IOException {
        boolean symlink = st.type() == PosixFiles.S_IFLNK;
        // Owner before mode: chown clears the set-ID bits.
        PosixFiles.lchown(to, st.uid(), st.gid());
        if (!symlink) {
            PosixFiles.chmod(to, st.permissions());
        }
        for (String name : Xattrs.llist(from)) {
            byte[] value = Xattrs.lget(from, name);
            if (value != null) {
                Xattrs.lset(to, name, value);
            }
        }
        PosixFiles.setMtimeNoFollow(to, st.mtimeNanos());
    }
}
