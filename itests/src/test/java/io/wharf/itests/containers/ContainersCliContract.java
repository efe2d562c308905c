package io.wharf.itests.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.itests.BusyboxImage;
import io.wharf.itests.WharfDaemon;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The everyday container commands with the real docker CLI against the built daemon, run once per OCI runtime
 * ({@code --runtime}). Every test's containers are removed after it, and no monitor process may outlive them.
 */
@Timeout(300)
abstract class ContainersCliContract {
    static WharfDaemon daemon;

    /** The runtime every container of the subclass runs with. */
    abstract String runtime();

    @BeforeAll
    static void start() throws Exception {
        daemon = WharfDaemon.start();
        BusyboxImage.load(daemon, "busybox:latest");
    }

    @AfterAll
    static void stop() throws Exception {
        if (daemon == null) {
            return;
        }
        Path dir = daemon.dir();
        try {
            removeAll();
        } finally {
            daemon.close();
        }
        Processes.assertNoneMention(dir);
    }

    @AfterEach
    void cleanUp() throws Exception {
        removeAll();
    }

    static void removeAll() throws Exception {
        WharfDaemon.Result ids = daemon.docker("ps", "-aq");
        for (String id : ids.stdout().split("\\s+")) {
            if (!id.isBlank()) {
                daemon.docker("rm", "-f", id);
            }
        }
    }

    WharfDaemon.Result docker(String... args) throws Exception {
        return daemon.docker(args);
    }

