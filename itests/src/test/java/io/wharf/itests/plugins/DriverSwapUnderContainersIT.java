package io.wharf.itests.plugins;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import io.wharf.api.common.ProgressListener;
import io.wharf.api.plugin.PluginDetails;
import io.wharf.api.plugin.PluginService;
import io.wharf.api.registry.Credentials;
import io.wharf.itests.InFrameworkEngine;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.List;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

/**
 * Each driver bundle disabled, enabled and upgraded through the plugin service while a container runs: the
 * container keeps its process and its log, a request needing the driver while it is away gets 503 with the
 * driver named once the bounded wait is over, and works again once the bundle is back; the upgraded version is
 * the active one.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DriverSwapUnderContainersIT extends InFrameworkEngine {
    /** A driver bundle, a command that needs its driver, and what the refusal says while it is away. */
    private record Case(String bundle, List<String> needs, String away) {
    }

    private static final List<Case> CASES = List.of(
            new Case("io.wharf.log.jsonfile", List.of("run", "--rm", "--network", "none", "busybox", "true"),
                    "log driver \"json-file\" is not available"),
            new Case("io.wharf.runtime.oci", List.of("run", "--rm", "--network", "none", "busybox", "true"),
                    "runtime driver \"runc\" is not available"),
            new Case("io.wharf.network.bridge", List.of("network", "create", "swap-net"),
                    "network driver \"bridge\" is not available"));

    @Override
    protected void configure(Hashtable<String, Object> props) {
        props.put("driver.wait.timeout", 2);
    }

    private static String pid(String container) throws Exception {
        String pid = ok("inspect", "-f", "{{.State.Pid}}", container).strip();
        assertNotEquals(container + " has a process", "0", pid);
        return pid;
    }

    @Test
    public void eachDriverBundleIsSwappedUnderARunningContainer() throws Exception {
        loadBusybox();
        PluginService plugins = service(PluginService.class);
        ok("run", "-d", "--name", "steady", "busybox", "sh", "-c", "while true; do echo tick; sleep 0.2; done");
        String pid = pid("steady");
        try {
            for (Case c : CASES) {
                Bundle b = installed(c.bundle());
                plugins.disable(c.bundle(), false);
                assertFalse(c.bundle(), plugins.inspect(c.bundle()).enabled());
                CliResult refused = docker(c.needs().toArray(new String[0]));
                assertNotEquals(refused.out(), 0, refused.exitCode());
                assertTrue(refused.out(), refused.out().contains(c.away()));
                assertTrue(c.bundle() + " away: the container runs on", Files.exists(Path.of("/proc", pid)));

                plugins.enable(c.bundle());
                assertTrue(c.bundle(), plugins.inspect(c.bundle()).enabled());
                ok(c.needs().toArray(new String[0]));
                cleanUp(c);

                String next = b.getVersion().getMajor() + "." + b.getVersion().getMinor() + "."
                        + (b.getVersion().getMicro() + 1);
                Path jar = BundleJars.withManifest(Path.of(URI.create(b.getLocation())),
                        root().resolve(c.bundle() + "-" + next + ".jar"), a -> a.putValue("Bundle-Version", next));
                PluginDetails upgraded = plugins.upgrade(c.bundle(), jar.toString(), Credentials.anonymous(),
                        ProgressListener.NONE);
                assertEquals(next, upgraded.tag());
                assertTrue(c.bundle(), upgraded.enabled());
                assertEquals(next, b.getVersion().toString());
                ok(c.needs().toArray(new String[0]));
                cleanUp(c);
                assertEquals(c.bundle() + " upgraded: same process", pid, pid("steady"));
                assertEquals("running", ok("inspect", "-f", "{{.State.Status}}", "steady").strip());
            }
            assertTrue(ok("logs", "--tail", "1", "steady").contains("tick"));
        } finally {
            for (Case c : CASES) {
                Bundle b = installed(c.bundle());
                if (b.getState() != Bundle.ACTIVE) {
                    b.start();
                }
            }
            docker("rm", "-f", "steady");
            docker("network", "rm", "swap-net");
        }
    }

    private static void cleanUp(Case c) throws Exception {
        if (c.needs().get(0).equals("network")) {
            ok("network", "rm", "swap-net");
        }
    }
}
