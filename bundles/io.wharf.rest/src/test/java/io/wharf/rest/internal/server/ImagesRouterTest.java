package io.wharf.rest.internal.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wharf.api.common.Filters;
import io.wharf.api.common.ProgressListener;
import io.wharf.api.common.ProgressMessage;
import io.wharf.api.common.PruneReport;
import io.wharf.api.errors.NotFoundException;
import io.wharf.api.errors.UnauthorizedException;
import io.wharf.api.image.DeleteResult;
import io.wharf.api.image.HistoryEntry;
import io.wharf.api.image.ImageDetails;
import io.wharf.api.image.ImageListOptions;
import io.wharf.api.image.ImageService;
import io.wharf.api.image.ImageSummary;
import io.wharf.api.image.ImportOptions;
import io.wharf.api.registry.Credentials;
import io.wharf.api.registry.LoginResult;
import io.wharf.api.registry.Platform;
import io.wharf.rest.internal.router.images.ImagesRouter;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The image routes over HTTP on a Unix socket, against a small scripted image service. */
@Timeout(30)
class ImagesRouterTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    Path socket;
    ApiServer server;
    final ScriptedImages images = new ScriptedImages();

    /** Knows one image, busybox; records what the router passed on. */
    static final class ScriptedImages implements ImageService {
        final List<String> calls = new ArrayList<>();
        Credentials lastCredentials;

        private void known(String name) {
            if (!name.equals("busybox") && !name.equals("localhost:5000/a/b:1")) {
                throw new NotFoundException("No such image: " + name);
            }
        }

        @Override
        public List<ImageSummary> list(ImageListOptions options) {
            calls.add("list all=" + options.all() + " " + options.filters().get("dangling"));
            return List.of(new ImageSummary("sha256:abc", "", List.of("busybox:latest"), List.of(), 7, 42, -1,
                    Map.of(), -1));
        }

        @Override
        public ImageDetails inspect(String name) {
            known(name);
            calls.add("inspect " + name);
            return new ImageDetails("sha256:abc", List.of(name), List.of(), "", "", "2024-01-01T00:00:00Z", "", "",
                    null, "amd64", "", "linux", "", 42, "vfs", Map.of(), List.of("sha256:d1"), "");
        }

        @Override
        public List<HistoryEntry> history(String name) {
            known(name);
            return List.of(new HistoryEntry("sha256:abc", 7, "sh", List.of("busybox:latest"), 42, ""));
        }

        @Override
        public void tag(String name, String repo, String tag) {
            known(name);
            calls.add("tag " + name + " " + repo + " " + tag);
        }

        @Override
        public List<DeleteResult> remove(String name, boolean force, boolean noPrune) {
            known(name);
            return List.of(new DeleteResult("busybox:latest", null), new DeleteResult(null, "sha256:abc"));
        }

        @Override
        public PruneReport prune(Filters filters) {
            return new PruneReport(List.of("sha256:abc"), 42);
        }

        @Override
        public void pull(String reference, Platform platform, Credentials credentials, ProgressListener progress) {
            lastCredentials = credentials;
            calls.add("pull " + reference + " " + platform);
            if (reference.startsWith("private")) {
                throw new UnauthorizedException("unauthorized: authentication required");
            }
            progress.progress(ProgressMessage.status("latest", "Pulling from library/busybox"));
            progress.progress(ProgressMessage.progress("d1", "Downloading", 50, 100));
            if (reference.startsWith("broken")) {
                throw new io.wharf.api.errors.WharfException("filesystem layer verification failed");
            }
            progress.progress(ProgressMessage.status(null, "Status: Downloaded newer image for busybox:latest"));
        }

        @Override
        public void push(String name, String tag, Credentials credentials, ProgressListener progress) {
            progress.progress(ProgressMessage.status(null, "The push refers to repository [" + name + "]"));
        }

        @Override
        public String importImage(InputStream tar, ImportOptions options, ProgressListener progress) {
            calls.add("import " + options.repo() + " " + options.tag() + " " + options.changes());
            progress.progress(ProgressMessage.status(null, "sha256:abc"));
            return "sha256:abc";
        }

        @Override
        public void load(InputStream tar, boolean quiet, ProgressListener progress) {
            progress.progress(ProgressMessage.stream("Loaded image: busybox:latest\n"));
        }

        @Override
        public void save(List<String> names, OutputStream out) {
            names.forEach(this::known);
            try {
                out.write(("tar of " + String.join(",", names)).getBytes(StandardCharsets.UTF_8));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public DistributionInfo distribution(String reference, Credentials credentials) {
            return new DistributionInfo(new io.wharf.api.registry.Descriptor("m", "sha256:abc", 5),
                    List.of(Platform.LINUX_AMD64));
        }
    }

    @BeforeEach
    void start() throws Exception {
        socket = dir.resolve("wharf.sock");
        server = new ApiServer(ApiServerTest.settings(List.of("unix://" + socket), false, false, 1 << 20));
        server.bindRouter(new ImagesRouter(images, c -> {
            if (!c.password().equals("right")) {
                throw new UnauthorizedException("login attempt to http://localhost:5000/v2/ failed with status: 401 Unauthorized");
            }
            return new LoginResult(LoginResult.SUCCEEDED, "");
        }));
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

    private static List<JsonNode> lines(RawHttp.Response r) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String l : r.text().split("\n")) {
            if (!l.isBlank()) {
                out.add(JSON.readTree(l));
            }
        }
        return out;
    }

    @Test
    void namesWithSlashesAndColonsReachTheService() throws Exception {
        RawHttp.Response r = call("GET", "/v1.45/images/localhost:5000/a/b:1/json", null);
        assertEquals(200, r.status(), r.text());
        JsonNode d = JSON.readTree(r.body());
        assertEquals("sha256:abc", d.get("Id").asText());
        assertEquals("vfs", d.get("GraphDriver").get("Name").asText());
        assertEquals("layers", d.get("RootFS").get("Type").asText());
        assertEquals(201, call("POST", "/images/localhost:5000/a/b:1/tag?repo=x/y&tag=2", null).status());
        assertTrue(images.calls.contains("tag localhost:5000/a/b:1 x/y 2"), images.calls.toString());
    }

    @Test
    void unknownImageIs404WithDockerdsMessage() throws Exception {
        RawHttp.Response r = call("GET", "/images/nothere/json", null);
        assertEquals(404, r.status());
        assertEquals("No such image: nothere", JSON.readTree(r.body()).get("message").asText());
        assertEquals(404, call("DELETE", "/images/nothere", null).status());
        assertEquals(404, call("GET", "/images/nothere/get", null).status());
    }

    @Test
    void listRemoveAndPruneUseDockersFieldNames() throws Exception {
        JsonNode list = JSON.readTree(call("GET", "/images/json?all=1&filters=%7B%22dangling%22%3A%5B%22true%22%5D%7D",
                null).body());
        assertEquals("busybox:latest", list.get(0).get("RepoTags").get(0).asText());
        assertEquals(42, list.get(0).get("Size").asLong());
        assertTrue(images.calls.contains("list all=true [true]"), images.calls.toString());
        JsonNode removed = JSON.readTree(call("DELETE", "/images/busybox?force=1", null).body());
        assertEquals("busybox:latest", removed.get(0).get("Untagged").asText());
        assertEquals("sha256:abc", removed.get(1).get("Deleted").asText());
        JsonNode prune = JSON.readTree(call("POST", "/images/prune", null).body());
        assertEquals("sha256:abc", prune.get("ImagesDeleted").get(0).get("Deleted").asText());
        assertEquals(42, prune.get("SpaceReclaimed").asLong());
    }

    @Test
    void pullStreamsProgressAndEndsWithTheErrorOnceStarted() throws Exception {
        RawHttp.Response ok;
        try (RawHttp c = RawHttp.unix(socket)) {
            c.send("POST", "/images/create?fromImage=busybox&tag=latest&platform=linux/amd64", null, null);
            ok = c.readHead();
            ok = new RawHttp.Response(ok.status(), ok.headers(), c.readBody("POST", ok));
        }
        assertEquals(200, ok.status());
        List<JsonNode> msgs = lines(ok);
        assertEquals("Pulling from library/busybox", msgs.get(0).get("status").asText());
        assertEquals(50, msgs.get(1).get("progressDetail").get("current").asLong());
        assertEquals(100, msgs.get(1).get("progressDetail").get("total").asLong());
        assertTrue(msgs.get(1).get("progress").asText().startsWith("[========================="), msgs.toString());
        assertEquals("d1", msgs.get(1).get("id").asText());
        assertTrue(images.calls.contains("pull busybox:latest linux/amd64"), images.calls.toString());

        List<JsonNode> broken = lines(call("POST", "/images/create?fromImage=broken", null));
        JsonNode last = broken.get(broken.size() - 1);
        assertEquals("filesystem layer verification failed", last.get("error").asText());
        assertEquals("filesystem layer verification failed", last.get("errorDetail").get("message").asText());

        RawHttp.Response denied = call("POST", "/images/create?fromImage=private/x", null);
        assertEquals(401, denied.status());
        assertEquals("unauthorized: authentication required", JSON.readTree(denied.body()).get("message").asText());
        assertEquals(400, call("POST", "/images/create?fromImage=Bad:Name", null).status());
    }

    @Test
    void importPassesRepoTagAndChanges() throws Exception {
        List<JsonNode> msgs = lines(call("POST", "/images/create?fromSrc=-&repo=imp&tag=1&changes=CMD%20sh&changes=ENV%20A%3Db",
                ""));
        assertEquals("sha256:abc", msgs.get(0).get("status").asText());
        assertTrue(images.calls.contains("import imp 1 [CMD sh, ENV A=b]"), images.calls.toString());
    }

    @Test
    void saveStreamsTheArchiveAndAuthAnswersLoginStatus() throws Exception {
        RawHttp.Response tar = call("GET", "/images/get?names=busybox&names=localhost:5000/a/b:1", null);
        assertEquals(200, tar.status());
        assertEquals("tar of busybox,localhost:5000/a/b:1", tar.text());
        assertEquals("application/x-tar", tar.header("Content-Type"));

        RawHttp.Response ok = call("POST", "/auth", "{\"username\":\"u\",\"password\":\"right\",\"serveraddress\":\"localhost:5000\"}");
        assertEquals(200, ok.status(), ok.text());
        assertEquals("Login Succeeded", JSON.readTree(ok.body()).get("Status").asText());
        RawHttp.Response bad = call("POST", "/auth", "{\"username\":\"u\",\"password\":\"wrong\"}");
        assertEquals(401, bad.status());

        JsonNode dist = JSON.readTree(call("GET", "/distribution/localhost:5000/a/b:1/json", null).body());
        assertEquals("sha256:abc", dist.get("Descriptor").get("digest").asText());
        assertEquals("amd64", dist.get("Platforms").get(0).get("architecture").asText());
    }
}