    /** {@code docker run --runtime R args...}. */
    WharfDaemon.Result run(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("run", "--runtime", runtime()));
        all.addAll(List.of(args));
        return daemon.docker(all.toArray(String[]::new));
    }

    static String ok(WharfDaemon.Result r) {
        assertEquals(0, r.exitCode(), r.all());
        return r.stdout();
    }

    String ok(String... args) throws Exception {
        return ok(daemon.docker(args));
    }

    @Test
    void runShowsOutputAndExitCode() throws Exception {
        WharfDaemon.Result r = run("--rm", "busybox", "sh", "-c", "echo out; echo err >&2; exit 3");
        assertEquals(3, r.exitCode(), r.all());
        assertEquals("out\n", r.stdout());
        assertTrue(r.stderr().contains("err"), r.all());
        assertEquals("", ok("ps", "-aq"), "--rm removes the container");
    }

    @Test
    void commandsThatCannotRunGetDockerdsExitCodes() throws Exception {
        WharfDaemon.Result missing = run("--name", "missing", "busybox", "nosuchcmd");
        assertEquals(127, missing.exitCode(), missing.all());
        assertTrue(missing.stderr().contains("executable file not found"), missing.all());
        assertEquals("127 created", ok("inspect", "-f", "{{.State.ExitCode}} {{.State.Status}}", "missing").strip());
        WharfDaemon.Result notExec = run("--rm", "busybox", "/etc/passwd");
        assertEquals(126, notExec.exitCode(), notExec.all());
    }

    @Test
    void detachedContainerLifecycle() throws Exception {
        String id = ok(run("-d", "--name", "life", "busybox", "sleep", "1000")).strip();
        assertEquals(64, id.length());
        assertTrue(ok("ps", "--format", "{{.Names}} {{.Status}}").contains("life Up"));
        assertEquals("hello\n", ok("exec", "life", "echo", "hello"));
        assertEquals(3, docker("exec", "life", "sh", "-c", "exit 3").exitCode());
        // exec's user is looked up in the container's files as they are now, its own changes included
        ok("exec", "life", "sh", "-c", "echo app:x:4321:4322::/:/bin/sh >> /etc/passwd");
        assertEquals("4321 4322\n", ok("exec", "-u", "app", "life", "sh", "-c", "echo $(id -u) $(id -g)"));
        assertNotEquals(0, docker("exec", "-u", "nosuch", "life", "true").exitCode());
        assertTrue(ok("top", "life").contains("sleep 1000"));
        String stats = ok("stats", "--no-stream", "--format", "{{.Name}} {{.PIDs}}", "life");
        assertEquals("life 1", stats.strip());
        ok("pause", "life");
        assertEquals("paused", ok("inspect", "-f", "{{.State.Status}}", "life").strip());
        assertNotEquals(0, docker("exec", "life", "true").exitCode(), "exec in a paused container is refused");
        ok("unpause", "life");
        ok("rename", "life", "life2");
        assertEquals("running", ok("inspect", "-f", "{{.State.Status}}", "life2").strip());
        ok("restart", "-t", "1", "life2");
        assertEquals("running", ok("inspect", "-f", "{{.State.Status}}", "life2").strip());
        ok("kill", "life2");
        assertEquals("137", ok("wait", "life2").strip());
        assertTrue(ok("ps", "-a", "--format", "{{.Status}}").startsWith("Exited (137)"));
        WharfDaemon.Result exec = docker("exec", "life2", "true");
        assertNotEquals(0, exec.exitCode());
        assertTrue(exec.stderr().contains("is not running"), exec.all());
        ok("rm", "life2");
        assertEquals("", ok("ps", "-aq"));
    }

    @Test
    void restartKeepsAnRmContainerAndItsChanges() throws Exception {
        String id = ok(run("-d", "--rm", "--name", "kept", "busybox", "sleep", "1000")).strip();
        ok("exec", "kept", "sh", "-c", "echo changed > /marker");
        ok("restart", "-t", "0", "kept");
        // as dockerd: restarting does not remove it, and its writable layer mounts again with its changes
        assertEquals("running", ok("inspect", "-f", "{{.State.Status}}", "kept").strip());
        assertEquals("changed\n", ok("exec", "kept", "cat", "/marker"));
        ok("stop", "-t", "0", "kept");
        String left = "";
        for (int i = 0; i < 100; i++) { // a plain stop removes it, shortly after
            left = ok("ps", "-aq", "--no-trunc");
            if (!left.contains(id)) {
                break;
            }
            Thread.sleep(50);
        }
        assertFalse(left.contains(id), left);
    }

    @Test
    void systemDfCountsContainersAndWhatTheyWrote() throws Exception {
        ok(run("-d", "--name", "df-up", "busybox", "sh", "-c",
                "dd if=/dev/zero of=/three bs=1048576 count=3 2>/dev/null; sleep 1000"));
        ok(run("--name", "df-done", "busybox", "dd", "if=/dev/zero", "of=/one", "bs=1048576", "count=1"));
        String line = "";
        for (int i = 0; i < 100 && !line.contains("4.194MB"); i++) { // until the running one has written its file
            line = ok("system", "df", "--format", "{{.Type}} {{.TotalCount}} {{.Active}} {{.Size}} {{.Reclaimable}}")
                    .lines().filter(l -> l.startsWith("Containers ")).findFirst().orElse("");
            Thread.sleep(50);
        }
        // two containers, one running; 4 MB written in all, the stopped one's 1 MB reclaimable
        assertTrue(line.startsWith("Containers 2 1 4.194MB 1.049MB"), line);
        String verbose = ok("system", "df", "-v");
        assertTrue(verbose.contains("df-up") && verbose.contains("df-done"), verbose);
        ok("rm", "-f", "df-up", "df-done");
    }

    @Test
    void stopSendsTheStopSignalThenKills() throws Exception {
        ok(run("-d", "--name", "polite", "busybox", "sh", "-c", "trap 'exit 0' TERM; while true; do sleep 0.1; done"));
        ok("stop", "polite");
        assertEquals("0", ok("inspect", "-f", "{{.State.ExitCode}}", "polite").strip());
        ok(run("-d", "--name", "stubborn", "busybox", "sleep", "1000"));
        ok("stop", "-t", "1", "stubborn");
        assertEquals("137", ok("inspect", "-f", "{{.State.ExitCode}}", "stubborn").strip());
    }

    @Test
    void logsWithTailTimestampsAndStreams() throws Exception {
        ok(run("--name", "talker", "busybox", "sh", "-c", "echo one; echo two >&2; echo three"));
        WharfDaemon.Result logs = docker("logs", "talker");
        assertEquals("one\nthree\n", logs.stdout(), logs.all());
        assertEquals("two\n", logs.stderr());
        String ts = ok("logs", "-t", "talker");
        assertTrue(ts.matches("(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z (one|three)\\n){2}"), ts);
        ok(run("-d", "--name", "ticker", "busybox", "sh", "-c", "for i in 1 2 3; do echo tick$i; sleep 0.2; done"));
        assertEquals("tick1\ntick2\ntick3\n", ok("logs", "-f", "ticker"));
    }

    @Test
    void interactiveWithATerminal() throws Exception {
        ProcessBuilder pb = new ProcessBuilder("script", "-qec", "docker run -it --rm --runtime " + runtime()
                + " busybox sh -c 'tty; exit 4'", "/dev/null");
        pb.environment().put("DOCKER_HOST", "unix://" + daemon.socket());
        pb.environment().put("DOCKER_CONFIG", daemon.dir().resolve("docker-config").toString());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(4, p.exitValue(), out);
        assertTrue(out.contains("/dev/pts/0"), out);
    }

    @Test
    void stdinIsPassedWithoutATerminal() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(WharfDaemon.DOCKER.toString(), "run", "-i", "--rm", "--runtime",
                runtime(), "busybox", "sh", "-c", "read line; echo got:$line; exit 5");
        pb.environment().put("DOCKER_HOST", "unix://" + daemon.socket());
        pb.environment().put("DOCKER_CONFIG", daemon.dir().resolve("docker-config").toString());
        Process p = pb.start();
        p.getOutputStream().write("hello\n".getBytes());
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(5, p.exitValue());
        assertEquals("got:hello\n", out);
    }

    @Test
    void configurationReachesTheProcess() throws Exception {
        String out = ok(run("--rm", "-e", "FOO=bar", "-w", "/tmp", "-u", "nobody", "--hostname", "box",
                "busybox", "sh", "-c", "echo $FOO $(pwd) $(id -u) $(hostname) $(cat /etc/hostname)"));
        assertEquals("bar /tmp 65534 box box\n", out);
        String links = ok(run("--rm", "--network", "none", "busybox", "ip", "-o", "link"));
        assertEquals(1, links.strip().split("\n").length, links);
        assertTrue(links.contains("lo:") && links.contains("UP"), links);
        WharfDaemon.Result ro = run("--rm", "--read-only", "busybox", "touch", "/x");
        assertNotEquals(0, ro.exitCode());
        assertTrue(ro.stderr().contains("Read-only file system"), ro.all());
        assertTrue(ok(run("--rm", "--init", "busybox", "ps")).contains("docker-init"));
        String caps = ok(run("--rm", "--cap-drop", "ALL", "busybox", "grep", "CapEff", "/proc/self/status"));
        assertTrue(caps.contains("0000000000000000"), caps);
        ok(run("-d", "--name", "limited", "-m", "64m", "--cpus", "0.5", "--pids-limit", "50", "busybox",
                "sleep", "1000"));
        assertEquals("67108864 500000000 50", ok("inspect", "-f",
                "{{.HostConfig.Memory}} {{.HostConfig.NanoCpus}} {{.HostConfig.PidsLimit}}", "limited").strip());
        ok("update", "--memory", "128m", "--memory-swap", "256m", "limited");
        assertEquals("134217728", ok("inspect", "-f", "{{.HostConfig.Memory}}", "limited").strip());
    }

    @Test
    void filesInAndOut() throws Exception {
        ok(run("-d", "--name", "files", "busybox", "sleep", "1000"));
        Path local = Files.createTempFile(daemon.dir(), "cp", ".txt");
        Files.writeString(local, "from host\n");
        ok("cp", local.toString(), "files:/tmp/in.txt");
        assertEquals("from host\n", ok("exec", "files", "cat", "/tmp/in.txt"));
        Path back = daemon.dir().resolve("back.txt");
        ok("cp", "files:/etc/passwd", back.toString());
        assertTrue(Files.readString(back).startsWith("root:x:0:0"));
        assertTrue(ok("diff", "files").contains("A /tmp/in.txt"));
        String image = ok("commit", "files", "snapshot:1").strip();
        assertTrue(image.startsWith("sha256:"), image);
        assertEquals("from host\n", ok(run("--rm", "snapshot:1", "cat", "/tmp/in.txt")));
        Path tar = daemon.dir().resolve("export.tar");
        ok("export", "-o", tar.toString(), "files");
        assertTrue(Files.size(tar) > 100_000);
        ok("rmi", "snapshot:1");
    }

    @Test
    void diffCommitAndExportSeeOnlyWhatTheContainerChanged() throws Exception {
        ok(run("--name", "changer", "busybox", "sh", "-c", "echo x > /tmp/f"));
        // dockerd's init layer holds the engine's files and mount points: the diff is the process's write alone
        assertEquals("C /tmp\nA /tmp/f\n", ok(docker("diff", "changer")));

        ok(docker("commit", "changer", "committed:1"));
        ok(run("--name", "c2", "--hostname", "second", "committed:1", "true"));
        assertEquals("x\n", ok(run("--rm", "committed:1", "cat", "/tmp/f")));
        String hosts = ok(run("--rm", "--hostname", "third", "committed:1", "cat", "/etc/hosts"));
        assertTrue(hosts.contains("third"), hosts);
        assertEquals("", ok(docker("diff", "c2")), "the committed image carries no engine file to change");

        Path tar = daemon.dir().resolve("init-export.tar");
        ok(docker("export", "-o", tar.toString(), "changer"));
        Process list = new ProcessBuilder("tar", "-tvf", tar.toString()).redirectErrorStream(true).start();
        List<String> lines = new String(list.getInputStream().readAllBytes()).lines().toList();
        assertEquals(0, list.waitFor());
        for (String engineFile : List.of("etc/hosts", "etc/hostname", "etc/resolv.conf", ".dockerenv")) {
            String line = lines.stream().filter(l -> l.matches(".*[ /]" + java.util.regex.Pattern.quote(engineFile))).findFirst().orElseThrow(
                    () -> new AssertionError(engineFile + " is not in the export: " + lines));
            // an empty placeholder, as dockerd exports it, never the content the container saw
            assertTrue(line.matches("\\S+ \\S+ +0 .*"), line);
        }
        assertTrue(lines.stream().anyMatch(l -> l.matches(".*[ /]tmp/f")), lines.toString());
        ok(docker("rm", "changer", "c2"));
        ok(docker("rmi", "committed:1"));
    }

    @Test
    void badInputGetsDockerdsErrors() throws Exception {
        WharfDaemon.Result none = docker("stop", "nosuch");
        assertTrue(none.stderr().contains("No such container: nosuch"), none.all());
        ok("create", "--name", "taken", "busybox", "true");
        WharfDaemon.Result conflict = run("--name", "taken", "busybox", "true");
        assertTrue(conflict.stderr().contains("Conflict. The container name \"/taken\" is already in use"),
                conflict.all());
        assertTrue(run("--name", "bad name", "busybox", "true").stderr().contains("Invalid container name"));
        assertTrue(run("--restart", "bogus", "busybox", "true").stderr().contains("invalid restart policy"));
        assertTrue(run("-m", "1k", "busybox", "true").stderr().contains("Minimum memory limit allowed is 6MB"));
        ok(run("-d", "--name", "up", "busybox", "sleep", "1000"));
        assertEquals(0, docker("start", "up").exitCode(), "starting a running container is a 304, not an error");
        WharfDaemon.Result rm = docker("rm", "up");
        assertTrue(rm.stderr().contains("container is running"), rm.all());
    }

    @Test
    void restartPoliciesAndWait() throws Exception {
        ok(run("-d", "--name", "flaky", "--restart", "on-failure:2", "busybox", "sh", "-c", "exit 1"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String state = "";
        while (System.nanoTime() < deadline) {
            state = ok("inspect", "-f", "{{.RestartCount}} {{.State.Status}}", "flaky").strip();
            if (state.equals("2 exited")) {
                break;
            }
            Thread.sleep(100);
        }
        assertEquals("2 exited", state);
        ok("create", "--name", "waited", "busybox", "sh", "-c", "exit 9");
        ok("start", "waited");
        assertEquals("9", ok("wait", "waited").strip());
    }

    @Test
    void waitAndKillOrderings() throws Exception {
        // a wait returns at the first exit even while the policy restarts the container, with that exit's code
        ok(run("-d", "--name", "looping", "--restart", "always", "busybox", "sh", "-c", "sleep 1; exit 3"));
        assertEquals("3", ok("wait", "looping").strip());
        ok("rm", "-f", "looping");
        // a SIGKILL returns once the exit is recorded: inspect says so at once and rm needs no force
        ok(run("-d", "--name", "killed", "busybox", "sleep", "1000"));
        ok("kill", "killed");
        assertEquals("false 137", ok("inspect", "-f", "{{.State.Running}} {{.State.ExitCode}}", "killed").strip());
        ok("rm", "killed");
        // also for a paused container
        ok(run("-d", "--name", "frozen", "busybox", "sleep", "1000"));
        ok("pause", "frozen");
        ok("kill", "frozen");
        assertEquals("exited", ok("inspect", "-f", "{{.State.Status}}", "frozen").strip());
        ok("rm", "frozen");
    }

    @Test
    void eventsOfALifecycle() throws Exception {
        String since = Long.toString(System.currentTimeMillis() / 1000 - 1);
        ok(run("--name", "evented", "busybox", "true"));
        ok("rm", "evented");
        String until = Long.toString(System.currentTimeMillis() / 1000 + 1);
        String events = ok("events", "--since", since, "--until", until, "--filter", "container=evented",
                "--format", "{{.Action}} {{.Actor.Attributes.name}}");
        for (String action : List.of("create", "attach", "start", "die", "destroy")) {
            assertTrue(events.contains(action + " evented"), events);
        }
    }

    @Test
    void healthChecks() throws Exception {
        ok(run("-d", "--name", "doc", "--health-cmd", "test -f /tmp/ok", "--health-interval", "200ms",
                "--health-retries", "1", "busybox", "sh", "-c", "touch /tmp/ok; sleep 1000"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String health = "";
        while (System.nanoTime() < deadline && !health.equals("healthy")) {
            Thread.sleep(100);
            health = ok("inspect", "-f", "{{.State.Health.Status}}", "doc").strip();
        }
        assertEquals("healthy", health);
        ok("exec", "doc", "rm", "/tmp/ok");
        while (System.nanoTime() < deadline && !health.equals("unhealthy")) {
            Thread.sleep(100);
            health = ok("inspect", "-f", "{{.State.Health.Status}}", "doc").strip();
        }
        assertEquals("unhealthy", health);
    }
}
