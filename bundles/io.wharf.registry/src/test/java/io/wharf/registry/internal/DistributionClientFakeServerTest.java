package io.wharf.registry.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.api.errors.UnauthorizedException;
import io.wharf.api.errors.WharfException;
import io.wharf.api.image.ImageReference;
import io.wharf.api.registry.Credentials;
import io.wharf.api.registry.Descriptor;
import io.wharf.api.registry.LoginResult;
import io.wharf.api.registry.MediaTypes;
import io.wharf.api.registry.Platform;
import io.wharf.api.registry.RegistryConfig;
import io.wharf.api.registry.ResolvedManifest;
import io.wharf.registry.internal.TestImages.Blob;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Behaviours only a fake registry can show: corrupt content, foreign redirects, the bearer token flow. */
class DistributionClientFakeServerTest {
    private FakeServer registry;
    private FakeServer storage;
    private DistributionClient client;

    @BeforeEach
    void start() throws IOException {
        registry = new FakeServer();
        storage = new FakeServer();
        client = new DistributionClient(RegistryConfig.defaults());
        registry.route("GET", "/v2/", e -> FakeServer.send(e, 200, "application/json", "{}"));
    }

    @AfterEach
    void stop() {
        client.close();
        registry.close();
        storage.close();
    }

    private ImageReference ref(String path) {
        return ImageReference.parse(registry.domain() + "/" + path);
    }

