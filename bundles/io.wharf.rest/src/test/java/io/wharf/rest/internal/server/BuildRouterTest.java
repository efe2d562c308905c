package io.wharf.rest.internal.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wharf.api.build.BuildOptions;
import io.wharf.api.build.BuildService;
import io.wharf.api.build.StepFailedException;
import io.wharf.api.common.Filters;
import io.wharf.api.common.ProgressListener;
import io.wharf.api.common.ProgressMessage;
import io.wharf.api.common.PruneReport;
import io.wharf.rest.internal.router.build.BuildRouter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /build} over HTTP on a Unix socket, against a build service that records what it was given. */
@Timeout(30)
class BuildRouterTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    Path socket;
    ApiServer server;
    final RecordingBuilds builds = new RecordingBuilds();

    /** Reads the context, records the options, and answers as a build does, or fails as a step does. */
    static final class RecordingBuilds implements BuildService {
        BuildOptions options;
        byte[] context;
        int failWith;

        @Override
        public String build(InputStream in, BuildOptions o, ProgressListener output) {
            options = o;
            try {
                context = in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            output.progress(ProgressMessage.stream("Step 1/1 : FROM busybox\n"));
            if (failWith != 0) {
                throw new StepFailedException("The command '/bin/sh -c exit " + failWith
                        + "' returned a non-zero code: " + failWith, failWith);
            }
            output.progress(ProgressMessage.aux(Map.of("ID", "sha256:abc")));
            output.progress(ProgressMessage.stream("Successfully built abc\n"));
            return "sha256:abc";
        }

        @Override
        public PruneReport prune(boolean all, Filters filters) {
            return new PruneReport(List.of("sha256:gone"), 7);
        }
    }

    @BeforeEach
    void start() throws Exception {
        socket = dir.resolve("wharf.sock");
        server = new ApiServer(ApiServerTest.settings(List.of("unix://" + socket), false, false, 1 << 20));
        server.bindRouter(new BuildRouter(builds));
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private RawHttp.Response post(String path, byte[] body) throws Exception {
        try (RawHttp c = RawHttp.unix(socket)) {
            return c.exchange("POST", path, "application/x-tar", body);
        }
    }

    private static List<JsonNode> lines(RawHttp.Response r) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String l : r.text().split("\n")) {
            if (!l.isBlank()) {
                out.add(JSON.readTree(l));
            }
        }
        return out;
    }

    private static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void theClisParametersReachTheBuilder() throws Exception {
        String path = "/v1.45/build?t=a:1&t=b&dockerfile=sub%2FDockerfile&buildargs=" + q("{\"A\":\"1\",\"B\":null}")
                + "&labels=" + q("{\"l\":\"v\"}") + "&target=final&nocache=1&pull=1&rm=0&forcerm=1&q=1"
                + "&networkmode=host&extrahosts=h:127.0.0.1&cachefrom=" + q("[\"c:1\"]") + "&shmsize=1024"
                + "&memory=2048&cpushares=512&cpusetcpus=0";
        RawHttp.Response r = post(path, "context-bytes".getBytes(StandardCharsets.UTF_8));
        assertEquals(200, r.status(), r.text());
        BuildOptions o = builds.options;
        assertEquals(List.of("a:1", "b"), o.tags());
        assertEquals("sub/Dockerfile", o.dockerfile());
        assertEquals("1", o.buildArgs().get("A"));
        assertTrue(o.buildArgs().containsKey("B"));
        assertEquals(null, o.buildArgs().get("B"));
        assertEquals(Map.of("l", "v"), o.labels());
        assertEquals("final", o.target());
        assertTrue(o.noCache() && o.pull() && o.forceRemove() && o.quiet());
        assertFalse(o.remove());
        assertEquals("host", o.networkMode());
        assertEquals(List.of("h:127.0.0.1"), o.extraHosts());
        assertEquals(List.of("c:1"), o.cacheFrom());
        assertEquals(1024, o.shmSize());
        assertEquals(2048, o.memory());
        assertEquals(512, o.cpuShares());
        assertEquals("0", o.cpusetCpus());
        assertEquals("context-bytes", new String(builds.context, StandardCharsets.UTF_8));
        List<JsonNode> l = lines(r);
        assertEquals("Step 1/1 : FROM busybox\n", l.get(0).path("stream").asText());
        assertEquals("sha256:abc", l.get(1).path("aux").path("ID").asText());
    }

    @Test
    void aFailedStepEndsTheStreamWithItsCode() throws Exception {
        builds.failWith = 3;
        RawHttp.Response r = post("/build", new byte[0]);
        assertEquals(200, r.status());
        List<JsonNode> l = lines(r);
        JsonNode last = l.get(l.size() - 1);
        assertEquals("The command '/bin/sh -c exit 3' returned a non-zero code: 3", last.path("error").asText());
        assertEquals(3, last.path("errorDetail").path("code").asInt());
    }

    @Test
    void registryConfigCarriesCredentialsPerRegistry() throws Exception {
        String config = Base64.getUrlEncoder().encodeToString(
                "{\"localhost:5000\":{\"username\":\"u\",\"password\":\"p\"}}".getBytes(StandardCharsets.UTF_8));
        Map<String, io.wharf.api.registry.Credentials> auth = BuildRouter.registryConfig(config);
        assertEquals("u", auth.get("localhost:5000").username());
        assertEquals("p", auth.get("localhost:5000").password());
        assertTrue(BuildRouter.registryConfig(null).isEmpty());
    }

    @Test
    void pruneReportsTheCachesDeleted() throws Exception {
        RawHttp.Response r = post("/v1.45/build/prune?all=1", new byte[0]);
        assertEquals(200, r.status(), r.text());
        JsonNode j = JSON.readTree(r.body());
        assertEquals("sha256:gone", j.path("CachesDeleted").get(0).asText());
        assertEquals(7, j.path("SpaceReclaimed").asLong());
    }
}
