package io.wharf.itests.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wharf.itests.BusyboxImage;
import io.wharf.itests.UnixHttp;
import io.wharf.itests.WharfDaemon;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Requests as docker-java and Testcontainers send them: image names with their slashes and colons percent-encoded
 * in the path reach the routes decoded once; a malformed escape is a JSON 400; the engine version is one that
 * clients comparing Docker versions accept.
 */
@Timeout(300)
class ClientPathsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static WharfDaemon daemon;

    @BeforeAll
    static void start() throws Exception {
        daemon = WharfDaemon.startIn(Files.createTempDirectory("wharf-clients-e2e"));
        BusyboxImage.load(daemon, "acme/tools/bb:1");
    }

    @AfterAll
    static void stop() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void encodedSlashesAndColonsNameTheImage() throws Exception {
        UnixHttp.Response r = UnixHttp.get(daemon.socket(), "/v1.47/images/acme%2Ftools%2Fbb%3A1/json");
        assertEquals(200, r.status(), r.body());
        assertTrue(JSON.readTree(r.body()).path("RepoTags").toString().contains("acme/tools/bb:1"), r.body());

        UnixHttp.Response tag = UnixHttp.request(daemon.socket(), "POST",
                "/v1.47/images/acme%2Ftools%2Fbb:1/tag?repo=acme%2Fcopy&tag=2", "");
        assertEquals(201, tag.status(), tag.body());
        assertTrue(daemon.ok("images", "--format", "{{.Repository}}:{{.Tag}}").contains("acme/copy:2"));

        UnixHttp.Response missing = UnixHttp.get(daemon.socket(), "/v1.47/images/library%2Fnothing/json");
        assertEquals(404, missing.status(), missing.body());
        assertTrue(JSON.readTree(missing.body()).path("message").asText().contains("library/nothing"),
                missing.body());
    }

    @Test
    void aMalformedEscapeIsAJsonBadRequest() throws Exception {
        UnixHttp.Response r = UnixHttp.get(daemon.socket(), "/v1.47/images/a%zz/json");
        assertEquals(400, r.status(), r.body());
        assertTrue(!JSON.readTree(r.body()).path("message").asText().isEmpty(), r.body());
    }

    @Test
    void theVersionComparesAsADockerEngine() throws Exception {
        JsonNode v = JSON.readTree(UnixHttp.get(daemon.socket(), "/version").body());
        String[] parts = v.path("Version").asText().split("\\.");
        assertTrue(Integer.parseInt(parts[0]) >= 20, v.toString());
        assertEquals(v.path("Version").asText(),
                JSON.readTree(UnixHttp.get(daemon.socket(), "/info").body()).path("ServerVersion").asText());
        boolean wharf = false;
        for (JsonNode c : v.path("Components")) {
            wharf |= c.path("Name").asText().equals("Wharf") && !c.path("Version").asText().isEmpty();
        }
        assertTrue(wharf, "Wharf's own version among the components: " + v);
    }
}
