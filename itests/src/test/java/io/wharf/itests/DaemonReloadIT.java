package io.wharf.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code kill -HUP wharfd} with an edited daemon.json, checked with the real docker CLI as dockerd's reload is:
 * docker info shows the new labels, debug, insecure registries, default runtime and runtimes; a {@code docker events}
 * stream opened before the signal gets the {@code daemon reload} event with the new values; a container started
 * before keeps running with the same process and runtime; a setting that cannot be reloaded stays as it was with
 * a line in the log; and a broken daemon.json changes nothing.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class DaemonReloadIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long WAIT_SECONDS = 30;

    private static Path dir;
    private static WharfDaemon daemon;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("wharf-reload-e2e");
        Files.writeString(dir.resolve("daemon.json"), "{\"labels\": [\"stage=before\"], \"debug\": false}\n");
        daemon = WharfDaemon.startIn(dir);
        Path archive = dir.resolve("busybox.tar");
        BusyboxImage.saveArchive(dir, "busybox:latest", archive);
        daemon.ok("load", "-i", archive.toString());
    }

    @AfterAll
    static void stop() throws Exception {
        if (daemon != null) {
            for (String id : WharfDaemon.lines(daemon.ok("ps", "-aq"))) {
                daemon.docker("rm", "-f", id);
            }
            daemon.close();
        }
    }

    @Test
    void aReloadChangesWhatDockerdReloadsAndDisturbsNoContainer() throws Exception {
        String id = daemon.ok("run", "-d", "busybox", "sleep", "600").strip();
        String pidBefore = daemon.ok("inspect", "-f", "{{.State.Pid}}", id).strip();
        String startedBefore = daemon.ok("inspect", "-f", "{{.State.StartedAt}}", id).strip();
        assertEquals("[\"stage=before\"]", daemon.ok("info", "--format", "{{json .Labels}}").strip());
        assertEquals("false", daemon.ok("info", "--format", "{{.Debug}}").strip());
        assertEquals("runc", daemon.ok("info", "--format", "{{.DefaultRuntime}}").strip());

        Path events = dir.resolve("events.txt");
        Process follow = follow(events);
        try {
            Files.writeString(dir.resolve("daemon.json"), """
                    {"labels": ["stage=after", "zone=b"], "debug": true,
                     "insecure-registries": ["registry.reload.test:5000"], "default-runtime": "crun",
                     "runtimes": {"crun-reloaded": {"path": "/usr/bin/crun"}}, "log-driver": "none"}
                    """);
            hangUp();
            waitFor("the reload event reaches the stream opened before it",
                    () -> read(events).contains("reload"), () -> read(events) + daemon.log());
        } finally {
            follow.destroy();
            follow.waitFor(10, TimeUnit.SECONDS);
        }
        JsonNode event = JSON.readTree(read(events).lines().filter(l -> l.contains("reload")).findFirst()
                .orElseThrow());
        assertEquals("daemon", event.get("Type").asText());
        assertEquals(daemon.ok("info", "--format", "{{.ID}}").strip(), event.get("Actor").get("ID").asText());
        JsonNode attributes = event.get("Actor").get("Attributes");
        assertEquals("[\"stage=after\",\"zone=b\"]", attributes.get("labels").asText());
        assertEquals("true", attributes.get("debug").asText());
        assertEquals("[\"registry.reload.test:5000\"]", attributes.get("insecure-registries").asText());
        assertEquals("crun", attributes.get("default-runtime").asText());
        assertEquals("crun-reloaded:/usr/bin/crun", attributes.get("runtimes").asText());

        assertEquals("[\"stage=after\",\"zone=b\"]", daemon.ok("info", "--format", "{{json .Labels}}").strip());
        assertEquals("true", daemon.ok("info", "--format", "{{.Debug}}").strip());
        assertEquals("crun", daemon.ok("info", "--format", "{{.DefaultRuntime}}").strip());
        waitFor("the runtime added by the reload is registered", () -> {
            try {
                return daemon.ok("info", "--format", "{{json .Runtimes}}").contains("crun-reloaded");
            } catch (Exception e) {
                return false;
            }
        }, daemon::log);
        JsonNode runtimes = JSON.readTree(daemon.ok("info", "--format", "{{json .Runtimes}}"));
        assertTrue(runtimes.has("runc") && runtimes.has("crun"), runtimes.toString());
        JsonNode index = JSON.readTree(daemon.ok("info", "--format", "{{json .RegistryConfig.IndexConfigs}}"))
                .get("registry.reload.test:5000");
        assertTrue(index != null && !index.get("Secure").asBoolean(), "an insecure registry now");
        String text = daemon.ok("info");
        assertTrue(text.contains("Insecure Registries:") && text.contains("registry.reload.test:5000"), text);
        assertTrue(text.contains("Debug Mode: true"), text);

        // what a reload cannot change stays, and the log says so
        assertEquals("json-file", daemon.ok("info", "--format", "{{.LoggingDriver}}").strip());
        assertTrue(daemon.log().contains("log-driver cannot be changed while wharfd runs"), daemon.log());

        // the container runs on, the same process under the runtime it started with
        assertEquals("true", daemon.ok("inspect", "-f", "{{.State.Running}}", id).strip());
        assertEquals(pidBefore, daemon.ok("inspect", "-f", "{{.State.Pid}}", id).strip());
        assertEquals(startedBefore, daemon.ok("inspect", "-f", "{{.State.StartedAt}}", id).strip());
        assertTrue(Files.exists(Path.of("/proc", pidBefore)), "process " + pidBefore + " is alive");
        assertEquals("runc", daemon.ok("inspect", "-f", "{{.HostConfig.Runtime}}", id).strip());
        assertEquals("hello\n", daemon.ok("exec", id, "echo", "hello"));
        // a container created now gets the new default runtime
        String next = daemon.ok("run", "-d", "busybox", "sleep", "600").strip();
        assertEquals("crun", daemon.ok("inspect", "-f", "{{.HostConfig.Runtime}}", next).strip());
        daemon.ok("rm", "-f", next);
        String added = daemon.ok("run", "-d", "--runtime", "crun-reloaded", "busybox", "sleep", "600").strip();
        assertEquals("true", daemon.ok("inspect", "-f", "{{.State.Running}}", added).strip());
        daemon.ok("rm", "-f", added);

        // a broken file changes nothing: no event, the values of the last good reload
        String since = daemon.ok("info", "--format", "{{.SystemTime}}").strip();
        int refusals = count(daemon.log(), "unable to reload the configuration");
        Files.writeString(dir.resolve("daemon.json"), "{\"labels\": [\"stage=broken\"], \"debug\": fals");
        hangUp();
        waitFor("the broken file is refused", () -> count(daemon.log(), "unable to reload the configuration")
                > refusals, daemon::log);
        Files.writeString(dir.resolve("daemon.json"), "{\"labels\": [\"nokey\"]}");
        hangUp();
        waitFor("the bad label is refused", () -> count(daemon.log(), "unable to reload the configuration")
                > refusals + 1, daemon::log);
        assertTrue(daemon.log().contains("bad attribute format: nokey"), daemon.log());
        assertEquals("[\"stage=after\",\"zone=b\"]", daemon.ok("info", "--format", "{{json .Labels}}").strip());
        assertEquals("true", daemon.ok("info", "--format", "{{.Debug}}").strip());
        String until = daemon.ok("info", "--format", "{{.SystemTime}}").strip();
        assertEquals("", daemon.ok("events", "--since", since, "--until", until, "--filter", "type=daemon").strip(),
                "no reload announced for a refused file");
        assertEquals(pidBefore, daemon.ok("inspect", "-f", "{{.State.Pid}}", id).strip());
        assertEquals("true", daemon.ok("inspect", "-f", "{{.State.Running}}", id).strip());
    }

    /** {@code docker events} for the daemon's events, as JSON lines into {@code out}, until destroyed. */
    private static Process follow(Path out) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(WharfDaemon.DOCKER.toString(), "events", "--filter",
                "type=daemon", "--format", "{{json .}}"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile())
                .redirectError(dir.resolve("events-err.txt").toFile());
        pb.environment().put("DOCKER_HOST", "unix://" + daemon.socket());
        pb.environment().put("DOCKER_CONFIG", dir.resolve("docker-config").toString());
        pb.environment().remove("DOCKER_CONTEXT");
        Process p = pb.start();
        // the stream is open once the daemon counts a listener
        waitFor("docker events is listening", () -> {
            try {
                return !daemon.ok("info", "--format", "{{.NEventsListener}}").strip().equals("0");
            } catch (Exception e) {
                return false;
            }
        }, () -> read(dir.resolve("events-err.txt")));
        return p;
    }

    /** SIGHUP to the daemon's process, whose pid the pid file holds. */
    private static void hangUp() throws Exception {
        String pid = Files.readString(dir.resolve("wharfd.pid")).strip();
        Process kill = new ProcessBuilder("kill", "-HUP", pid).redirectErrorStream(true).start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -HUP " + pid);
        assertTrue(daemon.process().isAlive(), "wharfd survives SIGHUP");
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static void waitFor(String what, BooleanSupplier condition, java.util.function.Supplier<String> detail)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("timed out waiting until " + what + "\n" + detail.get());
    }
}
