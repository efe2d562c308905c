package io.wharf.runtime.oci.internal;

import io.wharf.api.errors.ConflictException;
import io.wharf.api.errors.WharfException;
import io.wharf.api.runtime.StdioConnection;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Talks to a running conmon: the control FIFO (terminal resize) and the attach socket. */
final class ConmonControl {
    /** conmon's control message type for a window resize. */
    private static final int WIN_RESIZE_EVENT = 1;

    private final RuntimeLayout layout;

    ConmonControl(RuntimeLayout layout) {
        this.layout = layout;
    }

    void resize(String id, int height, int width) {
        resize(layout.conmonPidFile(id), layout.controlFifo(id), id, height, width);
    }

    void resizeExec(String id, String execId, int height, int width) {
        Path dir = layout.bundle(id).resolve("exec").resolve(execId);
        resize(dir.resolve("conmon.pid"), dir.resolve("ctl"), execId, height, width);
    }

    private void resize(Path conmonPidFile, Path ctl, String marker, int height, int width) {
        OptionalInt pid = Processes.readPid(conmonPidFile);
        if (pid.isEmpty() || !Processes.alive(pid.getAsInt(), marker)) {
            throw new ConflictException("Container " + marker + " is not running");
        }
        byte[] message = (WIN_RESIZE_EVENT + " " + height + " " + width + "\n").getBytes(StandardCharsets.US_ASCII);
        // conmon holds the FIFO open for reading, so opening it for writing does not block; should conmon die in
        // between, the open would block forever, hence the bounded wait on another thread.
        CompletableFuture<Void> write = CompletableFuture.runAsync(() -> {
            try (OutputStream out = Files.newOutputStream(ctl)) {
                out.write(message);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        try {
            write.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            write.cancel(true);
        }
    }

    StdioConnection attach(String id, boolean openStdin) {
        OptionalInt pid = Processes.readPid(layout.conmonPidFile(id));
        if (pid.isEmpty() || !Processes.alive(pid.getAsInt(), id)) {
            throw new ConflictException("You cannot attach to a stopped container, start it first");
        }
        try {
            return new AttachConnection(layout.attachSocket(id), openStdin);
        } catch (IOException e) {
            throw new WharfException("cannot attach to container " + id + ": " + e.getMessage(), e);
        }
    }
}
