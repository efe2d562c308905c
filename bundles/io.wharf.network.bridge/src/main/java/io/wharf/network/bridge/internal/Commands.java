package io.wharf.network.bridge.internal;

import io.wharf.api.errors.WharfException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the host's network tools ({@code ip -batch -}, {@code iptables-restore}) with a script on stdin. Work is
 * batched so that a container costs one or two process spawns.
 */
final class Commands {
    private static final long TIMEOUT_SECONDS = 30;

    /** The outcome of one run: exit code and the merged output. */
    record Result(int exitCode, String output) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    Result run(List<String> command, String stdin) {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new WharfException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
        }
        try (OutputStream in = process.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // the tool exited early; its output says why
        }
        // these tools read all of stdin before writing much, so reading their output after feeding them is safe
        String output = drain(process.getInputStream());
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new WharfException(command.get(0) + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
            return new Result(process.exitValue(), output);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new WharfException("interrupted while running " + command.get(0), e);
        }
    }

    /** Runs and fails with the tool's own message when it exits non-zero. */
    String check(List<String> command, String stdin, String what) {
        Result result = run(command, stdin);
        if (!result.ok()) {
            throw new WharfException(what + ": " + result.output().strip());
        }
        return result.output();
    }

    private static String drain(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
