package io.wharf.itests;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code docker-registry} on a free 127.0.0.1 port, storing into a temp directory, with htpasswd
 * authentication when a user is given. {@link #close} stops it and removes the directory.
 */
public final class RegistryServer implements AutoCloseable {
    public static final Path BINARY = Path.of("/usr/bin/docker-registry");

    private final Path dir;
    private final Process process;
    private final int port;

    private RegistryServer(Path dir, Process process, int port) {
        this.dir = dir;
        this.process = process;
        this.port = port;
    }

    public static boolean available() {
        return Files.isExecutable(BINARY);
    }

    /** Starts a registry; {@code user} null for one without authentication. */
    public static RegistryServer start(String user, String password) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("wharf-registry");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        StringBuilder yaml = new StringBuilder("version: 0.1\nlog:\n  level: error\n  accesslog:\n    disabled: true\n")
                .append("storage:\n  filesystem:\n    rootdirectory: ").append(dir.resolve("data"))
                .append("\n  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:").append(port).append('\n');
        if (user != null) {
            Process h = new ProcessBuilder("htpasswd", "-Bbn", user, password).start();
            byte[] line = h.getInputStream().readAllBytes();
            if (!h.waitFor(30, TimeUnit.SECONDS) || h.exitValue() != 0) {
                throw new IOException("htpasswd failed");
            }
            Files.write(dir.resolve("htpasswd"), line);
            yaml.append("auth:\n  htpasswd:\n    realm: wharf-test\n    path: ").append(dir.resolve("htpasswd"))
                    .append('\n');
        }
        Files.writeString(dir.resolve("config.yml"), yaml, StandardCharsets.UTF_8);
        Process p = new ProcessBuilder(BINARY.toString(), "serve", dir.resolve("config.yml").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
        RegistryServer r = new RegistryServer(dir, p, port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                String log = Files.readString(dir.resolve("registry.log"));
                r.close();
                throw new IOException("docker-registry exited: " + log);
            }
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return r;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        r.close();
        throw new IOException("docker-registry did not listen within 30 s");
    }

    /** {@code localhost:<port>}, the registry part of image names on it. */
    public String host() {
        return "localhost:" + port;
    }

    /** Where the registry keeps repositories and blobs (its filesystem storage driver's root). */
    public Path storage() {
        return dir.resolve("data");
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temp directory
        }
    }
}
