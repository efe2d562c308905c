package io.wharf.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CommandLineTest {

    @Test
    void mapsFlagsToDaemonJsonKeys() throws Exception {
        CommandLine cmd = CommandLine.parse("--data-root", "/x/root", "--exec-root=/x/run", "-H", "unix:///x.sock",
                "--host=tcp://127.0.0.1:2375", "-Hfd://", "-s", "vfs", "--default-runtime", "crun", "--log-driver",
                "json-file", "-l", "warn", "-D", "--pidfile", "/x/pid", "--tlsverify", "--tlscacert", "ca.pem",
                "-G", "wheel", "--live-restore", "--experimental=false", "--label", "a=b", "--label=c=d",
                "--insecure-registry", "127.0.0.1:5000", "--bip", "10.1.0.1/24", "--iptables=false",
                "--config-file", "/x/daemon.json");
        Map<String, Object> v = cmd.values();
        assertEquals("/x/root", v.get("data-root"));
        assertEquals("/x/run", v.get("exec-root"));
        assertEquals(List.of("unix:///x.sock", "tcp://127.0.0.1:2375", "fd://"), v.get("hosts"));
        assertEquals("vfs", v.get("storage-driver"));
        assertEquals("crun", v.get("default-runtime"));
        assertEquals("json-file", v.get("log-driver"));
        assertEquals("warn", v.get("log-level"));
        assertEquals(true, v.get("debug"));
        assertEquals("/x/pid", v.get("pidfile"));
        assertEquals(true, v.get("tlsverify"));
        assertEquals("ca.pem", v.get("tlscacert"));
        assertEquals("wheel", v.get("group"));
        assertEquals(true, v.get("live-restore"));
        assertEquals(false, v.get("experimental"));
        assertEquals(List.of("a=b", "c=d"), v.get("labels"));
        assertEquals(List.of("127.0.0.1:5000"), v.get("insecure-registries"));
        assertEquals("10.1.0.1/24", v.get("bip"));
        assertEquals(false, v.get("iptables"));
        assertEquals("/x/daemon.json", cmd.configFile());
        assertFalse(v.containsKey("config-file"), "--config-file steers the launcher only");
    }

    @Test
    void nothingGivenMeansNothingSet() throws Exception {
        CommandLine cmd = CommandLine.parse();
        assertTrue(cmd.values().isEmpty());
        assertNull(cmd.configFile());
        assertFalse(cmd.help());
        assertFalse(cmd.version());
    }

    @Test
    void helpAndVersion() throws Exception {
        assertTrue(CommandLine.parse("-h").help());
        assertTrue(CommandLine.parse("--help").help());
        assertTrue(CommandLine.parse("-v").version());
        assertTrue(CommandLine.parse("--version").version());
        CommandLine both = CommandLine.parse("-Dv");
        assertTrue(both.version());
        assertEquals(true, both.values().get("debug"));
        String usage = CommandLine.usage();
        assertTrue(usage.contains("Usage:\twharfd [OPTIONS]"));
        assertTrue(usage.contains("  -H, --host list"));
        assertTrue(usage.contains("      --data-root string"));
    }

    @Test
    void unknownFlagsAreRefusedAsDockerdDoes() {
        assertEquals("unknown flag: --frobnicate\nSee 'wharfd --help'.", message("--frobnicate"));
        assertEquals("unknown flag: --frobnicate\nSee 'wharfd --help'.", message("--frobnicate=1"));
        assertEquals("unknown shorthand flag: 'x' in -x\nSee 'wharfd --help'.", message("-x"));
        assertEquals("unknown shorthand flag: 'q' in -q\nSee 'wharfd --help'.", message("-Dq"));
    }

    @Test
    void otherMistakes() {
        assertEquals("flag needs an argument: --data-root\nSee 'wharfd --help'.", message("--data-root"));
        assertEquals("flag needs an argument: 'H' in -H\nSee 'wharfd --help'.", message("-H"));
        assertEquals("\"wharfd\" accepts no arguments.\nSee 'wharfd --help'.", message("start"));
        assertEquals("\"wharfd\" accepts no arguments.\nSee 'wharfd --help'.", message("-D", "false"));
        assertEquals("invalid argument \"maybe\" for \"-D, --debug\" flag: strconv.ParseBool: parsing \"maybe\": "
                + "invalid syntax\nSee 'wharfd --help'.", message("--debug=maybe"));
    }

    private static String message(String... args) {
        return assertThrows(UsageException.class, () -> CommandLine.parse(args)).getMessage();
    }
}
