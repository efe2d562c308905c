package io.wharf.itests.containers;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import io.wharf.itests.InFrameworkEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

/**
 * The runtime driver bundle stopped, started and updated while containers run: they keep running under conmon,
 * a new container is refused while no runtime is there, an exit that happened meanwhile is recorded with its
 * code once the driver is back, and exec and stop work again. Driven with the real docker CLI.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RuntimeDriverUnderContainersIT extends InFrameworkEngine {
    private static boolean runcListed() {
        try {
            return ok("info", "--format", "{{json .Runtimes}}").contains("\"runc\"");
        } catch (Exception e) {
            return false;
        }
    }

    private static String pid(String container) throws Exception {
        String pid = ok("inspect", "-f", "{{.State.Pid}}", container).strip();
        assertNotEquals(container + " has a process", "0", pid);
        return pid;
    }

    @Test
    public void containersRunOnWhileTheRuntimeBundleIsStoppedStartedAndUpdated() throws Exception {
        loadBusybox();
        Bundle runtime = installed("io.wharf.runtime.oci");
        try {
            ok("run", "-d", "--name", "long", "--network", "none", "busybox", "sleep", "300");
            ok("run", "-d", "--name", "short", "--network", "none", "busybox", "sh", "-c", "sleep 2; exit 7");
            String shortPid = pid("short");
            String longPid = pid("long");

            runtime.stop();
            waitFor("the runtimes are gone from info", () -> !runcListed());
            assertTrue("the container runs on without its driver", Files.exists(Path.of("/proc", longPid)));
            assertEquals("running", ok("inspect", "-f", "{{.State.Status}}", "long").strip());
            CliResult refused = docker("run", "--rm", "--network", "none", "busybox", "true");
            assertNotEquals(refused.out(), 0, refused.exitCode());
            // the short one ends while no driver watches it
            waitFor("the short container's process ends", () -> !Files.exists(Path.of("/proc", shortPid)));

            runtime.start();
            waitFor("runc is back in info", RuntimeDriverUnderContainersIT::runcListed);
            assertEquals("7", ok("wait", "short").strip());
            assertEquals("exited 7", ok("inspect", "-f", "{{.State.Status}} {{.State.ExitCode}}", "short").strip());
            assertEquals("running", ok("inspect", "-f", "{{.State.Status}}", "long").strip());
            assertEquals("hello\n", ok("exec", "long", "echo", "hello"));

            runtime.update();
            waitFor("runc is there after the update", RuntimeDriverUnderContainersIT::runcListed);
            assertEquals("again\n", ok("exec", "long", "echo", "again"));
            assertEquals("back\n", ok("run", "--rm", "--network", "none", "busybox", "echo", "back"));
            ok("stop", "-t", "1", "long");
            assertFalse(Files.exists(Path.of("/proc", longPid)));
            assertEquals("exited", ok("inspect", "-f", "{{.State.Status}}", "long").strip());
            ok("rm", "long", "short");
        } finally {
            if (runtime.getState() != Bundle.ACTIVE) {
                runtime.start();
            }
            docker("rm", "-f", "long", "short");
        }
    }
}
