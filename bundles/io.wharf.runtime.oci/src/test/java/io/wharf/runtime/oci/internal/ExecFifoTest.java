package io.wharf.runtime.oci.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.FileOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecFifoTest {
    @TempDir
    Path dir;

    private Path fifo() {
        Path fifo = dir.resolve(ExecFifo.NAME);
        LibC.INSTANCE.mkfifo(fifo.toString(), 0600);
        return fifo;
    }

    /** What runc's init does: opens the FIFO for writing (waiting for a reader), writes a byte, closes it. */
    private static CompletableFuture<Void> init(Path fifo, byte[] written) {
        return CompletableFuture.runAsync(() -> {
            try (FileOutputStream out = new FileOutputStream(fifo.toFile())) {
                Thread.sleep(50); // the reader polls for the byte rather than finding it there at once
                out.write(written);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void releasesTheWaitingInitAndRemovesTheFifo() throws Exception {
        Path fifo = fifo();
        CompletableFuture<Void> init = init(fifo, new byte[] {'0'});
        ExecFifo.release(fifo, () -> true, 10_000);
        init.get(10, TimeUnit.SECONDS);
        assertFalse(Files.exists(fifo), "runc reports a container running once its FIFO is gone");
    }

    @Test
    void aDeadInitIsNoticedInsteadOfWaitedFor() {
        Path fifo = fifo();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ExecFifo.release(fifo, () -> false, 10_000));
        assertEquals("container process is already dead", e.getMessage());
    }

    @Test
    void aFifoClosedWithoutTheByteMeansStartedAlready() throws Exception {
        Path fifo = fifo();
        CompletableFuture<Void> init = init(fifo, new byte[0]);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ExecFifo.release(fifo, () -> true, 10_000));
        assertEquals("cannot start an already running container", e.getMessage());
        init.get(10, TimeUnit.SECONDS);
    }
}
