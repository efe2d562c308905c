package io.wharf.linux.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes small files so that readers see either the old or the new content. {@link #write} makes that hold
 * across a power cut too, at the price of two flushes to disk; {@link #replace} only guards against a crash of
 * the process, for state that a power cut may lose (or leave empty) because whoever reads it copes.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /**
     * Replaces {@code file} with {@code content}: a hidden temporary sibling is written and synced, renamed
     * over the file, and the directory is synced so that the rename itself survives a crash.
     */
    public static void write(Path file, byte[] content) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.wrap(content);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory(file.toAbsolutePath().getParent());
    }

    /**
     * Replaces {@code file} with {@code content} through a renamed temporary sibling, without waiting for the
     * disk. Readers in this boot see the old or the new content; after a power cut the file may be missing or
     * empty. On ext4 a rename over an existing file still orders the new data before the rename.
     */
    public static void replace(Path file, byte[] content) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.write(tmp, content);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * {@link #write(Path, byte[])} when {@code flush}, {@link #replace(Path, byte[])} otherwise: for stores that
     * keep records of both kinds, durable ones and ones that live no longer than a boot or a container.
     */
    public static void write(Path file, byte[] content, boolean flush) throws IOException {
        if (flush) {
            write(file, content);
        } else {
            replace(file, content);
        }
    }

    /** {@link #write(Path, byte[], boolean)} with the text in UTF-8. */
    public static void write(Path file, String content, boolean flush) throws IOException {
        write(file, content.getBytes(StandardCharsets.UTF_8), flush);
    }

    /** {@link #replace(Path, byte[])} with the text in UTF-8. */
    public static void replace(Path file, String content) throws IOException {
        replace(file, content.getBytes(StandardCharsets.UTF_8));
    }

    /** {@link #write(Path, byte[])} with the text in UTF-8. */
    public static void write(Path file, String content) throws IOException {
        write(file, content.getBytes(StandardCharsets.UTF_8));
    }

    /** Flushes a directory's entries (creations, renames, removals) to disk. */
    public static void syncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }
}
