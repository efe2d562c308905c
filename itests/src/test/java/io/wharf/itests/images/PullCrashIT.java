package io.wharf.itests.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.wharf.itests.RegistryServer;
import io.wharf.itests.WharfDaemon;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A daemon killed with SIGKILL in the middle of a pull comes back with a consistent store and pulls again. */
class PullCrashIT {
    @Test
    void daemonKilledDuringPullRestartsConsistentAndPullsAgain() throws Exception {
        assumeTrue(Files.isExecutable(WharfDaemon.DOCKER), "the docker CLI is not installed");
        assumeTrue(RegistryServer.available(), "docker-registry is not installed");
        Path dir = Files.createTempDirectory("wharf-e2e-crash");
        WharfDaemon first = null;
        WharfDaemon second = null;
        try (RegistryServer registry = RegistryServer.start(null, null)) {
            first = WharfDaemon.startIn(dir);
            String name = registry.host() + "/big:1";
            Path archive = bigImage(dir, name);
            run(first, "load", "-i", archive.toString());
            run(first, "push", name);
            run(first, "rmi", name);

            Process pull = cli(first, "pull", name);
            Path data = dir.resolve("data/image");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline && pull.isAlive() && !inProgress(data)) {
                Thread.sleep(2);
            }
            boolean caught = inProgress(data);
            first.process().destroyForcibly();   // SIGKILL: no shutdown hook runs
            assertTrue(caught, "the pull ended before the daemon could be killed in its middle");
            assertTrue(first.process().waitFor(30, TimeUnit.SECONDS));
            pull.waitFor(30, TimeUnit.SECONDS);
            pull.destroyForcibly();

            second = WharfDaemon.startIn(dir);
            String images = run(second, "images", "--format", "{{.Repository}}:{{.Tag}}");
            assertTrue(images.isBlank() || images.trim().equals(name), images);
            assertEquals(List.of(), leftovers(data));
            String out = run(second, "pull", name);
            assertTrue(out.contains("Status: "), out);
            run(second, "inspect", name);
            assertEquals(List.of(), leftovers(data));
        } finally {
            if (first != null && first.process().isAlive()) {
                first.process().destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
            if (second != null) {
                second.close();   // also removes the directory
            } else if (first != null) {
                first.close();
            }
        }
    }

    /** An image of three layers of 24 MB of incompressible data each. */
    private static Path bigImage(Path dir, String name) throws Exception {
        Path work = Files.createDirectories(dir.resolve("big"));
        Random random = new Random(42);
        byte[] block = new byte[1 << 20];
        List<Path> trees = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Path tree = Files.createDirectories(work.resolve("tree" + i));
            try (OutputStream out = Files.newOutputStream(tree.resolve("data" + i + ".bin"))) {
                for (int mb = 0; mb < 24; mb++) {
                    random.nextBytes(block);
                    out.write(block);
                }
            }
            trees.add(tree);
        }
        return MultiLayerArchive.write(work, trees, name, dir.resolve("big.tar"));
    }

    private static boolean inProgress(Path imageRoot) {
        return !list(imageRoot.resolve("tmp")).isEmpty()
                || list(imageRoot.resolve("layers/sha256")).stream().anyMatch(p -> p.getFileName().toString().startsWith(".tmp-"));
    }

    /** What an interrupted write may leave: temp files, staging directories, layers without their record. */
    private static List<String> leftovers(Path imageRoot) {
        List<String> out = new ArrayList<>();
        for (Path p : list(imageRoot.resolve("tmp"))) {
            out.add(p.toString());
        }
        for (Path p : list(imageRoot.resolve("layers/sha256"))) {
            if (p.getFileName().toString().startsWith(".") || !Files.exists(p.resolve("layer.json"))) {
                out.add(p.toString());
            }
        }
        for (Path p : list(imageRoot.resolve("layers/refs"))) {
            if (p.getFileName().toString().startsWith("stage-")) {
                out.add(p.toString());
            }
        }
        return out;
    }

    private static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        } catch (java.io.IOException e) {
            return List.of();
        }
    }

    private static String run(WharfDaemon d, String... args) throws Exception {
        WharfDaemon.Result r = d.docker(args);
        assertEquals(0, r.exitCode(), "docker " + String.join(" ", args) + "\n" + r.all() + "\n" + d.log());
        return r.stdout();
    }

    private static Process cli(WharfDaemon d, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(WharfDaemon.DOCKER.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("DOCKER_HOST", "unix://" + d.socket());
        pb.environment().put("DOCKER_CONFIG", d.dir().resolve("docker-config").toString());
        return pb.start();
    }

}
