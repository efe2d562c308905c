package io.wharf.runtime.oci.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.api.errors.WharfException;
import io.wharf.api.runtime.ExecProcess;
import io.wharf.api.runtime.ExitStatus;
import io.wharf.api.runtime.IoConfig;
import io.wharf.api.runtime.StdioConnection;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * An exec run as {@code runtime exec --process spec.json} in the foreground, a child of the daemon: its pipes
 * are the exec's stdio and its exit code the exec's. Execs therefore do not survive a daemon restart, and run
 * without a terminal (the runtime would need a console socket).
 */
final class RuntimeExec implements ExecProcess {
    private final Process process;
    private final Path pidFile;
    private final StdioConnection stdio;
    private final CompletableFuture<ExitStatus> exited;

    private RuntimeExec(Process process, Path pidFile, boolean openStdin, Path specFile) {
        this.process = process;
        this.pidFile = pidFile;
        if (!openStdin) {
            try {
                process.getOutputStream().close();
            } catch (IOException e) {
                // the process is gone already; its exit says the rest
            }
        }
        this.stdio = new StdioConnection() {
            @Override
            public OutputStream stdin() {
                return openStdin ? process.getOutputStream() : null;
            }

            @Override
            public InputStream stdout() {
                return process.getInputStream();
            }

            @Override
            public InputStream stderr() {
                return process.getErrorStream();
            }

            @Override
            public void close() {
                try {
                    process.getOutputStream().close();
                } catch (IOException e) {
                    // closing a broken pipe: nothing left to do
                }
            }
        };
        this.exited = process.onExit().thenApply(p -> {
            try {
                Files.deleteIfExists(specFile);
                Files.deleteIfExists(pidFile);
            } catch (IOException e) {
                // leftovers in the bundle directory go with the container
            }
            return new ExitStatus(p.exitValue(), Instant.now(), false);
        });
    }

    static RuntimeExec start(OciRuntime runtime, String id, String execId, ObjectNode processJson, IoConfig io) {
        processJson.put("terminal", false);
        Path bundle = runtime.layout().bundle(id);
        Path specFile = bundle.resolve("exec-" + execId + ".json");
        Path pidFile = bundle.resolve("exec-" + execId + ".pid");
        try {
            OciRuntime.writeAtomically(specFile, runtime.mapper().writeValueAsBytes(processJson));
            List<String> cmd = runtime.runtime("exec", "--process", specFile.toString(), "--pid-file",
                    pidFile.toString(), id);
            return new RuntimeExec(new ProcessBuilder(cmd).start(), pidFile, io.openStdin(), specFile);
        } catch (IOException e) {
            throw new WharfException("cannot exec in container " + id + ": " + e.getMessage(), e);
        }
    }

    @Override
    public int pid() {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline && process.isAlive()) {
            OptionalInt pid = Processes.readPid(pidFile);
            if (pid.isPresent()) {
                return pid.getAsInt();
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return 0;
    }

    @Override
    public StdioConnection stdio() {
        return stdio;
    }

    @Override
    public CompletionStage<ExitStatus> exited() {
        return exited;
    }
}
