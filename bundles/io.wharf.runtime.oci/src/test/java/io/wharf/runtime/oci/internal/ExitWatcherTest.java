package io.wharf.runtime.oci.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.wharf.api.errors.NotFoundException;
import io.wharf.api.runtime.ExitStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExitWatcherTest {
    @TempDir
    Path dir;

    /** Reads exit files as the runtime does: an empty file is one conmon has not finished writing. */
    private ExitWatcher.Probe probe(Path exits) {
        return new ExitWatcher.Probe() {
            @Override
            public Optional<ExitStatus> exitStatus(String id) {
                try {
                    String text = Files.readString(exits.resolve(id)).strip();
                    return text.isEmpty() ? Optional.empty()
                            : Optional.of(new ExitStatus(Integer.parseInt(text), Instant.now(), false));
                } catch (IOException e) {
                    return Optional.empty();
                }
            }

            @Override
            public boolean gone(String id) {
                return !Files.exists(dir.resolve("bundles").resolve(id));
            }

            @Override
            public Optional<ExitStatus> lostMonitor(String id) {
                return Optional.empty();
            }
        };
    }

    @Test
    void theExitConmonWritesCompletesTheWait() throws Exception {
        Path exits = Files.createDirectories(dir.resolve("exits"));
        Files.createDirectories(dir.resolve("bundles").resolve("c1"));
        try (DirectoryEvents events = new DirectoryEvents("test-files");
                ExitWatcher watcher = new ExitWatcher("test", probe(exits), events, exits)) {
            CompletableFuture<ExitStatus> exit = watcher.watch("c1");
            assertFalse(exit.isDone());
            // conmon creates the file, then writes the code: the empty file in between is no exit yet
            Files.createFile(exits.resolve("c1"));
            Files.writeString(exits.resolve("c1"), "3");
            assertEquals(3, exit.get(10, TimeUnit.SECONDS).exitCode());
        }
    }

    @Test
    void aContainerDeletedWhileWaitedForFailsItsWait() throws Exception {
        Path exits = Files.createDirectories(dir.resolve("exits"));
        Files.createDirectories(dir.resolve("bundles").resolve("c2"));
        try (DirectoryEvents events = new DirectoryEvents("test-files");
                ExitWatcher watcher = new ExitWatcher("test", probe(exits), events, exits)) {
            CompletableFuture<ExitStatus> exit = watcher.watch("c2");
            watcher.forget("c2");
            ExecutionException e = assertThrows(ExecutionException.class, () -> exit.get(10, TimeUnit.SECONDS));
            assertInstanceOf(NotFoundException.class, e.getCause());
        }
    }
}
