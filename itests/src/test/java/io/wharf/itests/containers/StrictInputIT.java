package io.wharf.itests.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.wharf.itests.BusyboxImage;
import io.wharf.itests.UnixHttp;
import io.wharf.itests.WharfDaemon;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Create bodies with values of the wrong JSON type, sent raw over the daemon's socket as a careless client would:
 * each is a 400 naming the field and creates nothing; {@code docker run} with the real CLI still works.
 */
@Timeout(300)
class StrictInputIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static WharfDaemon daemon;

    @BeforeAll
    static void start() throws Exception {
        daemon = WharfDaemon.startIn(Files.createTempDirectory("wharf-strict-e2e"));
        BusyboxImage.load(daemon, "busybox:latest");
    }

    @AfterAll
    static void stop() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
    }

    @AfterEach
    void removeContainers() throws Exception {
        for (String id : WharfDaemon.lines(daemon.ok("ps", "-aq"))) {
            daemon.ok("rm", "-f", id);
        }
    }

    private static void refused(String body, String... expected) throws Exception {
        Path socket = daemon.socket();
        UnixHttp.Response r = UnixHttp.request(socket, "POST", "/v1.43/containers/create?name=strict", body);
        assertEquals(400, r.status(), r.body());
        String message = JSON.readTree(r.body()).path("message").asText();
        for (String e : expected) {
            assertTrue(message.contains(e), message);
        }
        assertEquals("", daemon.ok("ps", "-aq").trim(), "nothing is created");
    }

    @Test
    void cmdAsNumber() throws Exception {
        refused("{\"Image\":\"busybox\",\"Cmd\":5}", "cannot unmarshal number", "ContainerConfig.Cmd");
    }

    @Test
    void envWithANumber() throws Exception {
        refused("{\"Image\":\"busybox\",\"Env\":[5]}", "cannot unmarshal number", "Env");
    }

    @Test
    void imageAsNumber() throws Exception {
        refused("{\"Image\":5}", "cannot unmarshal number", "Image");
    }

    @Test
    void hostPortThatIsNoPort() throws Exception {
        refused("{\"Image\":\"busybox\",\"HostConfig\":{\"PortBindings\":{\"80/tcp\":[{\"HostPort\":\"notaport\"}]}}}",
                "notaport");
    }

    @Test
    void dockerRunStillWorks() throws Exception {
        assertEquals("hi", daemon.ok("run", "--rm", "-e", "A=1", "-p", "127.0.0.1::80", "busybox", "echo", "hi").trim());
    }
}
