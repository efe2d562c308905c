package io.wharf.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Hashtable;
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
        assertEquals("unable to configure the daemon with file " + badHosts + ": json: cannot unmarshal string "
                + "into Go struct field Config.hosts of type []string", assertThrows(UsageException.class,
                () -> DaemonConfig.load(CommandLine.parse("--config-file", badHosts.toString()))).getMessage());

        Path empty = write("  ");
        assertEquals("unable to parse logging level: loud", assertThrows(UsageException.class,
                () -> DaemonConfig.load(CommandLine.parse("--config-file", empty.toString(), "-l", "loud")))
                .getMessage());
    }

    @Test
    void eachComponentGetsTheKeysItReads() throws Exception {
        Path file = write("""
                {"data-root": "/d", "live-restore": true, "max-concurrent-downloads": 3, "driver-wait-timeout": 0.5,
                 "insecure-registries": ["127.0.0.1:5000"], "log-opts": {"max-size": "10m"},
                 "default-address-pools": [{"base": "10.10.0.0/16", "size": 24}], "nothing": null}
                """);
        Map<String, Hashtable<String, Object>> c = DaemonConfig.load(CommandLine.parse("--config-file",
                file.toString(), "-H", "unix:///s.sock")).configurations();
        assertEquals("/d", c.get("io.wharf.storage.overlay").get("data.root"));
        assertEquals("/d", c.get("io.wharf.daemon.containers").get("data.root"));
        assertEquals(true, c.get("io.wharf.daemon").get("live.restore"));
        assertEquals(3L, c.get("io.wharf.daemon.images").get("max.concurrent.downloads"));
        assertEquals(0.5, c.get("io.wharf.daemon.drivers").get("driver.wait.timeout"));
        assertArrayEquals(new String[] {"127.0.0.1:5000"}, (String[]) c.get("io.wharf.registry")
                .get("insecure.registries"));
        assertArrayEquals(new String[] {"unix:///s.sock"}, (String[]) c.get("io.wharf.rest").get("hosts"));
        assertEquals("{\"max-size\":\"10m\"}", c.get("io.wharf.daemon.containers").get("log.opts"));
        assertEquals("[{\"base\":\"10.10.0.0/16\",\"size\":24}]",
                c.get("io.wharf.network.bridge.ipam").get("default.address.pools"));
        assertEquals("/run/wharf", c.get("io.wharf.runtime.oci").get("exec.root"));
        assertFalse(c.get("io.wharf.storage.overlay").containsKey("live.restore"), "a driver hears only its keys");
        assertFalse(c.get("io.wharf.rest").containsKey("data.root"));
        assertFalse(c.values().stream().anyMatch(p -> p.containsKey("pidfile") || p.containsKey("features")),
                "the launcher's own keys stay in the launcher");
        assertEquals("/d", c.get("io.wharf").get("data.root"), "the engine-wide PID has every component key");
        assertEquals(true, c.get("io.wharf").get("live.restore"));
    }

    @Test
    void keysOfNoOptionAndValuesOfTheWrongTypeAreRefused() throws Exception {
        Path unknown = write("{\"debug\": true, \"colour\": \"blue\", \"answer\": 42}");
        assertEquals("unable to configure the daemon with file " + unknown
                + ": the following directives don't match any configuration option: answer, colour",
                assertThrows(UsageException.class, () -> DaemonConfig.load(CommandLine.parse("--config-file",
                        unknown.toString()))).getMessage());

        Path wrongType = write("{\"debug\": \"yes\"}");
        assertEquals("unable to configure the daemon with file " + wrongType
                + ": json: cannot unmarshal string into Go struct field Config.debug of type bool",
                assertThrows(UsageException.class, () -> DaemonConfig.load(CommandLine.parse("--config-file",
                        wrongType.toString()))).getMessage());

        Path badLabel = write("{\"labels\": [\"novalue\"]}");
        assertEquals("unable to configure the daemon with file " + badLabel + ": bad attribute format: novalue",
                assertThrows(UsageException.class, () -> DaemonConfig.load(CommandLine.parse("--config-file",
                        badLabel.toString()))).getMessage());

        Path badMirror = write("{\"registry-mirrors\": [\"mirror.example\"]}");
        assertEquals("unable to configure the daemon with file " + badMirror + ": invalid mirror: no scheme "
                + "specified for \"mirror.example\": must use either 'https://' or 'http://'",
                assertThrows(UsageException.class, () -> DaemonConfig.load(CommandLine.parse("--config-file",
                        badMirror.toString()))).getMessage());

        Path negative = write("{\"max-concurrent-uploads\": -1}");
        assertEquals("unable to configure the daemon with file " + negative + ": invalid max concurrent uploads: -1",
                assertThrows(UsageException.class, () -> DaemonConfig.load(CommandLine.parse("--config-file",
                        negative.toString()))).getMessage());
    }

    @Test
    void dockerdKeysWharfDoesNotUseAreAcceptedAndNamed() throws Exception {
        Path file = write("{\"mtu\": 1400, \"userland-proxy\": false, \"debug\": true}");
        DaemonConfig config = DaemonConfig.load(CommandLine.parse("--config-file", file.toString()));
        assertEquals(List.of("mtu", "userland-proxy"), ConfigurationTable.unused(config.values()));
        assertFalse(config.configurations().values().stream().anyMatch(p -> p.containsKey("mtu")));
    }

    private Path write(String json) throws Exception {
        Path file = Files.createTempFile(tmp, "daemon", ".json");
        Files.writeString(file, json);
        return file;
    }
}
