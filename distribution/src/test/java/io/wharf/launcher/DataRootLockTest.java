package io.wharf.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataRootLockTest {
    @TempDir
    Path tmp;

    @Test
    void aSecondHolderIsRefusedUntilTheFirstLetsGo() throws Exception {
        Path root = tmp.resolve("root");
        try (DataRootLock first = DataRootLock.acquire(root, 4242)) {
            UsageException e = assertThrows(UsageException.class, () -> DataRootLock.acquire(root, 1));
            assertEquals("another daemon is using data root " + root + " (pid 4242)", e.getMessage());
        }
        try (DataRootLock again = DataRootLock.acquire(root, 7)) {
            assertEquals("7", Files.readString(root.resolve(DataRootLock.FILE_NAME)).trim());
        }
    }

    @Test
    void anotherWharfdProcessOnTheSameDataRootExitsWithOne() throws Exception {
        Path root = tmp.resolve("root");
        Path config = Files.writeString(tmp.resolve("daemon.json"), "{}");
        long self = ProcessHandle.current().pid();
        try (DataRootLock held = DataRootLock.acquire(root, self)) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                    Main.class.getName(), "--config-file", config.toString(), "--data-root", root.toString(),
                    "--exec-root", tmp.resolve("run").toString()))
                    .redirectErrorStream(true).redirectOutput(tmp.resolve("out").toFile()).start();
            try {
                assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the second daemon gives up at once");
            } finally {
                p.destroyForcibly();
            }
            assertEquals(1, p.exitValue());
            assertEquals("wharfd: another daemon is using data root " + root + " (pid " + self + ")",
                    Files.readString(tmp.resolve("out"), StandardCharsets.UTF_8).trim());
            assertFalse(Files.exists(tmp.resolve("run").resolve("wharfd.pid")), "no pid file written");
        }
    }
}
