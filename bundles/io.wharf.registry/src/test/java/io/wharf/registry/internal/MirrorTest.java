package io.wharf.registry.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.wharf.api.image.ImageReference;
import io.wharf.api.registry.Credentials;
import io.wharf.api.registry.MediaTypes;
import io.wharf.api.registry.RegistryConfig;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Docker Hub pulls go to the mirrors first. Both "Docker Hub" and the mirror are loopback fakes here. */
class MirrorTest {
    private static final byte[] MANIFEST = TestImages.manifest(MediaTypes.DOCKER_MANIFEST,
            TestImages.config("amd64"), List.of(TestImages.layer("hub layer")));

    private static void serveBusybox(FakeServer server) {
        server.route("GET", "/v2/", e -> FakeServer.send(e, 200, "application/json", "{}"));
        server.route("GET", "/v2/library/busybox/manifests/latest",
                e -> FakeServer.send(e, 200, MediaTypes.DOCKER_MANIFEST, MANIFEST));
    }

    @Test
    void mirrorServesDockerHubImages() throws IOException {
        try (FakeServer hub = new FakeServer(); FakeServer mirror = new FakeServer()) {
            serveBusybox(hub);
            serveBusybox(mirror);
            DistributionClient client = new DistributionClient(
                    new RegistryConfig(List.of(), List.of(mirror.url("/"))), URI.create(hub.url("")));
            try {
                String digest = client.resolve(ImageReference.parse("busybox"), null, Credentials.anonymous()).digest();
                assertEquals(Digests.sha256(MANIFEST), digest);
                assertEquals(0, hub.requests.size());
                assertEquals(1, mirror.count("GET", "/v2/library/busybox/manifests/latest"));
            } finally {
                client.close();
            }
        }
    }

    @Test
    void failingMirrorFallsBackToDockerHub() throws IOException {
        try (FakeServer hub = new FakeServer(); FakeServer mirror = new FakeServer()) {
            serveBusybox(hub);
            mirror.route("GET", "/v2/", e -> FakeServer.send(e, 200, "application/json", "{}"));
            DistributionClient client = new DistributionClient(
                    new RegistryConfig(List.of(), List.of(mirror.url(""))), URI.create(hub.url("")));
            try {
                String digest = client.resolve(ImageReference.parse("busybox:latest"), null,
                        Credentials.anonymous()).digest();
                assertEquals(Digests.sha256(MANIFEST), digest);
                assertEquals(1, mirror.count("GET", "/v2/library/busybox/manifests/latest"));
                assertEquals(1, hub.count("GET", "/v2/library/busybox/manifests/latest"));
            } finally {
                client.close();
            }
        }
    }
}
