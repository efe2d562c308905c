package io.wharf.itests.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.itests.BusyboxImage;
import io.wharf.itests.WharfDaemon;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The operator console of a daemon whose daemon.json says {@code "console": true}: a root-only socket in the exec
 * root, the wharf: commands over it, and a driver bundle swapped under a running container created with the real
 * docker CLI. A daemon without the key has no console socket.
 */
class OperatorConsoleIT {
    private static Path console(WharfDaemon daemon) {
        return daemon.dir().resolve("run/console.sock");
    }

    /** Sends one command and reads its answer, which ends with a blank line; the read is bounded. */
    private static String run(Path socket, String command) throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ch.write(ByteBuffer.wrap((command + "\nexit\n").getBytes(StandardCharsets.UTF_8)));
            ch.shutdownOutput();
            StringBuilder answer = new StringBuilder();
            BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(ch),
                    StandardCharsets.UTF_8));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            String line;
            while ((line = in.readLine()) != null && !line.isEmpty()) {
                assertTrue(System.nanoTime() < deadline, "the console answers " + command + " within 60 s");
                answer.append(line).append('\n');
            }
            return answer.toString();
        }
    }

    private static void waitForSocket(WharfDaemon daemon) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(console(daemon))) {
            assertTrue(System.nanoTime() < deadline, "console socket within 30 s\n" + daemon.log());
            Thread.sleep(100);
        }
    }

    @Test
    void aDaemonWithoutTheKeyHasNoConsole() throws Exception {
        try (WharfDaemon daemon = WharfDaemon.start()) {
            daemon.ok("info");
            assertFalse(Files.exists(console(daemon)), "no console socket without \"console\": true");
            assertFalse(daemon.log().contains("operator console listening"), daemon.log());
        }
    }

    @Test
    void theConsoleListsDriversAndContainersAndSwapsADriverUnderARunningContainer() throws Exception {
        Path dir = Files.createTempDirectory("wharf-console");
        Files.writeString(dir.resolve("daemon.json"), "{\"console\": true}\n");
        try (WharfDaemon daemon = WharfDaemon.startIn(dir)) {
            try {
                waitForSocket(daemon);
                PosixFileAttributes attrs = Files.readAttributes(console(daemon), PosixFileAttributes.class);
                assertEquals("rw-------", PosixFilePermissions.toString(attrs.permissions()));
                assertEquals("root", attrs.owner().getName());

                String drivers = run(console(daemon), "wharf:drivers");
                assertTrue(drivers.startsWith("KIND"), drivers);
                assertTrue(drivers.matches("(?s).*runtime\\s+runc\\s+io\\.wharf\\.runtime\\.oci\\s.*"), drivers);
                assertTrue(drivers.matches("(?s).*network\\s+bridge\\s+io\\.wharf\\.network\\.bridge\\s.*"), drivers);
                String plugins = run(console(daemon), "wharf:plugins");
                assertTrue(plugins.contains("io.wharf.storage.overlay") || plugins.contains("io.wharf.storage.vfs"),
                        plugins);

                BusyboxImage.load(daemon, "busybox:latest");
                String id = daemon.ok("run", "-d", "--name", "console-long", "--network", "none", "busybox",
                        "sleep", "300").strip();
                String pid = daemon.ok("inspect", "-f", "{{.State.Pid}}", "console-long").strip();
                String containers = run(console(daemon), "wharf:containers");
                assertTrue(containers.contains(id.substring(0, 12)) && containers.contains("console-long")
                        && containers.contains("running"), containers);

                Path jar = WharfDaemon.distribution().resolve("bundle/io.wharf.runtime.oci-"
                        + System.getProperty("wharf.version", "0.1.0-SNAPSHOT") + ".jar");
                // the daemon's own log lines written while the command runs reach the session too
                String swapped = run(console(daemon), "wharf:swap io.wharf.runtime.oci " + jar);
                assertTrue(swapped.lines().anyMatch(l -> l.startsWith("io.wharf.runtime.oci ")
                        && l.endsWith("(active)")), swapped);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (!daemon.ok("info", "--format", "{{json .Runtimes}}").contains("\"runc\"")) {
                    assertTrue(System.nanoTime() < deadline, "runc is listed again after the swap");
                    Thread.sleep(100);
                }
                assertTrue(Files.exists(Path.of("/proc", pid)), "the container's process lives on");
                assertEquals("running", daemon.ok("inspect", "-f", "{{.State.Status}}", "console-long").strip());
                assertEquals("after\n", daemon.ok("exec", "console-long", "echo", "after"));

                String refused = run(console(daemon), "wharf:swap io.wharf.no.such.bundle " + jar);
                assertTrue(refused.lines().anyMatch(l -> l.equals("error: no such bundle: io.wharf.no.such.bundle")),
                        refused);
                daemon.ok("rm", "-f", "console-long");
            } finally {
                daemon.docker("rm", "-f", "console-long");
            }
        }
    }
}
