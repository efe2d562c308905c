package io.wharf.daemon.internal.volume;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Which containers use which volume: one empty file per container under
 * {@code <data-root>/volumes/.wharf/refs/<volume>/}. On disk so that a restarted daemon still refuses to remove
 * a volume a stopped container was created with.
 */
final class VolumeReferences {
    private final Path dir;

    VolumeReferences(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
    }

    void add(String volume, String containerId) {
        Path ref = dir.resolve(volume).resolve(containerId);
        try {
            if (Files.notExists(ref)) {
                Files.createDirectories(ref.getParent());
                Files.createFile(ref);
            }
        } catch (java.nio.file.FileAlreadyExistsException e) {
            // two callers raced to the same reference: one file is what both wanted
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record that " + containerId + " uses volume " + volume, e);
        }
    }

    void remove(String volume, String containerId) {
        Path vdir = dir.resolve(volume);
        try {
            Files.deleteIfExists(vdir.resolve(containerId));
            try (Stream<Path> left = Files.list(vdir)) {
                if (left.findAny().isEmpty()) {
                    Files.deleteIfExists(vdir);
                }
            }
        } catch (NoSuchFileException | java.nio.file.DirectoryNotEmptyException e) {
            // already gone, or another reference was added meanwhile
        } catch (IOException e) {
            throw new UncheckedIOException("cannot drop the reference of " + containerId + " to volume " + volume, e);
        }
    }

    /** The containers using the volume, sorted. */
    List<String> users(String volume) {
        try (Stream<Path> refs = Files.list(dir.resolve(volume))) {
            return refs.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the users of volume " + volume, e);
        }
    }

    void clear(String volume) {
        for (String user : users(volume)) {
            remove(volume, user);
        }
    }
}
