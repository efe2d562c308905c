package io.wharf.testkit.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.wharf.api.errors.ConflictException;
import io.wharf.api.errors.NotFoundException;
import io.wharf.api.runtime.Capabilities;
import io.wharf.api.runtime.ContainerRuntime;
import io.wharf.api.runtime.ContainerSpec;
import io.wharf.api.runtime.ContainerStats;
import io.wharf.api.runtime.DockerDefaults;
import io.wharf.api.runtime.ExecProcess;
import io.wharf.api.runtime.ExitStatus;
import io.wharf.api.runtime.IoConfig;
import io.wharf.api.runtime.ProcessSpec;
import io.wharf.api.runtime.Resources;
import io.wharf.api.runtime.RuntimeStartException;
import io.wharf.api.runtime.RuntimeState;
import io.wharf.api.runtime.StdioConnection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link ContainerRuntime} must do, run against a real driver: containers of a busybox root file system
 * that start, log in the CRI format to the path of their {@link IoConfig}, exit with their code (128 + signal when
 * killed, 127 for a missing command, the OOM flag when the kernel killed them), pause, report stats, run execs with
 * and without a terminal, attach, resize, and are found again by a new instance of the driver (a daemon restart).
 * A driver's test extends this class and says how to make the driver; the cases need root, and are skipped where
 * {@link #available()} says the driver cannot run. Nothing a case starts may outlive it.
 */
public abstract class RuntimeDriverContract {
    @TempDir
    protected Path tmp;

    protected Path rootfs;
    protected Path execRoot;
    protected Path dataRoot;
    protected ContainerRuntime runtime;

    /** The driver's name, used to keep each driver's cgroups apart. */
    protected abstract String runtimeName();

    /** A new instance of the driver on {@link #execRoot} and {@link #dataRoot}: a second one is a daemon restart. */
    protected abstract ContainerRuntime newRuntime();

    /** Releases what an instance holds (watchers, threads); its containers stay. */
    protected void closeRuntime(ContainerRuntime r) {
    }

    /** Whether the driver can run here (its binaries present); the cases are skipped otherwise. */
    protected boolean available() {
        return true;
    }

    @BeforeEach
    void setUpContract() throws Exception {
        assumeTrue(available(), runtimeName() + " cannot run here");
        assumeTrue("root".equals(System.getProperty("user.name")), "containers need root");
        rootfs = BusyboxRootfs.create(tmp.resolve("rootfs"));
        execRoot = tmp.resolve("exec");
        dataRoot = tmp.resolve("data");
        runtime = newRuntime();
    }

    @AfterEach
    void tearDownContract() throws IOException {
        if (runtime == null) {
            return;
        }
        try {
            for (String id : runtime.list()) {
                runtime.delete(id);
            }
            assertEquals(List.of(), runtime.list());
        } finally {
            closeRuntime(runtime);
        }
        // Nothing we started may outlive the test: no monitor, runtime or container process names our directories.
        List<String> leaked = processesMentioning(tmp.toString());
        assertEquals(List.of(), leaked, "processes left behind");
        removeCgroupParents();
    }


    @Test
    public void echoWritesTheLogAndExitsZero() throws Exception {
        String id = newId();
        Path log = tmp.resolve("logs").resolve(id + ".log");
        runtime.create(spec(id, List.of("echo", "hello"), Resources.NONE), io(log));
        assertEquals(RuntimeState.Status.CREATED, runtime.state(id).status());
        runtime.start(id);
        ExitStatus exit = runtime.exited(id).toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertEquals(0, exit.exitCode());
        String text = Files.readString(log);
        assertTrue(text.matches("(?s)\\S+ stdout F hello\n"), text);
        RuntimeState state = runtime.state(id);
        assertEquals(RuntimeState.Status.STOPPED, state.status());
        assertEquals(0, state.exitCode());
        assertNotNull(state.startedAt());
        assertNotNull(state.finishedAt());
    }

    @Test
    public void exitCodeIsRecorded() throws Exception {
        String id = run(List.of("sh", "-c", "echo oops >&2; exit 3"), Resources.NONE);
        assertEquals(3, runtime.exited(id).toCompletableFuture().get(30, TimeUnit.SECONDS).exitCode());
        assertEquals(3, runtime.state(id).exitCode());
        assertTrue(Files.readString(logOf(id)).contains(" stderr F oops"));
    }

    @Test
    public void sigkillGives137() throws Exception {
        String id = run(List.of("sleep", "60"), Resources.NONE);
        RuntimeState state = runtime.state(id);
        assertEquals(RuntimeState.Status.RUNNING, state.status());
        assertTrue(state.pid() > 0);
        runtime.kill(id, 9, false);
        assertEquals(137, runtime.exited(id).toCompletableFuture().get(30, TimeUnit.SECONDS).exitCode());
        assertThrows(ConflictException.class, () -> runtime.kill(id, 9, false));
    }

    @Test
    public void killAllReachesEveryProcess() throws Exception {
        String id = run(List.of("sh", "-c", "sleep 60 & sleep 60 & wait"), Resources.NONE);
        for (int i = 0; i < 300 && runtime.pids(id).size() < 3; i++) {
            Thread.sleep(20);
        }
        assertEquals(3, runtime.pids(id).size());
        runtime.kill(id, 15, true); // the shell, as PID 1 of its namespace, ignores SIGTERM; its children do not
        assertEquals(0, runtime.exited(id).toCompletableFuture().get(30, TimeUnit.SECONDS).exitCode(),
                "wait returns 0 once its children are gone");
        assertEquals(List.of(), runtime.pids(id));
    }

    @Test
    public void missingCommandFailsWith127() throws Exception {
        String id = newId();
        RuntimeStartException e = assertThrows(RuntimeStartException.class, () -> {
            runtime.create(spec(id, List.of("nosuch"), Resources.NONE), io(logOf(id)));
            runtime.start(id);
        });
        assertEquals(127, e.exitCode());
        assertTrue(e.getMessage().contains("nosuch") && e.getMessage().contains("not found in $PATH"),
                e.getMessage());
        RuntimeState state = runtime.state(id);
        assertEquals(RuntimeState.Status.STOPPED, state.status());
        assertEquals(127, state.exitCode());
        runtime.delete(id);
        assertThrows(NotFoundException.class, () -> runtime.state(id));
        runtime.delete(id); // idempotent
    }

    @Test
    public void memoryLimitIsVisibleInside() throws Exception {
        long limit = 64L * 1024 * 1024;
        String id = run(List.of("sh", "-c",
                "cat /sys/fs/cgroup/memory.max 2>/dev/null || cat /sys/fs/cgroup/memory/memory.limit_in_bytes"),
                Resources.memory(limit));
        assertEquals(0, runtime.exited(id).toCompletableFuture().get(30, TimeUnit.SECONDS).exitCode());
        assertTrue(Files.readString(logOf(id)).contains(" stdout F " + limit + "\n"), Files.readString(logOf(id)));
    }

    @Test
    public void outOfMemoryIsReported() throws Exception {
        long limit = 32L * 1024 * 1024;
        Resources resources = new Resources(limit, null, limit, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null);
        String id = run(List.of("dd", "if=/dev/zero", "of=/dev/null", "bs=128M", "count=1"), resources);
        ExitStatus exit = runtime.exited(id).toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertEquals(137, exit.exitCode());
        assertTrue(exit.oomKilled());
        assertTrue(runtime.state(id).oomKilled());
    }

    @Test
    public void pauseResumeAndStats() throws Exception {
        String id = run(List.of("sleep", "60"), Resources.memory(128L * 1024 * 1024).withPidsLimit(50L));
        runtime.pause(id);
        assertEquals(RuntimeState.Status.PAUSED, runtime.state(id).status());
        assertThrows(ConflictException.class, () -> runtime.pause(id));
        runtime.resume(id);
        assertEquals(RuntimeState.Status.RUNNING, runtime.state(id).status());
        ContainerStats stats = runtime.stats(id);
        assertTrue(stats.memory().usage() > 0);
        assertEquals(128L * 1024 * 1024, stats.memory().limit());
        assertEquals(50, stats.pids().limit());
        assertEquals(1, stats.pids().current());
        assertEquals(List.of(runtime.state(id).pid()), runtime.pids(id));
        runtime.update(id, Resources.memory(96L * 1024 * 1024));
        assertEquals(96L * 1024 * 1024, runtime.stats(id).memory().limit());
    }

    @Test
    public void execRunsInTheContainer() throws Exception {
        String id = run(List.of("sleep", "60"), Resources.NONE);
        ProcessSpec p = process(List.of("sh", "-c", "echo hi from $(hostname); exit 4"));
        ExecProcess exec = runtime.exec(id, "exec1", p, new IoConfig(false, false, false, null, null, 0));
        String out = new String(exec.stdio().stdout().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(4, exec.exited().toCompletableFuture().get(30, TimeUnit.SECONDS).exitCode());
        assertEquals("hi from " + id.substring(0, 12) + "\n", out);
    }

    @Test
    public void execWithTerminalAndStdin() throws Exception {
        String id = run(List.of("sleep", "60"), Resources.NONE);
        ProcessSpec p = process(List.of("sh"));
        p = new ProcessSpec(p.args(), p.env(), p.cwd(), p.user(), true, new ProcessSpec.ConsoleSize(24, 80),
                p.capabilities(), false, p.rlimits(), null, null, null);
        ExecProcess exec = runtime.exec(id, "exec2", p, new IoConfig(true, true, false, null, null, 0));
        assertTrue(exec.pid() > 0);
        runtime.resizeExec(id, "exec2", 30, 100);
        exec.stdio().stdin().write("stty size; echo $((6*7)); exit 3\n".getBytes(StandardCharsets.UTF_8));
        String out = new String(exec.stdio().stdout().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(3, exec.exited().toCompletableFuture().get(30, TimeUnit.SECONDS).exitCode());
        assertTrue(out.contains("42\r\n"), out);
        exec.stdio().close();
    }

    @Test
    public void execOfAMissingCommandFails() throws Exception {
        String id = run(List.of("sleep", "60"), Resources.NONE);
        RuntimeStartException e = assertThrows(RuntimeStartException.class, () -> runtime.exec(id, "exec3",
                process(List.of("nosuch")), new IoConfig(false, false, false, null, null, 0)));
        assertTrue(e.getMessage().contains("nosuch"), e.getMessage());
        assertEquals(RuntimeState.Status.RUNNING, runtime.state(id).status());
    }

    @Test
    public void aNewDriverFindsRunningContainersAndTheirExit() throws Exception {
        String running = run(List.of("sleep", "60"), Resources.NONE);
        String exiting = run(List.of("sh", "-c", "sleep 1; exit 5"), Resources.NONE);
        closeRuntime(runtime);
        runtime = null; // the daemon goes away; the containers stay

        ContainerRuntime again = newRuntime();
        runtime = again;
        assertEquals(List.of(running, exiting).stream().sorted().toList(), again.list());
        assertEquals(RuntimeState.Status.RUNNING, again.state(running).status());
        assertEquals(5, again.exited(exiting).toCompletableFuture().get(30, TimeUnit.SECONDS).exitCode());
        again.kill(running, 9, false);
        assertEquals(137, again.exited(running).toCompletableFuture().get(30, TimeUnit.SECONDS).exitCode());
    }

    @Test
    public void attachCarriesStdinAndOutput() throws Exception {
        String id = newId();
        runtime.create(spec(id, List.of("sh", "-c", "read line; echo got $line; echo done >&2"), Resources.NONE),
                new IoConfig(false, true, true, tmp.resolve("containers"), logOf(id), 0));
        try (StdioConnection stdio = runtime.attach(id)) {
            runtime.start(id);
            stdio.stdin().write("hello\n".getBytes(StandardCharsets.UTF_8));
            stdio.stdin().close();
            assertEquals("got hello\n", new String(stdio.stdout().readAllBytes(), StandardCharsets.UTF_8));
            assertEquals("done\n", new String(stdio.stderr().readAllBytes(), StandardCharsets.UTF_8));
        }
        assertEquals(0, runtime.exited(id).toCompletableFuture().get(30, TimeUnit.SECONDS).exitCode());
        assertTrue(Files.readString(logOf(id)).contains(" stdout F got hello\n"));
    }

    @Test
    public void terminalHasTheRequestedSizeAndFollowsResizes() throws Exception {
        String id = newId();
        ProcessSpec p = process(List.of("sh", "-c",
                "tty; stty size; touch /tmp/sized-$(hostname);"
                        + " while [ \"$(stty size)\" != \"30 100\" ]; do sleep 0.1; done; echo resized"));
        p = new ProcessSpec(p.args(), p.env(), p.cwd(), p.user(), true, new ProcessSpec.ConsoleSize(24, 80),
                p.capabilities(), p.noNewPrivileges(), p.rlimits(), null, null, null);
        ContainerSpec s = spec(id, List.of("true"), Resources.NONE).toBuilder().process(p).build();
        runtime.create(s, new IoConfig(true, false, false, tmp.resolve("containers"), logOf(id), 0));
        runtime.start(id);
        // resize only once the first size has been printed
        Path marker = rootfs.resolve("tmp/sized-" + id.substring(0, 12));
        for (int i = 0; i < 300 && !Files.exists(marker); i++) {
            Thread.sleep(100);
        }
        runtime.resize(id, 30, 100);
        assertEquals(0, runtime.exited(id).toCompletableFuture().get(30, TimeUnit.SECONDS).exitCode());
        String log = Files.readString(logOf(id));
        assertTrue(log.contains(" stdout F /dev/pts/0\r\n") || log.contains(" stdout F /dev/pts/0\n"), log);
        assertTrue(log.contains("24 80"), log);
        assertTrue(log.contains("resized"), log);
    }

    @Test
    public void unknownContainersAreNotFound() {
        assertThrows(NotFoundException.class, () -> runtime.state("nosuchcontainer"));
        assertThrows(NotFoundException.class, () -> runtime.start("nosuchcontainer"));
        runtime.delete("nosuchcontainer");
        assertFalse(runtime.describe().version().isEmpty());
    }

    // ---------------------------------------------------------------- helpers

    protected String run(List<String> args, Resources resources) {
        String id = newId();
        runtime.create(spec(id, args, resources), io(logOf(id)));
        runtime.start(id);
        return id;
    }

    protected Path logOf(String id) {
        return tmp.resolve("logs").resolve(id + ".log");
    }

    protected IoConfig io(Path log) {
        return new IoConfig(false, false, false, tmp.resolve("containers"), log, 0);
    }

    protected static String newId() {
        byte[] bytes = new byte[32];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    protected static ProcessSpec process(List<String> args) {
        return new ProcessSpec(args, List.of(DockerDefaults.PATH, "HOME=/root"), "/", ProcessSpec.User.ROOT, false,
                null, Capabilities.of(DockerDefaults.CAPABILITIES), false,
                // above the daemon's own hard limit here: the driver must lower it
                List.of(new ProcessSpec.Rlimit("RLIMIT_NOFILE", 1048576, 1048576)), null, null, null);
    }

    protected ContainerSpec spec(String id, List<String> args, Resources resources) {
        boolean cgroupV2 = Files.exists(Path.of("/sys/fs/cgroup/cgroup.controllers"));
        return DockerDefaults.spec(id, rootfs, process(args), cgroupV2).name("test_" + id.substring(0, 6))
                .resources(resources).cgroupParent(cgroupParent()).build();
    }

    protected String cgroupParent() {
        return "/wharf-test-" + runtimeName();
    }

    private void removeCgroupParents() {
        Path root = Path.of("/sys/fs/cgroup");
        List<Path> candidates = new ArrayList<>();
        candidates.add(root.resolve(cgroupParent().substring(1)));
        try (Stream<Path> controllers = Files.list(root)) {
            controllers.forEach(c -> candidates.add(c.resolve(cgroupParent().substring(1))));
        } catch (IOException e) {
            return;
        }
        for (Path p : candidates) {
            try {
                Files.deleteIfExists(p); // rmdir: succeeds only once empty, which is what we want
            } catch (IOException e) {
                // another test class may still use it
            }
        }
    }

    protected static List<String> processesMentioning(String text) throws IOException {
        List<String> found = new ArrayList<>();
        long self = ProcessHandle.current().pid();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                if (Long.parseLong(p.getFileName().toString()) == self) {
                    continue;
                }
                try {
                    String cmd = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8)
                            .replace('\0', ' ');
                    String stat = Files.readString(p.resolve("stat"));
                    if (cmd.contains(text) && stat.charAt(stat.lastIndexOf(')') + 2) != 'Z') {
                        found.add(p.getFileName() + ": " + cmd);
                    }
                } catch (IOException e) {
                    // exited while we looked
                }
            }
        }
        return found;
    }
}
