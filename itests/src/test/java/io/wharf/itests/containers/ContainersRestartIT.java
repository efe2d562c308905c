package io.wharf.itests.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.itests.BusyboxImage;
import io.wharf.itests.WharfDaemon;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Live restore: containers keep running while the daemon stops (SIGTERM) or dies (SIGKILL), and the next
 * daemon on the same directories manages them again; one that exited meanwhile shows its own exit code and gets
 * its restart policy.
 */
@Timeout(300)
class ContainersRestartIT {

    @Test
    void containersSurviveSigtermAndSigkillOfTheDaemon() throws Exception {
        Path dir = Files.createTempDirectory("wharf-containers-restart");
        WharfDaemon daemon = WharfDaemon.startIn(dir);
        try {
            BusyboxImage.load(daemon, "busybox:latest");
            daemon.ok("run", "-d", "--name", "steady", "busybox", "sh", "-c",
                    "i=0; while true; do i=$((i+1)); echo line$i; sleep 0.2; done");
            daemon.ok("run", "-d", "--name", "brief", "busybox", "sh", "-c", "sleep 2; exit 7");
            daemon.ok("run", "-d", "--name", "phoenix", "--restart", "always", "busybox", "sh", "-c",
                    "sleep 2; exit 3");
            daemon.ok("run", "-d", "--runtime", "crun", "--name", "crunner", "busybox", "sleep", "1000");

            daemon.process().destroyForcibly();
            assertTrue(daemon.process().waitFor(30, TimeUnit.SECONDS));
            Thread.sleep(3000); // brief and phoenix exit while no daemon runs
            daemon = WharfDaemon.startIn(dir);

            assertEquals("running", daemon.ok("inspect", "-f", "{{.State.Status}}", "steady").strip());
            assertEquals("hi\n", daemon.ok("exec", "steady", "echo", "hi"));
            assertEquals("running", daemon.ok("inspect", "-f", "{{.State.Status}}", "crunner").strip());
            assertEquals("7", daemon.ok("wait", "brief").strip());
            assertEquals("exited 7", daemon.ok("inspect", "-f", "{{.State.Status}} {{.State.ExitCode}}",
                    "brief").strip());
            assertTrue(Integer.parseInt(daemon.ok("inspect", "-f", "{{.RestartCount}}", "phoenix").strip()) >= 1);
            int before = daemon.ok("logs", "steady").split("\n").length;
            Thread.sleep(1000);
            assertTrue(daemon.ok("logs", "steady").split("\n").length > before, "logs carry on after a restart");

            assertEquals(0, daemon.stop());
            daemon = WharfDaemon.startIn(dir);
            assertEquals("running", daemon.ok("inspect", "-f", "{{.State.Status}}", "steady").strip());
            daemon.ok("stop", "-t", "1", "steady", "crunner");
            assertEquals("137", daemon.ok("inspect", "-f", "{{.State.ExitCode}}", "steady").strip());
        } finally {
            try {
                for (String id : daemon.docker("ps", "-aq").stdout().split("\\s+")) {
                    if (!id.isBlank()) {
                        daemon.docker("rm", "-f", id);
                    }
                }
            } finally {
                daemon.close();
            }
            Processes.assertNoneMention(dir);
        }
    }

}
