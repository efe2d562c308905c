package io.wharf.network.host.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.linux.Mounts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NamespaceFilesTest {
    @TempDir
    Path execRoot;

    private NamespaceFiles namespaces;

    @AfterEach
    void unmountDirectory() throws Exception {
        if (namespaces != null) {
            namespaces.remove("c1");
        }
        // the directory became a mount of itself; the temp dir cannot be removed while it is one
        try {
            Mounts.umount2(execRoot.resolve("netns"), Mounts.MNT_DETACH);
        } catch (Exception e) {
            // never mounted
        }
    }

    @Test
    void createsANamespaceWithLoopbackUpThatOutlivesTheThread() throws Exception {
        namespaces = new NamespaceFiles(execRoot.resolve("netns"));
        Path file = namespaces.create("c1");
        assertEquals(execRoot.resolve("netns/c1"), file);

        String links = run("nsenter", "--net=" + file, "ip", "-o", "link");
        assertTrue(links.contains("lo:") && links.contains("UP"), links);
        assertEquals(1, links.strip().lines().count(), "only loopback: " + links);
        assertFalse(sameAsHost(file), "a namespace of its own");

        assertEquals(file, namespaces.create("c1"), "creating again keeps the namespace");
        namespaces.remove("c1");
        assertFalse(Files.exists(file));
        namespaces.remove("c1");
    }

    @Test
    void noneDriverNeedsNothingBeyondTheNamespace() {
        NoneDriver none = new NoneDriver();
        none.createNetwork(null);
        assertEquals(0, none.programExternalConnectivity("n", "e", java.util.List.of()).size());
    }

    private static boolean sameAsHost(Path file) throws IOException {
        Object host = Files.getAttribute(Path.of("/proc/self/ns/net"), "unix:ino");
        Object ns = Files.getAttribute(file, "unix:ino");
        return host.equals(ns);
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), new String(out, StandardCharsets.UTF_8));
        return new String(out, StandardCharsets.UTF_8);
    }
}
