package io.wharf.itests;

import io.wharf.testkit.storage.MountsUnder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The built distribution started as a real daemon, with its own data root, exec root and socket in a temp
 * directory. {@link #close} stops it with SIGTERM (then SIGKILL after a bounded wait) and removes the directory.
 */
public final class WharfDaemon implements AutoCloseable {
    public static final Path DOCKER = Path.of("/usr/local/bin/docker");

    private final Path dir;
    private final Process process;
    private final Path log;

    private WharfDaemon(Path dir, Process process, Path log) {
        this.dir = dir;
        this.process = process;
        this.log = log;
    }

    public static Path distribution() {
        return Path.of(System.getProperty("wharf.distribution", "../distribution/target/wharf")).toAbsolutePath();
    }

    /** Starts a daemon and waits (bounded) until it answers {@code /_ping}. */
    public static WharfDaemon start(String... extraArgs) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("wharf-e2e");
        return startIn(dir, extraArgs);
    }

    public static WharfDaemon startIn(Path dir, String... extraArgs) throws IOException, InterruptedException {
        return startIn(dir, Map.of(), extraArgs);
    }

    /** With more environment variables for wharfd (a {@code PATH} without some host tool, say). */
    public static WharfDaemon startIn(Path dir, Map<String, String> env, String... extraArgs)
            throws IOException, InterruptedException {
        Process p = launch(dir, env, extraArgs);
        WharfDaemon d = new WharfDaemon(dir, p, dir.resolve("wharfd.log"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                String out = d.log();
                d.deleteDir();
                throw new AssertionError("wharfd exited with " + p.exitValue() + ":\n" + out);
            }
            try {
                if (UnixHttp.get(d.socket(), "/_ping").status() == 200) {
                    return d;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        String out = d.log();
        d.close();
        throw new AssertionError("wharfd did not answer /_ping within 60 s:\n" + out);
    }

    /** Runs wharfd with the test's directories and returns the process (for tests of refusals). */
    public static Process launch(Path dir, String... extraArgs) throws IOException {
        return launch(dir, Map.of(), extraArgs);
    }

    private static Process launch(Path dir, Map<String, String> env, String... extraArgs) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(distribution().resolve("bin/wharfd").toString(),
                "--data-root", dir.resolve("data").toString(),
                "--exec-root", dir.resolve("run").toString(),
                "--pidfile", dir.resolve("wharfd.pid").toString(),
                "--config-file", dir.resolve("daemon.json").toString(),
                "-H", "unix://" + dir.resolve("wharf.sock")));
        cmd.addAll(List.of(extraArgs));
        if (!List.of(extraArgs).contains("--bridge") && !List.of(extraArgs).contains("-b")) {
            cmd.addAll(DaemonBridge.args(dir));
        }
        if (!Files.exists(dir.resolve("daemon.json"))) {
            Files.writeString(dir.resolve("daemon.json"), "{}\n");
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("wharfd.log").toFile()));
        pb.environment().putAll(env);
        return pb.start();
    }

    public Path dir() {
        return dir;
    }

    public Path socket() {
        return dir.resolve("wharf.sock");
    }

    public Process process() {
        return process;
    }

    public String log() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /** Runs the real docker CLI against this daemon with a bounded wait. */
    public Result docker(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(DOCKER.toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        env.put("DOCKER_HOST", "unix://" + socket());
        env.put("DOCKER_BUILDKIT", "0");
        env.put("DOCKER_CONFIG", dir.resolve("docker-config").toString());
        env.remove("DOCKER_CONTEXT");
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("docker " + String.join(" ", args) + " did not finish within 120 s");
        }
        Result r = new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
        return r;
    }

    /** Runs the CLI and asserts that it succeeded; returns its standard output. */
    public String ok(String... args) throws IOException, InterruptedException {
        Result r = docker(args);
        org.junit.jupiter.api.Assertions.assertEquals(0, r.exitCode(), String.join(" ", args) + "\n" + r.all());
        return r.stdout();
    }

    /** Runs the CLI and asserts that it failed; returns the run for its message. */
    public Result fails(String... args) throws IOException, InterruptedException {
        Result r = docker(args);
        org.junit.jupiter.api.Assertions.assertNotEquals(0, r.exitCode(), String.join(" ", args) + "\n" + r.all());
        return r;
    }

    /** The non-blank lines of a CLI's output, trimmed and sorted. */
    public static List<String> lines(String out) {
        return java.util.Arrays.stream(out.split("\n")).map(String::trim).filter(l -> !l.isEmpty()).sorted()
                .toList();
    }

    /** A finished CLI run. */
    public record Result(int exitCode, String stdout, String stderr) {
        public String all() {
            return "exit " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
        }
    }

    /** Sends SIGTERM and waits (bounded) for a clean exit; returns the exit code. */
    public int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("wharfd did not stop within 30 s of SIGTERM:\n" + log());
        }
        return process.exitValue();
    }

    /**
     * Stops the daemon and removes its directory. Mounts the daemon left under the directory are a defect: they are
     * unmounted so that nothing outlives the test, and then reported as a failure.
     */
    @Override
    public void close() throws InterruptedException {
        List<Path> leftMounts = List.of();
        try {
            if (process.isAlive()) {
                stop();
            }
        } finally {
            try {
                leftMounts = Files.isDirectory(dir) ? MountsUnder.forceUnmountAll(dir) : List.of();
                DaemonBridge.cleanUp(dir);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } finally {
                deleteDir();
            }
        }
        leftMounts = leftMounts.stream().filter(m -> !m.equals(netnsDir())).toList();
        if (!leftMounts.isEmpty()) {
            throw new AssertionError("the daemon left mounts behind: " + leftMounts);
        }
    }

    /** The network namespaces' directory: a shared mount of itself by design, as dockerd's /run/docker/netns. */
    private Path netnsDir() {
        return dir.resolve("run/netns");
    }

    /** What is mounted under the daemon's directory now, apart from the namespaces' directory itself. */
    public List<Path> mounts() throws IOException {
        return MountsUnder.list(dir).stream().filter(m -> !m.equals(netnsDir())).toList();
    }

    private void deleteDir() {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a temp directory
        }
    }
}
