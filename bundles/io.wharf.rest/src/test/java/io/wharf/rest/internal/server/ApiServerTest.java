package io.wharf.rest.internal.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wharf.api.events.Event;
import io.wharf.rest.internal.router.Router;
import io.wharf.rest.internal.router.events.EventsRouter;
import io.wharf.rest.internal.router.system.SystemRouter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class ApiServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    Path socket;
    ApiServer server;
    SystemRouter systemRouter;
    final Fakes.System system = new Fakes.System();
    final Fakes.Events events = new Fakes.Events();

    /** Endpoints that exist only to exercise the shared machinery. */
    static final class TestRouter implements Router {
        @Override
        public void routes(io.wharf.rest.internal.router.Routes r) {
            r.post("/test/echo", (req, res) -> res.json(req.json(Map.class)))
                    .get("/test/boom", (req, res) -> {
                        throw new IllegalStateException("boom");
                    })
                    .get("/test/images/{name:.*}/json", (req, res) -> res.json(Map.of("name", req.param("name"),
                            "version", req.version().toString())))
                    .get("/test/flags", (req, res) -> res.json(Map.of("a", req.bool("a"), "b", req.bool("b"),
                            "c", req.bool("c", true), "filters", req.filters().asMap())));
        }
    }

    @BeforeEach
    void start() throws Exception {
        socket = dir.resolve("run/wharf.sock");
        server = new ApiServer(settings(List.of("unix://" + socket), false, false, 1024));
        server.bindSystemService(system);
        systemRouter = new SystemRouter(system);
        server.bindRouter(systemRouter);
        server.bindRouter(new EventsRouter(events));
        server.bindRouter(new TestRouter());
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    static ServerSettings settings(List<String> hosts, boolean insecureTcp, boolean tlsVerify, long maxBody) {
        return new ServerSettings(hosts, "docker", false, tlsVerify, null, null, null, insecureTcp, false,
                maxBody);
    }

    @Test
    void pingAnswersOkWithDockerHeaders() throws Exception {
        try (RawHttp c = RawHttp.unix(socket)) {
            RawHttp.Response r = c.get("/_ping");
            assertEquals(200, r.status());
            assertEquals("OK", r.text());
            assertEquals("text/plain; charset=utf-8", r.header("Content-Type"));
            assertEquals("1.47", r.header("Api-Version"));
            assertEquals("linux", r.header("Ostype"));
            assertEquals("false", r.header("Docker-Experimental"));
            assertEquals("1", r.header("Builder-Version"));
            assertEquals("no-cache, no-store, must-revalidate", r.header("Cache-Control"));
            assertEquals("no-cache", r.header("Pragma"));
            assertEquals("Docker/0.1.0 (linux)", r.header("Server"));

            RawHttp.Response head = c.exchange("HEAD", "/_ping", null, null);
            assertEquals(200, head.status());
            assertEquals("1.47", head.header("Api-Version"));
            assertEquals(0, head.body().length);

            // the same connection keeps serving after a HEAD
            assertEquals("OK", c.get("/v1.47/_ping").text());
        }
    }

    @Test
    void everyResponseCarriesTheServerHeaders() throws Exception {
        try (RawHttp c = RawHttp.unix(socket)) {
            RawHttp.Response r = c.get("/nope");
            assertEquals("Docker/0.1.0 (linux)", r.header("Server"));
            assertEquals("1.47", r.header("Api-Version"));
            assertEquals("linux", r.header("Ostype"));
        }
    }

    @Test
    void pingIsUnavailableWithoutTheSystemService() throws Exception {
        server.unbindSystemService(system);
        server.unbindRouter(systemRouter);
        server.bindRouter(new SystemRouter());   // as DS leaves it while no SystemService is registered
        try (RawHttp c = RawHttp.unix(socket)) {
            RawHttp.Response r = c.get("/_ping");
            assertEquals(503, r.status());
            assertTrue(message(r).contains("not ready"), r.text());
        }
    }

    @Test
    void versionPrefixIsAcceptedWithinRangeAndRefusedOutside() throws Exception {
        try (RawHttp c = RawHttp.unix(socket)) {
            assertEquals(200, c.get("/v1.24/_ping").status());
            assertEquals(200, c.get("/v1.47/_ping").status());
            RawHttp.Response tooNew = c.get("/v1.99/_ping");
            assertEquals(400, tooNew.status());
            assertEquals("client version 1.99 is too new. Maximum supported API version is 1.47", message(tooNew));
            RawHttp.Response tooOld = c.get("/v1.12/version");
            assertEquals(400, tooOld.status());
            assertEquals("client version 1.12 is too old. Minimum supported API version is 1.24, please upgrade "
                    + "your client to a newer version", message(tooOld));
            JsonNode v = JSON.readTree(c.get("/v1.30/test/images/library/busybox:latest/json").body());
            assertEquals("library/busybox:latest", v.get("name").asText());
            assertEquals("1.30", v.get("version").asText());
            JsonNode unversioned = JSON.readTree(c.get("/test/images/busybox/json").body());
            assertEquals("1.47", unversioned.get("version").asText());
        }
    }

    @Test
    void unknownRouteIsPageNotFound() throws Exception {
        try (RawHttp c = RawHttp.unix(socket)) {
            RawHttp.Response r = c.get("/v1.47/no/such/thing");
            assertEquals(404, r.status());
            assertEquals("application/json", r.header("Content-Type"));
            assertEquals("page not found", message(r));
            assertEquals(404, c.exchange("DELETE", "/_ping", null, null).status());
        }
    }

    @Test
    void malformedJsonIsBadRequestAndGoodJsonRoundTrips() throws Exception {
        try (RawHttp c = RawHttp.unix(socket)) {
            RawHttp.Response bad = c.exchange("POST", "/test/echo", "application/json", bytes("{\"a\": "));
            assertEquals(400, bad.status());
            assertTrue(message(bad).startsWith("invalid JSON"), bad.text());
            RawHttp.Response wrongType = c.exchange("POST", "/test/echo", "text/plain", bytes("{}"));
            assertEquals(400, wrongType.status());
            assertEquals("unsupported Content-Type header (text/plain): must be 'application/json'",
                    message(wrongType));
            RawHttp.Response good = c.exchange("POST", "/test/echo", "application/json", bytes("{\"a\":[1,2]}"));
            assertEquals(200, good.status());
            assertEquals("{\"a\":[1,2]}", good.text());
        }
    }

    @Test
    void oversizedBodyIsPayloadTooLarge() throws Exception {
        byte[] big = ("{\"a\":\"" + "x".repeat(2000) + "\"}").getBytes(StandardCharsets.UTF_8);
        try (RawHttp c = RawHttp.unix(socket)) {
            RawHttp.Response r = c.exchange("POST", "/test/echo", "application/json", big);
            assertEquals(413, r.status());
            assertTrue(message(r).contains("1024"), r.text());
        }
        try (RawHttp c = RawHttp.unix(socket)) {
            assertEquals(200, c.get("/_ping").status());
        }
    }

    @Test
    void failingHandlerIsInternalErrorAndTheServerKeepsServing() throws Exception {
        try (RawHttp c = RawHttp.unix(socket)) {
            RawHttp.Response r = c.get("/test/boom");
            assertEquals(500, r.status());
            assertEquals("boom", message(r));
            assertEquals("OK", c.get("/_ping").text());
        }
    }

    @Test
    void queryBooleansAndFiltersFollowDockerdRules() throws Exception {
        try (RawHttp c = RawHttp.unix(socket)) {
            String filters = java.net.URLEncoder.encode("{\"label\":{\"a=b\":true},\"name\":[\"x\",\"y\"]}",
                    StandardCharsets.UTF_8);
            JsonNode r = JSON.readTree(c.get("/test/flags?a=True&b=0&filters=" + filters).body());
            assertTrue(r.get("a").asBoolean());
            assertFalse(r.get("b").asBoolean());
            assertTrue(r.get("c").asBoolean());
            assertEquals("a=b", r.get("filters").get("label").get(0).asText());
            assertEquals(2, r.get("filters").get("name").size());
            RawHttp.Response bad = c.get("/test/flags?filters=" + java.net.URLEncoder.encode("[1]",
                    StandardCharsets.UTF_8));
            assertEquals(400, bad.status());
        }
    }

    @Test
    void versionAndInfoHaveDockersShape() throws Exception {
        try (RawHttp c = RawHttp.unix(socket)) {
            JsonNode v = JSON.readTree(c.get("/version").body());
            assertEquals("0.1.0", v.get("Version").asText());
            assertEquals("1.47", v.get("ApiVersion").asText());
            assertEquals("1.24", v.get("MinAPIVersion").asText());
            assertEquals("Wharf Engine", v.get("Platform").get("Name").asText());
            assertEquals("Engine", v.get("Components").get(0).get("Name").asText());
            assertEquals("linux", v.get("Os").asText());

            JsonNode i = JSON.readTree(c.get("/v1.47/info").body());
            assertEquals(3, i.get("Containers").asInt());
            assertEquals(1, i.get("ContainersRunning").asInt());
            assertEquals("overlay2", i.get("Driver").asText());
            assertEquals("Backing Filesystem", i.get("DriverStatus").get(0).get(0).asText());
            assertEquals("inactive", i.get("Swarm").get("LocalNodeState").asText());
            assertEquals("bridge", i.get("Plugins").get("Network").get(0).asText());
            assertEquals("runc", i.get("Runtimes").get("runc").get("path").asText());
            assertEquals("cgroupfs", i.get("CgroupDriver").asText());
            assertEquals("1", i.get("CgroupVersion").asText());
            assertTrue(i.get("RegistryConfig").get("IndexConfigs").has("docker.io"));
            assertEquals("name=seccomp,profile=builtin", i.get("SecurityOptions").get(0).asText());
            assertTrue(i.has("Warnings"));
            assertEquals(2, i.get("NCPU").asInt());
            assertEquals("172.17.0.0/16", i.get("DefaultAddressPools").get(0).get("Base").asText());
            assertEquals(16, i.get("DefaultAddressPools").get(0).get("Size").asInt());
            assertTrue(i.get("BridgeNfIptables").asBoolean());
            assertFalse(i.get("BridgeNfIp6tables").asBoolean());
            assertTrue(i.get("IPv4Forwarding").asBoolean());
        }
    }

    @Test
    void eventsReplayBetweenSinceAndUntilThenTheStreamEnds() throws Exception {
        long base = 1_700_000_000L;
        events.history.add(new Event("container", "start", "c1", Map.of("image", "busybox", "name", "a"), "local",
                base * 1_000_000_000L));
        events.history.add(new Event("image", "pull", "busybox:latest", Map.of(), "local",
                (base + 10) * 1_000_000_000L + 5));
        events.history.add(new Event("network", "create", "n1", Map.of(), "local", (base + 100) * 1_000_000_000L));
        try (RawHttp c = RawHttp.unix(socket)) {
            RawHttp.Response r = c.get("/v1.47/events?since=" + base + "&until=" + (base + 50) + ".5");
            assertEquals(200, r.status());
            assertEquals("application/json", r.header("Content-Type"));
            String[] lines = r.text().split("\n");
            assertEquals(2, lines.length, r.text());
            JsonNode first = JSON.readTree(lines[0]);
            assertEquals("container", first.get("Type").asText());
            assertEquals("start", first.get("Action").asText());
            assertEquals("start", first.get("status").asText());
            assertEquals("c1", first.get("id").asText());
            assertEquals("busybox", first.get("from").asText());
            assertEquals("c1", first.get("Actor").get("ID").asText());
            assertEquals("a", first.get("Actor").get("Attributes").get("name").asText());
            assertEquals("local", first.get("scope").asText());
            assertEquals(base, first.get("time").asLong());
            assertEquals(base * 1_000_000_000L, first.get("timeNano").asLong());
            JsonNode second = JSON.readTree(lines[1]);
            assertEquals("pull", second.get("status").asText());
            assertNull(second.get("from"));
            // RFC 3339 works too, and the connection is still usable after the stream ended
            RawHttp.Response rfc = c.get("/events?since=2023-11-14T22:13:20Z&until=2023-11-14T22:13:25Z");
            assertEquals(1, rfc.text().split("\n").length, rfc.text());
            assertEquals(400, c.get("/events?since=yesterday").status());
            assertEquals(400, c.get("/events?filters=%7B%22bogus%22%3A%5B%22x%22%5D%7D").status());
        }
    }

    @Test
    void liveEventsStreamAndTheSubscriptionClosesWhenTheClientLeaves() throws Exception {
        RawHttp c = RawHttp.unix(socket);
        try {
            c.send("GET", "/events", null, null);
            RawHttp.Response head = c.readHead();
            assertEquals(200, head.status());
            waitFor(() -> events.listenerCount() == 1);
            events.publish(Event.now("volume", "create", "v1", Map.of("driver", "local")));
            byte[] chunk = c.chunk();
            while (chunk.length == 0) {
                chunk = c.chunk();
            }
            JsonNode e = JSON.readTree(chunk);
            assertEquals("volume", e.get("Type").asText());
            assertEquals("v1", e.get("Actor").get("ID").asText());
        } finally {
            c.close();
        }
        // a client that goes away ends its subscription, at the latest at the next event
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (events.listenerCount() > 0 && System.nanoTime() < deadline) {
            events.publish(Event.now("volume", "create", "v2", Map.of()));
            Thread.sleep(50);
        }
        assertEquals(0, events.listenerCount());
    }

    @Test
    void socketIsGroupReadableOnlyAndAStaleSocketIsReplaced() throws Exception {
        PosixFileAttributes a = Files.readAttributes(socket, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        assertEquals("rw-rw----", PosixFilePermissions.toString(a.permissions()));
        if (dockerGroupExists()) {
            assertEquals("docker", a.group().getName());
        }
        server.stop();
        assertFalse(Files.exists(socket), "deactivation removes the socket");

        Files.writeString(socket, "left over");
        server = new ApiServer(settings(List.of("unix://" + socket), false, false, 1024));
        server.bindSystemService(system);
        server.bindRouter(new SystemRouter(system));
        try (RawHttp c = RawHttp.unix(socket)) {
            assertEquals("OK", c.get("/_ping").text());
        }
    }

    @Test
    void reconfigurationMovesTheSocket() throws Exception {
        Path other = dir.resolve("other.sock");
        server.restart(settings(List.of("unix://" + other), false, false, 1024));
        assertFalse(Files.exists(socket));
        try (RawHttp c = RawHttp.unix(other)) {
            assertEquals("OK", c.get("/_ping").text());
        }
    }

    private static boolean dockerGroupExists() {
        try {
            Path.of("/").getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName("docker");
            return true;
        } catch (UserPrincipalNotFoundException e) {
            return false;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(20);
        }
    }

    static String message(RawHttp.Response r) throws Exception {
        return JSON.readTree(r.body()).get("message").asText();
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static List<String> list(String... s) {
        return new ArrayList<>(List.of(s));
    }
}
