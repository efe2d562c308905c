package io.wharf.itests.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wharf.itests.BusyboxImage;
import io.wharf.itests.WharfDaemon;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A daemon whose {@code PATH} has every host tool but iptables and ip6tables (the host keeps its packages):
 * {@code docker info} warns of each, containers still run on the default bridge, and {@code -p} is refused with
 * a message naming the missing tool instead of being accepted without effect.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class MissingIptablesIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> PATH_DIRS = List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin",
            "/usr/bin", "/sbin", "/bin");

    private static Path dir;
    private static WharfDaemon daemon;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("wharf-no-iptables-e2e");
        Path bin = pathWithout(Files.createDirectories(dir.resolve("bin")), "iptables", "ip6tables");
        daemon = WharfDaemon.startIn(dir, Map.of("PATH", bin.toString()));
        Path archive = dir.resolve("busybox.tar");
        BusyboxImage.saveArchive(dir, "busybox:latest", archive);
        daemon.ok("load", "-i", archive.toString());
    }

    @AfterAll
    static void stop() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
    }

    /** A directory of links to every program on the usual PATH except those whose names start so. */
    private static Path pathWithout(Path bin, String... prefixes) throws IOException {
        for (String d : PATH_DIRS) {
            Path src = Path.of(d);
            if (!Files.isDirectory(src)) {
                continue;
            }
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(src)) {
                for (Path p : ds) {
                    String name = p.getFileName().toString();
                    boolean excluded = false;
                    for (String prefix : prefixes) {
                        excluded |= name.startsWith(prefix);
                    }
                    if (!excluded && !Files.exists(bin.resolve(name), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                        Files.createSymbolicLink(bin.resolve(name), p);
                    }
                }
            }
        }
        return bin;
    }

    @Test
    void infoWarnsOfEachMissingTool() throws Exception {
        JsonNode warnings = JSON.readTree(daemon.ok("info", "--format", "{{json .Warnings}}"));
        String all = warnings.toString();
        assertTrue(all.contains("WARNING: iptables is not available"), all);
        assertTrue(all.contains("WARNING: ip6tables is not available"), all);
    }

    @Test
    void containersRunButPublishingIsRefused() throws Exception {
        assertEquals("up\n", daemon.ok("run", "--rm", "busybox", "echo", "up"));
        WharfDaemon.Result r = daemon.fails("run", "-d", "--name", "published", "-p", "127.0.0.1:18080:80",
                "busybox", "sleep", "60");
        try {
            assertTrue(r.stderr().contains("cannot publish ports: iptables is not available"), r.all());
            assertTrue(daemon.ok("ps", "-q", "--filter", "name=published").isBlank(), "nothing runs unpublished");
        } finally {
            daemon.docker("rm", "-f", "published");
        }
    }
}
