package io.wharf.itests.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.itests.BusyboxImage;
import io.wharf.itests.UnixHttp;
import io.wharf.itests.WharfDaemon;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The everyday container commands from the real docker CLI, run once per OCI runtime by the subclasses.
 * Every test removes what it created; at the end no monitor of this daemon may be left.
 */
abstract class ContainersCliContract {
    static WharfDaemon daemon;
    static String runtime;

    static void startWith(String runtimeName) throws Exception {
        runtime = runtimeName;
        daemon = WharfDaemon.start("--default-runtime", runtimeName);
        BusyboxImage.load(daemon, "busybox:latest");
    }

    @AfterEach
    void removeContainers() throws Exception {
        String ids = daemon.docker("ps", "-aq").stdout().trim();
        if (!ids.isEmpty()) {
            List<String> args = new java.util.ArrayList<>(List.of("rm", "-f"));
            args.addAll(List.of(ids.split("\\s+")));
            daemon.docker(args.toArray(new String[0]));
        }
    }

    @AfterAll
    static void stopDaemon() throws Exception {
        if (daemon == null) {
            return;
        }
        Path dir = daemon.dir();
        try {
            daemon.close();
        } finally {
            daemon = null;
        }
        // No conmon of this daemon may outlive its containers.
        Process p = new ProcessBuilder("pgrep", "-f", "conmon.*" + dir).start();
        p.waitFor(10, TimeUnit.SECONDS);
        assertEquals("", new String(p.getInputStream().readAllBytes()).trim(), "leaked monitors");
    }

    WharfDaemon.Result docker(String... args) throws Exception {
        return daemon.docker(args);
    }

    @Test
    void runPrintsOutputAndReturnsTheExitCode() throws Exception {
        WharfDaemon.Result hello = docker("run", "--rm", "--network", "none", "busybox", "echo", "hello");
        assertEquals(0, hello.exitCode(), hello.all());
        assertEquals("hello", hello.stdout().trim());
        WharfDaemon.Result three = docker("run", "--rm", "busybox", "sh", "-c", "echo oops >&2; exit 3");
        assertEquals(3, three.exitCode(), three.all());
        assertTrue(three.stderr().contains("oops"), three.all());
        assertEquals("", docker("ps", "-aq").stdout().trim(), "--rm removed the containers");
    }

    @Test
    void missingCommandIs127WithDockerdsMessage() throws Exception {
        WharfDaemon.Result r = docker("run", "--rm", "busybox", "nosuchcmd");
        assertEquals(127, r.exitCode(), r.all());
        assertTrue(r.stderr().contains("executable file not found in $PATH"), r.all());
    }

    @Test
    void detachedContainerLogsExecTopStatsStopAndRemove() throws Exception {
        WharfDaemon.Result run = docker("run", "-d", "--name", "ticker", "busybox", "sh", "-c",
                "i=0; while true; do echo tick $i; i=$((i+1)); sleep 0.2; done");
        assertEquals(0, run.exitCode(), run.all());
        String id = run.stdout().trim();
        assertEquals(64, id.length(), run.all());

        WharfDaemon.Result ps = docker("ps", "--format", "{{.Names}} {{.Status}}");
        assertTrue(ps.stdout().contains("ticker Up"), ps.all());
        waitFor(() -> docker("logs", "ticker").stdout().contains("tick 2"));
        WharfDaemon.Result tail = docker("logs", "--tail", "1", "ticker");
        assertEquals(1, tail.stdout().trim().split("\n").length, tail.all());

        WharfDaemon.Result exec = docker("exec", "ticker", "sh", "-c", "echo in-$HOSTNAME; exit 4");
        assertEquals(4, exec.exitCode(), exec.all());
        assertEquals("in-" + id.substring(0, 12), exec.stdout().trim());

        assertTrue(docker("top", "ticker").stdout().contains("while true"));
        WharfDaemon.Result stats = docker("stats", "--no-stream", "--format", "{{.Name}} {{.PIDs}}", "ticker");
        assertEquals(0, stats.exitCode(), stats.all());
        assertTrue(stats.stdout().startsWith("ticker "), stats.all());

        assertEquals("running", docker("inspect", "-f", "{{.State.Status}}", "ticker").stdout().trim());
        WharfDaemon.Result stop = docker("stop", "-t", "1", "ticker");
        assertEquals(0, stop.exitCode(), stop.all());
        assertEquals("exited 137", docker("inspect", "-f", "{{.State.Status}} {{.State.ExitCode}}", "ticker")
                .stdout().trim());
        WharfDaemon.Result again = docker("start", "ticker");
        assertEquals(0, again.exitCode(), again.all());
        assertEquals(0, docker("rm", "-f", "ticker").exitCode());
        WharfDaemon.Result gone = docker("inspect", "ticker");
        assertNotEquals(0, gone.exitCode());
        assertTrue(gone.stderr().contains("No such container: ticker") || gone.stderr().contains("No such object"),
                gone.all());
    }

    @Test
    void badInputGetsDockerdsErrors() throws Exception {
        assertEquals(0, docker("create", "--name", "taken", "busybox", "true").exitCode());
        WharfDaemon.Result dup = docker("create", "--name", "taken", "busybox", "true");
        assertNotEquals(0, dup.exitCode());
        assertTrue(dup.stderr().contains("is already in use by container"), dup.all());

        WharfDaemon.Result rmi = docker("rmi", "busybox");
        assertNotEquals(0, rmi.exitCode(), rmi.all());
        assertTrue(rmi.stderr().contains("is using its referenced image"), rmi.all());

        WharfDaemon.Result execStopped = docker("exec", "taken", "true");
        assertNotEquals(0, execStopped.exitCode());
        assertTrue(execStopped.stderr().contains("is not running"), execStopped.all());

        UnixHttp.Response missing = UnixHttp.get(daemon.socket(), "/containers/nosuch/json");
        assertEquals(404, missing.status());
        assertTrue(missing.body().contains("No such container: nosuch"), missing.body());

        UnixHttp.Response badName = UnixHttp.request(daemon.socket(), "POST", "/containers/create?name=bad/name",
                "{\"Image\":\"busybox\"}");
        assertEquals(400, badName.status(), badName.body());
    }

    @Test
    void waitReturnsTheExitCodeAndKillGives137() throws Exception {
        String id = docker("run", "-d", "busybox", "sleep", "100").stdout().trim();
        assertFalse(id.isEmpty());
        assertEquals(0, docker("kill", id).exitCode());
        WharfDaemon.Result wait = docker("wait", id);
        assertEquals("137", wait.stdout().trim(), wait.all());
    }

    @Test
    void copyIntoAndOutOfAContainer() throws Exception {
        docker("create", "--name", "box", "busybox", "true");
        Path file = Files.createTempFile(daemon.dir(), "cp", ".txt");
        Files.writeString(file, "copied\n");
        WharfDaemon.Result in = docker("cp", file.toString(), "box:/tmp/in.txt");
        assertEquals(0, in.exitCode(), in.all());
        Path out = daemon.dir().resolve("out.txt");
        WharfDaemon.Result back = docker("cp", "box:/tmp/in.txt", out.toString());
        assertEquals(0, back.exitCode(), back.all());
        assertEquals("copied\n", Files.readString(out));
    }

    interface Check {
        boolean ok() throws Exception;
    }

    static void waitFor(Check check) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (check.ok()) {
                return;
            }
            Thread.sleep(100);
        }
        assertTrue(check.ok(), "condition not reached within 20 s");
    }
}
