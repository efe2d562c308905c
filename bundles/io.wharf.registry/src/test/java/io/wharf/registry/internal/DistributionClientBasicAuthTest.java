package io.wharf.registry.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.wharf.api.errors.UnauthorizedException;
import io.wharf.api.image.ImageReference;
import io.wharf.api.registry.BlobPushOutcome;
import io.wharf.api.registry.Credentials;
import io.wharf.api.registry.LoginResult;
import io.wharf.api.registry.MediaTypes;
import io.wharf.api.registry.RegistryConfig;
import io.wharf.api.registry.ResolvedManifest;
import io.wharf.registry.internal.TestImages.Blob;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real registry with htpasswd (Basic) authentication. */
class DistributionClientBasicAuthTest {
    @TempDir
    static Path registryDir;

    private static LocalRegistry registry;
    private static DistributionClient client;
    private static final Credentials RIGHT = Credentials.basic("user", "pass");
    private static final Credentials WRONG = Credentials.basic("user", "wrong");

    @BeforeAll
    static void startRegistry() throws Exception {
        assumeTrue(LocalRegistry.available(), "docker-registry is not installed");
        registry = LocalRegistry.start(registryDir, "user", "pass");
        client = new DistributionClient(RegistryConfig.defaults());
    }

    @AfterAll
    static void stopRegistry() {
        if (client != null) {
            client.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    private static ImageReference ref(String text) {
        return ImageReference.parse(registry.domain() + "/" + text);
    }

    @Test
    void anonymousRequestsAreRefusedWithTheRegistrysMessage() {
        UnauthorizedException e = assertThrows(UnauthorizedException.class,
                () -> client.resolve(ref("private/app:v1"), null, Credentials.anonymous()));
        assertEquals("unauthorized: authentication required", e.getMessage());
        Blob layer = TestImages.layer("secret");
        assertThrows(UnauthorizedException.class, () -> client.pushBlob(ref("private/app"), layer.descriptor(),
                layer::stream, Optional.empty(), Credentials.anonymous(), n -> { }));
    }

    @Test
    void wrongPasswordIsRefused() {
        UnauthorizedException login = assertThrows(UnauthorizedException.class,
                () -> client.login(registry.domain(), WRONG));
        assertEquals("login attempt to http://" + registry.domain() + "/v2/ failed with status: 401 Unauthorized",
                login.getMessage());
        UnauthorizedException pull = assertThrows(UnauthorizedException.class,
                () -> client.resolve(ref("private/app:v1"), null, WRONG));
        assertEquals("unauthorized: authentication required", pull.getMessage());
    }

    @Test
    void rightPasswordLogsInAndPushesAndPulls() {
        LoginResult result = client.login("http://" + registry.domain() + "/", RIGHT);
        assertEquals("Login Succeeded", result.status());
        assertEquals("", result.identityToken());

        ImageReference repo = ref("private/app");
        Blob config = TestImages.config("amd64");
        Blob layer = TestImages.layer("private layer");
        assertEquals(BlobPushOutcome.UPLOADED,
                client.pushBlob(repo, config.descriptor(), config::stream, Optional.empty(), RIGHT, n -> { }));
        client.pushBlob(repo, layer.descriptor(), layer::stream, Optional.empty(), RIGHT, n -> { });
        byte[] manifest = TestImages.manifest(MediaTypes.DOCKER_MANIFEST, config, List.of(layer));
        String digest = client.pushManifest(repo, "v1", MediaTypes.DOCKER_MANIFEST, manifest, RIGHT);

        // The credentials as the docker CLI sends them in X-Registry-Auth, with the pair in "auth".
        String auth = Base64.getEncoder().encodeToString("user:pass".getBytes(StandardCharsets.UTF_8));
        String header = Base64.getUrlEncoder().encodeToString(("{\"auth\":\"" + auth + "\",\"serveraddress\":\""
                + registry.domain() + "\"}").getBytes(StandardCharsets.UTF_8));
        ResolvedManifest resolved = client.resolve(repo.withTag("v1"), null,
                Credentials.fromRegistryAuthHeader(header));
        assertEquals(digest, resolved.digest());
        assertTrue(client.blobExists(repo, layer.descriptor().digest(), RIGHT));
    }
}
