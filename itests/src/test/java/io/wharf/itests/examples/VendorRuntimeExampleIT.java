package io.wharf.itests.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.itests.BusyboxImage;
import io.wharf.itests.WharfDaemon;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The example vendor runtime in {@code examples/runtime} used the way its README tells a vendor to: the built jar
 * dropped into a running daemon's deploy directory, then {@code docker run --runtime vendor-runc} with the real
 * docker CLI. The environment it adds shows the container really went through the example, not through runc.
 */
class VendorRuntimeExampleIT {
    private static final String NAME = "vendor-runc";

    private static Path exampleJar() {
        Path jar = Path.of(System.getProperty("wharf.example.runtime",
                "../examples/runtime/target/com.example.wharf.runtime-0.1.0-SNAPSHOT.jar")).toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), "the example is built: " + jar);
        return jar;
    }

    private static boolean listed(WharfDaemon daemon) throws Exception {
        return daemon.ok("info", "--format", "{{json .Runtimes}}").contains("\"" + NAME + "\"");
    }

    @Test
    void theExampleJarDeployedIntoARunningDaemonRunsContainers() throws Exception {
        Path dir = Files.createTempDirectory("wharf-example");
        Path deploy = Files.createDirectories(dir.resolve("deploy"));
        Files.writeString(dir.resolve("daemon.json"), "{\"bundle-dir\": \"" + deploy + "\"}\n");
        try (WharfDaemon daemon = WharfDaemon.startIn(dir)) {
            try {
                BusyboxImage.load(daemon, "busybox:latest");
                assertFalse(listed(daemon), "no example runtime before its jar is deployed");

                Files.copy(exampleJar(), deploy.resolve("com.example.wharf.runtime.jar"));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (!listed(daemon)) {
                    assertTrue(System.nanoTime() < deadline,
                            "docker info lists " + NAME + " within 30 s of deploying the jar\n" + daemon.log());
                    Thread.sleep(200);
                }

                assertEquals("hi\n", daemon.ok("run", "--rm", "--runtime", NAME, "--network", "none", "busybox",
                        "echo", "hi"));
                assertEquals("vendor-runc\n", daemon.ok("run", "--rm", "--runtime", NAME, "--network", "none",
                        "busybox", "sh", "-c", "echo $WHARF_VENDOR_RUNTIME"));
                assertEquals("\n", daemon.ok("run", "--rm", "--runtime", "runc", "--network", "none", "busybox",
                        "sh", "-c", "echo $WHARF_VENDOR_RUNTIME"), "runc's containers do not get the vendor's env");

                daemon.ok("run", "-d", "--name", "vendor-long", "--runtime", NAME, "--network", "none", "busybox",
                        "sleep", "300");
                assertEquals(NAME + "\n", daemon.ok("inspect", "-f", "{{.HostConfig.Runtime}}", "vendor-long"));
                assertEquals("vendor-runc\n", daemon.ok("exec", "vendor-long", "sh", "-c",
                        "echo $WHARF_VENDOR_RUNTIME"));
                daemon.ok("rm", "-f", "vendor-long");
            } finally {
                daemon.docker("rm", "-f", "vendor-long");
            }
        }
    }
}
