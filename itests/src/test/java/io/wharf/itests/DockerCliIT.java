package io.wharf.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real docker CLI against the built distribution. */
class DockerCliIT {
    private static WharfDaemon daemon;
    private static long startedAt;
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        startedAt = System.currentTimeMillis() / 1000 - 1;
        daemon = WharfDaemon.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void dockerVersionShowsWharfAsTheServer() throws Exception {
        WharfDaemon.Result r = daemon.docker("version");
        assertEquals(0, r.exitCode(), r.all());
        assertTrue(r.stdout().contains("Server: Wharf Engine"), r.all());
        assertTrue(r.stdout().contains("API version:       1.47"), r.all());
        JsonNode v = JSON.readTree(daemon.docker("version", "--format", "{{json .Server}}").stdout());
        assertEquals("linux", v.get("Os").asText());
        assertFalse(v.get("KernelVersion").asText().isEmpty());
    }

    @Test
    void dockerInfoShowsRealHostFactsAndDrivers() throws Exception {
        WharfDaemon.Result r = daemon.docker("info", "--format", "{{json .}}");
        assertEquals(0, r.exitCode(), r.all());
        JsonNode info = JSON.readTree(r.stdout());
        assertEquals(daemon.dir().resolve("data").toString(), info.get("DockerRootDir").asText());
        assertEquals(Runtime.getRuntime().availableProcessors(), info.get("NCPU").asInt());
        assertEquals(Files.readString(Path.of("/proc/sys/kernel/osrelease")).trim(), info.get("KernelVersion").asText());
        assertTrue(info.get("MemTotal").asLong() > 0);
        String cgroupVersion = Files.exists(Path.of("/sys/fs/cgroup/cgroup.controllers")) ? "2" : "1";
        assertEquals(cgroupVersion, info.get("CgroupVersion").asText());
        assertTrue(info.get("Plugins").get("Log").toString().contains("json-file"), r.stdout());

        WharfDaemon.Result human = daemon.docker("info");
        assertEquals(0, human.exitCode(), human.all());
        assertTrue(human.stdout().contains("Docker Root Dir: " + daemon.dir().resolve("data")), human.all());
    }

    @Test
    void systemEventsReplaysAWindowAndEnds() throws Exception {
        long since = startedAt;
        long until = System.currentTimeMillis() / 1000 + 1;
        // Every driver the daemon bound at start-up was announced as a plugin "enable" event.
        WharfDaemon.Result r = daemon.docker("system", "events", "--since", Long.toString(since),
                "--until", Long.toString(until), "--filter", "type=plugin", "--format", "{{json .}}");
        assertEquals(0, r.exitCode(), r.all());
        boolean found = false;
        for (String line : r.stdout().split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode e = JSON.readTree(line);
            assertEquals("plugin", e.get("Type").asText(), line);
            found |= "enable".equals(e.get("Action").asText()) && "json-file".equals(e.get("Actor").get("ID").asText());
        }
        assertTrue(found, r.all());
        // Nothing before the daemon started.
        WharfDaemon.Result empty = daemon.docker("system", "events", "--since", Long.toString(since - 3600),
                "--until", Long.toString(since - 1800));
        assertEquals(0, empty.exitCode(), empty.all());
        assertEquals("", empty.stdout().trim(), empty.all());
        WharfDaemon.Result bad = daemon.docker("system", "events", "--filter", "bogus=1",
                "--since", Long.toString(since), "--until", Long.toString(until));
        assertNotEquals(0, bad.exitCode(), bad.all());
        assertTrue(bad.stderr().contains("invalid filter 'bogus'"), bad.all());
    }

    @Test
    void aSecondDaemonOnTheSameDataRootIsRefused() throws Exception {
        Path other = Files.createTempDirectory("wharf-e2e-second");
        try {
            Files.writeString(other.resolve("daemon.json"), "{}\n");
            Process p = new ProcessBuilder(WharfDaemon.distribution().resolve("bin/wharfd").toString(),
                    "--data-root", daemon.dir().resolve("data").toString(),
                    "--exec-root", other.resolve("run").toString(),
                    "--pidfile", other.resolve("pid").toString(),
                    "--config-file", other.resolve("daemon.json").toString(),
                    "-H", "unix://" + other.resolve("s.sock")).redirectErrorStream(true).start();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the second daemon should give up at once");
            String out = new String(p.getInputStream().readAllBytes());
            assertNotEquals(0, p.exitValue(), out);
            assertTrue(out.contains(daemon.dir().resolve("data").toString()), out);
            assertEquals(200, UnixHttp.get(daemon.socket(), "/_ping").status(), "the first daemon keeps serving");
        } finally {
            try (var s = Files.walk(other)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
            }
        }
    }
}
