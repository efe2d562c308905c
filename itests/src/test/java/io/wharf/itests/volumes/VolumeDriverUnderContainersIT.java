package io.wharf.itests.volumes;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import io.wharf.itests.InFrameworkEngine;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

/**
 * The local volume driver bundle stopped and started while a container runs with one of its volumes: the running
 * container keeps using the volume, a new container that needs the driver is refused naming it, and once the
 * bundle is back the data written meanwhile is there for the next container. Driven with the real docker CLI.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class VolumeDriverUnderContainersIT extends InFrameworkEngine {
    @Override
    protected void configure(java.util.Hashtable<String, Object> props) {
        // requests needing the driver while its bundle is stopped wait this long, then get 503
        props.put("driver.wait.timeout", 1);
    }

    @Test
    public void containersKeepTheirVolumesWhileTheDriverBundleIsAway() throws Exception {
        loadBusybox();
        Bundle local = installed("io.wharf.volume.local");
        try {
            ok("run", "-d", "--name", "user", "-v", "hot:/v", "busybox", "sleep", "300");
            ok("exec", "user", "sh", "-c", "echo before > /v/f");

            local.stop();
            assertEquals(503, status("POST", "/volumes/create", "{\"Name\":\"cold\"}"));
            assertEquals("before\n", ok("exec", "user", "cat", "/v/f"));
            ok("exec", "user", "sh", "-c", "echo during >> /v/f");
            CliResult refused = docker("run", "--rm", "-v", "hot:/v", "busybox", "true");
            assertNotEquals(refused.out(), 0, refused.exitCode());
            assertTrue(refused.out(), refused.out().contains("volume driver \"local\" is not available"));

            local.start();
            waitFor("the local driver is back", () -> status("GET", "/volumes/hot", null) == 200);
            assertEquals("before\nduring\n", ok("run", "--rm", "-v", "hot:/v:ro", "busybox", "cat", "/v/f"));
            ok("rm", "-f", "user");
            ok("volume", "rm", "hot");
        } finally {
            if (local.getState() != Bundle.ACTIVE) {
                local.start();
            }
            docker("rm", "-f", "user");
        }
    }
}
