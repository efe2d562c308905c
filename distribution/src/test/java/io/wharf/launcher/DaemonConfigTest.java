package io.wharf.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DaemonConfigTest {
    @TempDir
    Path tmp;

    @Test
    void flagsAddToTheFileAndDefaultsFillTheRest() throws Exception {
        Path file = write("{\"storage-driver\": \"vfs\", \"labels\": [\"x=y\"]}");
        DaemonConfig config = DaemonConfig.load(CommandLine.parse("--config-file", file.toString(),
                "--exec-root", tmp.resolve("run").toString(), "--debug"));
        Map<String, Object> v = config.values();
        assertEquals("vfs", v.get("storage-driver"));
        assertEquals(List.of("x=y"), v.get("labels"));
        assertEquals(true, v.get("debug"));
        assertEquals("/var/lib/wharf", v.get("data-root"));
        assertEquals(List.of("unix:///run/wharf.sock"), v.get("hosts"));
        assertEquals(tmp.resolve("run/wharfd.pid"), config.pidFile(), "the pid file defaults into the exec root");
        assertEquals(List.of("framework", "engine", "drivers"), config.features());
        assertEquals("debug", config.logLevel());
    }

    @Test
    void aKeyGivenTwiceIsRefusedWithEveryConflictNamed() throws Exception {
        Path file = write("{\"debug\": false, \"hosts\": [\"unix:///a.sock\"], \"bip\": \"10.0.0.1/24\"}");
        UsageException e = assertThrows(UsageException.class, () -> DaemonConfig.load(CommandLine.parse(
                "--config-file", file.toString(), "-D", "-H", "unix:///b.sock", "-H", "tcp://127.0.0.1:1")));
        assertEquals("unable to configure the daemon with file " + file + ": the following directives are "
                + "specified both as a flag and in the configuration file: debug: (from flag: true, from file: false), "
                + "hosts: (from flag: [unix:///b.sock tcp://127.0.0.1:1], from file: [unix:///a.sock])",
                e.getMessage());
    }

    @Test
    void onlyTheDefaultFileMayBeMissing() throws Exception {
        Path missing = tmp.resolve("nope.json");
        UsageException e = assertThrows(UsageException.class,
                () -> DaemonConfig.load(CommandLine.parse("--config-file", missing.toString())));
        assertEquals("unable to configure the daemon with file " + missing + ": open " + missing
                + ": no such file or directory", e.getMessage());
        assertEquals(Map.of(), DaemonConfig.readFile(missing, true));
    }

    @Test
    void brokenFilesAndValuesAreRefused() throws Exception {
        Path broken = write("{\"debug\": tru}");
        UsageException e = assertThrows(UsageException.class,
                () -> DaemonConfig.load(CommandLine.parse("--config-file", broken.toString())));
        assertEquals("unable to configure the daemon with file " + broken
                + ": invalid character 't' looking for beginning of value (line 1, column 11)", e.getMessage());

        Path badHosts = write("{\"hosts\": \"unix:///a.sock\"}");
        assertEquals("hosts must be a list of strings", assertThrows(UsageException.class,
                () -> DaemonConfig.load(CommandLine.parse("--config-file", badHosts.toString()))).getMessage());

        Path empty = write("  ");
        assertEquals("unable to parse logging level: loud", assertThrows(UsageException.class,
                () -> DaemonConfig.load(CommandLine.parse("--config-file", empty.toString(), "-l", "loud")))
                .getMessage());
    }

    @Test
    void propertiesFollowEngineConfig() throws Exception {
        Path file = write("""
                {"data-root": "/d", "live-restore": true, "max-concurrent-downloads": 3, "ratio": 0.5,
                 "insecure-registries": ["127.0.0.1:5000"], "log-opts": {"max-size": "10m"},
                 "default-address-pools": [{"base": "10.10.0.0/16", "size": 24}], "nothing": null}
                """);
        Dictionary<String, Object> p = DaemonConfig.load(CommandLine.parse("--config-file", file.toString(),
                "-H", "unix:///s.sock")).toProperties();
        assertEquals("/d", p.get("data.root"));
        assertEquals(true, p.get("live.restore"));
        assertEquals(3L, p.get("max.concurrent.downloads"));
        assertEquals(0.5, p.get("ratio"));
        assertArrayEquals(new String[] {"127.0.0.1:5000"}, (String[]) p.get("insecure.registries"));
        assertArrayEquals(new String[] {"unix:///s.sock"}, (String[]) p.get("hosts"));
        assertEquals("{\"max-size\":\"10m\"}", p.get("log.opts"));
        assertEquals("[{\"base\":\"10.10.0.0/16\",\"size\":24}]", p.get("default.address.pools"));
        assertEquals("/run/wharf", p.get("exec.root"));
        assertFalse(((java.util.Hashtable<String, Object>) p).containsKey("nothing"));
    }

    private Path write(String json) throws Exception {
        Path file = Files.createTempFile(tmp, "daemon", ".json");
        Files.writeString(file, json);
        return file;
    }
}
