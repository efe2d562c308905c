package io.wharf.rest.internal.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wharf.api.common.Filters;
import io.wharf.api.common.PruneReport;
import io.wharf.api.errors.ConflictException;
import io.wharf.api.errors.InvalidArgumentException;
import io.wharf.api.errors.NotFoundException;
import io.wharf.api.volume.VolumeDetails;
import io.wharf.api.volume.VolumeService;
import io.wharf.rest.internal.router.volumes.VolumesRouter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The volume routes over HTTP on a Unix socket, against a small in-memory volume service. */
@Timeout(30)
class VolumesRouterTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    Path socket;
    ApiServer server;
    final MemoryVolumes volumes = new MemoryVolumes();

    /** Keeps volumes in a map; enough of the service's contract to see what the router sends and answers. */
    static final class MemoryVolumes implements VolumeService {
        final Map<String, VolumeDetails> byName = new ConcurrentHashMap<>();
        final List<String> inUse = new ArrayList<>();
        Filters lastFilters;

        @Override
        public VolumeDetails create(String name, String driver, Map<String, String> options, Map<String, String> labels) {
            if (name.contains("/")) {
                throw new InvalidArgumentException("create " + name + ": includes invalid characters");
            }
            if (!driver.isEmpty() && !driver.equals("local")) {
                throw new NotFoundException("create " + name + ": error looking up volume plugin " + driver
                        + ": plugin \"" + driver + "\" not found");
            }
            VolumeDetails v = new VolumeDetails(name, "local", "/data/volumes/" + name + "/_data",
                    "2024-01-02T03:04:05Z", Map.of(), labels, "local", options, -1, -1);
            byName.put(name, v);
            return v;
        }

        @Override
        public VolumeDetails inspect(String name) {
            VolumeDetails v = byName.get(name);
            if (v == null) {
                throw new NotFoundException("get " + name + ": no such volume");
            }
            return v;
        }

        @Override
        public List<VolumeDetails> list(Filters filters) {
            lastFilters = filters;
            return List.copyOf(byName.values());
        }

        @Override
        public void remove(String name, boolean force) {
            inspect(name);
            if (inUse.contains(name) && !force) {
                throw new ConflictException("remove " + name + ": volume is in use - [c1]");
            }
            byName.remove(name);
        }

        @Override
        public PruneReport prune(Filters filters) {
            lastFilters = filters;
            return new PruneReport(List.of("gone"), 42);
        }
    }

    @BeforeEach
    void start() throws Exception {
        socket = dir.resolve("wharf.sock");
        server = new ApiServer(ApiServerTest.settings(List.of("unix://" + socket), false, false, 1 << 20));
        server.bindRouter(new VolumesRouter(volumes));
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private RawHttp.Response call(String method, String path, String body) throws Exception {
        try (RawHttp c = RawHttp.unix(socket)) {
            return c.exchange(method, path, body == null ? null : "application/json",
                    body == null ? null : body.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void createAnswers201WithDockersVolumeFields() throws Exception {
        RawHttp.Response r = call("POST", "/v1.45/volumes/create",
                "{\"Name\":\"v1\",\"Driver\":\"local\",\"DriverOpts\":{\"type\":\"tmpfs\"},\"Labels\":{\"a\":\"b\"}}");
        assertEquals(201, r.status(), r.text());
        JsonNode v = JSON.readTree(r.body());
        assertEquals("v1", v.get("Name").asText());
        assertEquals("local", v.get("Driver").asText());
        assertEquals("/data/volumes/v1/_data", v.get("Mountpoint").asText());
        assertEquals("2024-01-02T03:04:05Z", v.get("CreatedAt").asText());
        assertEquals("b", v.get("Labels").get("a").asText());
        assertEquals("tmpfs", v.get("Options").get("type").asText());
        assertEquals("local", v.get("Scope").asText());
        assertFalse(v.has("Status"), "Status is omitted when empty");
        assertFalse(v.has("UsageData"), "UsageData is only for df");
    }

    @Test
    void createReadsFieldNamesWithoutRegardToCase() throws Exception {
        assertEquals(201, call("POST", "/volumes/create", "{\"name\":\"lower\",\"labels\":{\"x\":\"y\"}}").status());
        assertEquals(Map.of("x", "y"), volumes.byName.get("lower").labels());
    }

    @Test
    void listWrapsVolumesWithWarningsAndPassesFilters() throws Exception {
        volumes.create("v1", "", Map.of(), Map.of());
        RawHttp.Response r = call("GET", "/volumes?filters=%7B%22dangling%22%3A%7B%22true%22%3Atrue%7D%7D", null);
        assertEquals(200, r.status(), r.text());
        JsonNode body = JSON.readTree(r.body());
        assertEquals("v1", body.get("Volumes").get(0).get("Name").asText());
        assertTrue(body.get("Warnings").isArray());
        assertEquals(List.of("true"), List.copyOf(volumes.lastFilters.get("dangling")));
    }

    @Test
    void errorsCarryDockerdsStatusesAndMessages() throws Exception {
        RawHttp.Response missing = call("GET", "/volumes/nope", null);
        assertEquals(404, missing.status());
        assertEquals("get nope: no such volume", JSON.readTree(missing.body()).get("message").asText());

        assertEquals(400, call("POST", "/volumes/create", "{\"Name\":\"a/b\"}").status());
        RawHttp.Response plugin = call("POST", "/volumes/create", "{\"Name\":\"p\",\"Driver\":\"x\"}");
        assertEquals(404, plugin.status());
        assertTrue(plugin.text().contains("plugin \\\"x\\\" not found"), plugin.text());
        assertEquals(400, call("POST", "/volumes/create", "{\"Labels\":[1]}").status());

        volumes.create("busy", "", Map.of(), Map.of());
        volumes.inUse.add("busy");
        RawHttp.Response conflict = call("DELETE", "/volumes/busy", null);
        assertEquals(409, conflict.status());
        assertEquals("remove busy: volume is in use - [c1]", JSON.readTree(conflict.body()).get("message").asText());
        assertEquals(204, call("DELETE", "/volumes/busy?force=1", null).status());
        assertFalse(volumes.byName.containsKey("busy"));
    }

    @Test
    void pruneReportsDeletedVolumesAndOldClientsPruneNamedOnesToo() throws Exception {
        RawHttp.Response r = call("POST", "/v1.47/volumes/prune", null);
        assertEquals(200, r.status(), r.text());
        JsonNode body = JSON.readTree(r.body());
        assertEquals("gone", body.get("VolumesDeleted").get(0).asText());
        assertEquals(42, body.get("SpaceReclaimed").asLong());
        assertFalse(volumes.lastFilters.has("all"));

        assertEquals(200, call("POST", "/v1.41/volumes/prune", null).status());
        assertEquals(List.of("true"), List.copyOf(volumes.lastFilters.get("all")));
    }
}
