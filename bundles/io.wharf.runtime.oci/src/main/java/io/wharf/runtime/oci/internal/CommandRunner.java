package io.wharf.runtime.oci.internal;

import io.wharf.api.errors.WharfException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a short-lived helper (the runtime binary, conmon's launcher) to completion, with a time limit. */
final class CommandRunner {
    /** A finished command. */
    record Result(int exitCode, String stdout, String stderr) {
        boolean ok() {
            return exitCode == 0;
        }

        /** What the command said, for error messages. */
        String message() {
            String err = stderr.strip();
            return err.isEmpty() ? stdout.strip() : err;
        }
    }

    private final long timeoutSeconds;

    CommandRunner(long timeoutSeconds) {
        this.timeoutSeconds = timeoutSeconds;
    }

    Result run(List<String> command) {
        return run(command, null);
    }

    /** Runs {@code command}; stdin is {@code /dev/null} unless {@code stdinFile} is given. */
    Result run(List<String> command, Path stdinFile) {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.redirectInput(stdinFile == null ? ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())
                : ProcessBuilder.Redirect.from(stdinFile.toFile()));
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new WharfException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
        }
        CompletableFuture<String> out = drain(process.getInputStream());
        CompletableFuture<String> err = drain(process.getErrorStream());
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
                throw new WharfException(String.join(" ", command) + ": timed out after " + timeoutSeconds + "s");
            }
            return new Result(process.exitValue(), out.get(5, TimeUnit.SECONDS), err.get(5, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new WharfException("interrupted while running " + command.get(0), e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // A helper that leaves its output open behind it (a daemonised child) must not hang us.
            return new Result(process.exitValue(), out.getNow(""), err.getNow(""));
        }
    }

    private static CompletableFuture<String> drain(InputStream in) {
        CompletableFuture<String> result = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try (in) {
                result.complete(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                result.completeExceptionally(new UncheckedIOException(e));
            }
        }, "wharf-runtime-output");
        t.setDaemon(true);
        t.start();
        return result;
    }
}
