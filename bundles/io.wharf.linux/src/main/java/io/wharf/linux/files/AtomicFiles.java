package io.wharf.linux.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The engine's one way of replacing a file so that readers see either the old or the new content, never a part.
 * {@link #write} makes that hold across a power cut too, at the price of two flushes to disk (the file before the
 * rename, the directory after it); {@link #replace} only guards against a crash of the process, for records that
 * live no longer than a boot or a container, which a power cut may lose (or leave empty) because whoever reads
 * them copes. Stores that stream their content into a temporary file themselves hand it over to {@link #commit}.
 */
public final class AtomicFiles {
    private static final String TMP_SUFFIX = ".tmp";

    private AtomicFiles() {
    }

    /**
     * Replaces {@code file} with {@code content}: a hidden temporary sibling is written and synced, renamed
     * over the file, and the directory is synced so that the rename itself survives a crash.
     */
    public static void write(Path file, byte[] content) throws IOException {
        write(file, content, true);
    }

    /**
     * Replaces {@code file} with {@code content} through a renamed temporary sibling, without waiting for the
     * disk. Readers in this boot see the old or the new content; after a power cut the file may be missing or
     * empty. On ext4 a rename over an existing file still orders the new data before the rename.
     */
    public static void replace(Path file, byte[] content) throws IOException {
        write(file, content, false);
    }

    /**
     * {@link #write(Path, byte[])} when {@code flush}, {@link #replace(Path, byte[])} otherwise: for stores that
     * keep records of both kinds, durable ones and ones that live no longer than a boot or a container.
     */
    public static void write(Path file, byte[] content, boolean flush) throws IOException {
        Path tmp = temporarySibling(file);
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                if (flush) {
                    ch.force(true);
                }
            }
            move(tmp, file, flush);
        } finally {
            Files.deleteIfExists(tmp);
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

    /**
     * Moves a temporary file that the caller wrote in full (in the target's directory) over {@code target}. When
     * {@code flush} the content is forced to disk first and the directory after the rename; a caller that forced
     * the content itself (while it streamed it) passes {@code contentSynced} so that it is not forced twice.
     */
    public static void commit(Path temp, Path target, boolean flush, boolean contentSynced) throws IOException {
        if (flush && !contentSynced) {
            sync(temp);
        }
        move(temp, target, flush);
    }

    /** {@link #commit(Path, Path, boolean, boolean)} of a temporary file whose content was not forced yet. */
    public static void commit(Path temp, Path target, boolean flush) throws IOException {
        commit(temp, target, flush, false);
    }

    /**
     * A fresh hidden name beside {@code file} for writing its next content: unique, so that two writers of one
     * file never share a temporary file, and ending in {@code .tmp} so that a store sweeping after a crash knows it.
     */
    public static Path temporarySibling(Path file) {
        return file.resolveSibling("." + file.getFileName() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + TMP_SUFFIX);
    }

    /** Whether {@code name} is one that {@link #temporarySibling} hands out: left over from a crash if seen later. */
    public static boolean isTemporary(String name) {
        return name.startsWith(".") && name.endsWith(TMP_SUFFIX);
    }

    /** Forces a file's content to disk. */
    public static void sync(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    /** Flushes a directory's entries (creations, renames, removals) to disk. */
    public static void syncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    private static void move(Path tmp, Path target, boolean flush) throws IOException {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        if (flush) {
            syncDirectory(target.toAbsolutePath().getParent());
        }
    }
}