    @Test
    void corruptBlobFailsTheFetchAndLeavesNoFile(@TempDir Path dir) throws IOException {
        Blob layer = TestImages.layer("the real content");
        byte[] corrupt = layer.content().clone();
        corrupt[corrupt.length / 2] ^= 0x55;
        registry.route("GET", "/v2/app/blobs/" + layer.descriptor().digest(),
                e -> FakeServer.send(e, 200, "application/octet-stream", corrupt));
        Path target = dir.resolve(layer.descriptor().digest().substring(7));

        WharfException e = assertThrows(WharfException.class,
                () -> client.fetchBlob(ref("app"), layer.descriptor(), Credentials.anonymous(), target, n -> { }));
        assertTrue(e.getMessage().startsWith("filesystem layer verification failed for digest "
                + layer.descriptor().digest()), e.getMessage());
        assertFalse(Files.exists(target));
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count(), "no temporary file is left");
        }
        try (InputStream in = client.openBlob(ref("app"), layer.descriptor(), Credentials.anonymous())) {
            assertThrows(IOException.class, in::readAllBytes);
        }
    }

    @Test
    void truncatedAndOversizedBlobsFail(@TempDir Path dir) {
        Blob layer = TestImages.layer("some content that will be cut short");
        registry.route("GET", "/v2/short/blobs/" + layer.descriptor().digest(), e -> FakeServer.send(e, 200,
                null, Arrays.copyOf(layer.content(), layer.content().length - 3)));
        registry.route("GET", "/v2/long/blobs/" + layer.descriptor().digest(), e -> FakeServer.send(e, 200,
                null, Arrays.copyOf(layer.content(), layer.content().length + 3)));
        Path target = dir.resolve("blob");
        assertThrows(WharfException.class,
                () -> client.fetchBlob(ref("short"), layer.descriptor(), Credentials.anonymous(), target, n -> { }));
        assertThrows(WharfException.class,
                () -> client.fetchBlob(ref("long"), layer.descriptor(), Credentials.anonymous(), target, n -> { }));
        assertFalse(Files.exists(target));
    }

    @Test
    void blobRedirectToStorageIsFollowedWithoutTheRegistrysCredentials(@TempDir Path dir) throws IOException {
        Blob layer = TestImages.layer("stored elsewhere");
        registry.route("GET", "/v2/", e -> {
            e.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"fake\"");
            FakeServer.send(e, 401, "application/json", "{}");
        });
        registry.route("GET", "/v2/app/blobs/" + layer.descriptor().digest(), e -> {
            if (e.getRequestHeaders().getFirst("Authorization") == null) {
                e.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"fake\"");
                FakeServer.send(e, 401, "application/json", "{}");
                return;
            }
            e.getResponseHeaders().set("Location", storage.url("/bucket/object?signature=abc"));
            FakeServer.send(e, 307, null, new byte[0]);
        });
        storage.route("GET", "/bucket/object", e -> FakeServer.send(e, 200, null, layer.content()));
        Path target = dir.resolve("blob");
        client.fetchBlob(ref("app"), layer.descriptor(), Credentials.basic("u", "p"), target, n -> { });
        assertArrayEquals(layer.content(), Files.readAllBytes(target));
        assertEquals(1, storage.requests.size());
        assertNull(storage.requests.get(0).authorization(), "credentials must not reach the storage");
    }

    /** A registry behind a token server, as Docker Hub and most hosted registries are. */
    private final AtomicInteger tokensIssued = new AtomicInteger();

    private void bearerRegistry(FakeServer tokens, Blob config, Blob layer, byte[] manifest) {
        String challenge = "Bearer realm=\"" + tokens.url("/token") + "\",service=\"fake-registry\"";
        registry.route("GET", "/v2/", e -> {
            e.getResponseHeaders().set("WWW-Authenticate", challenge);
            FakeServer.send(e, 401, "application/json",
                    "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}");
        });
        registry.route("GET", "/v2/team/app/manifests/v1", e -> {
            String auth = e.getRequestHeaders().getFirst("Authorization");
            if (auth == null || !auth.startsWith("Bearer token-")) {
                e.getResponseHeaders().set("WWW-Authenticate", challenge + ",scope=\"repository:team/app:pull\"");
                FakeServer.send(e, 401, "application/json",
                        "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}");
                return;
            }
            FakeServer.send(e, 200, MediaTypes.DOCKER_MANIFEST, manifest);
        });
        tokens.route("*", "/token", e -> {
            String auth = e.getRequestHeaders().getFirst("Authorization");
            String expected = "Basic " + Base64.getEncoder().encodeToString("user:pass".getBytes(StandardCharsets.UTF_8));
            String form = e.getRequestMethod().equals("POST") ? null : e.getRequestURI().getRawQuery();
            boolean refreshGrant = e.getRequestMethod().equals("POST");
            if (!refreshGrant && !expected.equals(auth)) {
                FakeServer.send(e, 401, "application/json", "{\"details\":\"incorrect username or password\"}");
                return;
            }
            int n = tokensIssued.incrementAndGet();
            boolean offline = form != null && form.contains("offline_token=true");
            FakeServer.send(e, 200, "application/json", "{\"token\":\"token-" + n + "\",\"expires_in\":300"
                    + (offline ? ",\"refresh_token\":\"refresh-" + n + "\"" : "") + "}");
        });
    }

    @Test
    void bearerTokenIsFetchedForTheScopeAndReused() throws IOException {
        try (FakeServer tokens = new FakeServer()) {
            Blob config = TestImages.config("amd64");
            Blob layer = TestImages.layer("behind a token");
            byte[] manifest = TestImages.manifest(MediaTypes.DOCKER_MANIFEST, config, List.of(layer));
            bearerRegistry(tokens, config, layer, manifest);

            Credentials creds = Credentials.basic("user", "pass");
            ResolvedManifest first = client.resolve(ref("team/app:v1"), Platform.LINUX_AMD64, creds);
            assertEquals(Digests.sha256(manifest), first.digest());
            assertEquals(List.of(layer.descriptor()), first.layers());
            client.resolve(ref("team/app:v1"), Platform.LINUX_AMD64, creds);

            assertEquals(1, tokens.requests.size(), "the token is cached for its scope");
            String query = URLDecoder.decode(tokens.requests.get(0).uri(), StandardCharsets.UTF_8);
            assertTrue(query.contains("service=fake-registry"), query);
            assertTrue(query.contains("scope=repository:team/app:pull"), query);
            assertEquals("Bearer token-1", registry.requests.get(registry.requests.size() - 1).authorization());
        }
    }

    @Test
    void bearerWithWrongPasswordIsUnauthorized() throws IOException {
        try (FakeServer tokens = new FakeServer()) {
            Blob config = TestImages.config("amd64");
            Blob layer = TestImages.layer("behind a token");
            bearerRegistry(tokens, config, layer, TestImages.manifest(MediaTypes.DOCKER_MANIFEST, config,
                    List.of(layer)));
            UnauthorizedException e = assertThrows(UnauthorizedException.class,
                    () -> client.resolve(ref("team/app:v1"), null, Credentials.basic("user", "nope")));
            assertEquals("unauthorized: incorrect username or password", e.getMessage());
            UnauthorizedException login = assertThrows(UnauthorizedException.class,
                    () -> client.login(registry.domain(), Credentials.basic("user", "nope")));
            assertEquals("unauthorized: incorrect username or password", login.getMessage());
        }
    }

    @Test
    void loginThroughATokenServerReturnsTheIdentityToken() throws IOException {
        try (FakeServer tokens = new FakeServer()) {
            Blob config = TestImages.config("amd64");
            Blob layer = TestImages.layer("behind a token");
            byte[] manifest = TestImages.manifest(MediaTypes.DOCKER_MANIFEST, config, List.of(layer));
            bearerRegistry(tokens, config, layer, manifest);
            registry.route("GET", "/v2/", e -> {
                String auth = e.getRequestHeaders().getFirst("Authorization");
                if (auth != null && auth.startsWith("Bearer token-")) {
                    FakeServer.send(e, 200, "application/json", "{}");
                    return;
                }
                e.getResponseHeaders().set("WWW-Authenticate",
                        "Bearer realm=\"" + tokens.url("/token") + "\",service=\"fake-registry\"");
                FakeServer.send(e, 401, "application/json", "{}");
            });
            LoginResult result = client.login(registry.domain(), Credentials.basic("user", "pass"));
            assertEquals(LoginResult.SUCCEEDED, result.status());
            assertEquals("refresh-1", result.identityToken());

            // The identity token alone now gets tokens through the OAuth2 refresh grant.
            Credentials identity = new Credentials("", "", "", "", registry.domain(), result.identityToken(), "");
            DistributionClient fresh = new DistributionClient(RegistryConfig.defaults());
            try {
                ResolvedManifest resolved = fresh.resolve(ref("team/app:v1"), null, identity);
                assertEquals(Digests.sha256(manifest), resolved.digest());
            } finally {
                fresh.close();
            }
            assertEquals(1, tokens.count("POST", "/token"));
        }
    }

    @Test
    void registryTokenIsSentAsIs() {
        Blob config = TestImages.config("amd64");
        byte[] manifest = TestImages.manifest(MediaTypes.DOCKER_MANIFEST, config, List.of());
        registry.route("GET", "/v2/app/manifests/latest", e -> {
            if (!"Bearer given-token".equals(e.getRequestHeaders().getFirst("Authorization"))) {
                FakeServer.send(e, 401, "application/json",
                        "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"bad token\"}]}");
                return;
            }
            FakeServer.send(e, 200, MediaTypes.DOCKER_MANIFEST, manifest);
        });
        Credentials token = new Credentials("", "", "", "", "", "", "given-token");
        assertEquals(Digests.sha256(manifest), client.resolve(ref("app"), null, token).digest());
    }

    @Test
    void manifestNotMatchingItsDigestIsRefused() {
        Blob config = TestImages.config("amd64");
        byte[] manifest = TestImages.manifest(MediaTypes.DOCKER_MANIFEST, config, List.of());
        String otherDigest = Digests.sha256("something else".getBytes(StandardCharsets.UTF_8));
        registry.route("GET", "/v2/app/manifests/" + otherDigest,
                e -> FakeServer.send(e, 200, MediaTypes.DOCKER_MANIFEST, manifest));
        WharfException e = assertThrows(WharfException.class,
                () -> client.resolve(ref("app@" + otherDigest), null, Credentials.anonymous()));
        assertEquals("manifest verification failed for digest " + otherDigest, e.getMessage());
    }

    @Test
    void unreachableRegistryNamesTheUrl() throws IOException {
        int port = LocalRegistry.freePort();
        WharfException e = assertThrows(WharfException.class, () -> client.resolve(
                ImageReference.parse("127.0.0.1:" + port + "/app"), null, Credentials.anonymous()));
        assertTrue(e.getMessage().startsWith("Get \"https://127.0.0.1:" + port + "/v2/\": "), e.getMessage());
    }

    @Test
    void foreignLayerComesFromItsUrl(@TempDir Path dir) throws IOException {
        Blob layer = TestImages.layer("foreign");
        storage.route("GET", "/layer.tar.gz", e -> FakeServer.send(e, 200, null, layer.content()));
        Descriptor foreign = new Descriptor(MediaTypes.DOCKER_LAYER_FOREIGN, layer.descriptor().digest(),
                layer.content().length, List.of(storage.url("/layer.tar.gz")), null, null);
        Path target = dir.resolve("blob");
        client.fetchBlob(ref("app"), foreign, Credentials.anonymous(), target, n -> { });
        assertArrayEquals(layer.content(), Files.readAllBytes(target));
    }
}
