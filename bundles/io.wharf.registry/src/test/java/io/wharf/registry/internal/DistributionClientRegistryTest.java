package io.wharf.registry.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.wharf.api.errors.InvalidArgumentException;
import io.wharf.api.errors.NotFoundException;
import io.wharf.api.image.ImageReference;
import io.wharf.api.registry.BlobPushOutcome;
import io.wharf.api.registry.Credentials;
import io.wharf.api.registry.Descriptor;
import io.wharf.api.registry.FetchedManifest;
import io.wharf.api.registry.MediaTypes;
import io.wharf.api.registry.Platform;
import io.wharf.api.registry.RegistryConfig;
import io.wharf.api.registry.ResolvedManifest;
import io.wharf.registry.internal.TestImages.Blob;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Push and pull against a real registry (Debian's docker-registry) on a loopback port, without auth. */
class DistributionClientRegistryTest {
    @TempDir
    static Path registryDir;

    private static LocalRegistry registry;
    private static DistributionClient client;
    private static final Credentials NONE = Credentials.anonymous();

    @BeforeAll
    static void startRegistry() throws Exception {
        assumeTrue(LocalRegistry.available(), "docker-registry is not installed");
        registry = LocalRegistry.start(registryDir, null, null);
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

    private static String pushImage(ImageReference repo, String tag, Blob config, List<Blob> layers,
            String mediaType) {
        for (Blob blob : concat(config, layers)) {
            client.pushBlob(repo, blob.descriptor(), blob::stream, Optional.empty(), NONE, n -> { });
        }
        return client.pushManifest(repo, tag, mediaType, TestImages.manifest(mediaType, config, layers), NONE);
    }

    private static List<Blob> concat(Blob first, List<Blob> rest) {
        List<Blob> all = new java.util.ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }

    @Test
    void pushedImageResolvesByTagAndByDigest() {
        ImageReference repo = ref("wharf/app");
        Blob config = TestImages.config("amd64");
        Blob layer1 = TestImages.layer("first layer");
        Blob layer2 = TestImages.layer("second layer");
        AtomicLong sent = new AtomicLong();
        assertEquals(BlobPushOutcome.UPLOADED, client.pushBlob(repo, layer1.descriptor(), layer1::stream,
                Optional.empty(), NONE, sent::set));
        assertEquals(layer1.content().length, sent.get());
        assertEquals(BlobPushOutcome.EXISTS, client.pushBlob(repo, layer1.descriptor(), layer1::stream,
                Optional.empty(), NONE, n -> { }));
        byte[] manifest = TestImages.manifest(MediaTypes.DOCKER_MANIFEST, config, List.of(layer1, layer2));
        String digest = pushImage(repo, "v1", config, List.of(layer1, layer2), MediaTypes.DOCKER_MANIFEST);
        assertEquals(Digests.sha256(manifest), digest);

        ResolvedManifest byTag = client.resolve(repo.withTag("v1"), Platform.LINUX_AMD64, NONE);
        assertEquals(digest, byTag.digest());
        assertEquals(digest, byTag.referenceDigest());
        assertEquals(MediaTypes.DOCKER_MANIFEST, byTag.mediaType());
        assertArrayEquals(manifest, byTag.content());
        assertEquals(config.descriptor().digest(), byTag.config().digest());
        assertEquals(config.descriptor().size(), byTag.config().size());
        assertEquals(MediaTypes.DOCKER_CONFIG, byTag.config().mediaType());
        assertEquals(List.of(layer1.descriptor(), layer2.descriptor()), byTag.layers());
        assertNull(byTag.platform());

        ResolvedManifest byDigest = client.resolve(repo.withDigest(digest), null, NONE);
        assertEquals(digest, byDigest.digest());
        assertArrayEquals(manifest, byDigest.content());

        FetchedManifest raw = client.fetchManifest(repo.withTag("v1"), NONE);
        assertEquals(digest, raw.digest());
        assertEquals(MediaTypes.DOCKER_MANIFEST, raw.mediaType());
        assertTrue(client.listTags(repo, NONE).contains("v1"));
    }

    @Test
    void missingTagAndRepositoryAreNotFoundInDockersWords() {
        ImageReference repo = ref("wharf/present");
        pushImage(repo, "there", TestImages.config("amd64"), List.of(TestImages.layer("x")), MediaTypes.DOCKER_MANIFEST);
        NotFoundException tag = assertThrows(NotFoundException.class,
                () -> client.resolve(repo.withTag("missing"), null, NONE));
        assertEquals("manifest for " + registry.domain() + "/wharf/present:missing not found: "
                + "manifest unknown: manifest unknown", tag.getMessage());
        NotFoundException repository = assertThrows(NotFoundException.class,
                () -> client.resolve(ref("wharf/absent"), null, NONE));
        // This registry answers MANIFEST_UNKNOWN for unknown repositories too, and dockerd words it so.
        assertEquals("manifest for " + registry.domain() + "/wharf/absent:latest not found: "
                + "manifest unknown: manifest unknown", repository.getMessage());
    }

    @Test
    void blobIsMountedFromAnotherRepository() {
        ImageReference source = ref("wharf/source");
        ImageReference target = ref("wharf/target");
        Blob layer = TestImages.layer("shared layer");
        client.pushBlob(source, layer.descriptor(), layer::stream, Optional.empty(), NONE, n -> { });
        assertTrue(client.blobExists(source, layer.descriptor().digest(), NONE));
        assertFalse(client.blobExists(target, layer.descriptor().digest(), NONE));
        assertEquals(BlobPushOutcome.MOUNTED, client.pushBlob(target, layer.descriptor(), () -> {
            throw new AssertionError("a mounted blob is not uploaded");
        }, Optional.of(source), NONE, n -> { }));
        assertTrue(client.blobExists(target, layer.descriptor().digest(), NONE));
    }

    @Test
    void blobOfUnknownSizeIsUploadedInAChunk() {
        ImageReference repo = ref("wharf/chunked");
        Blob layer = TestImages.layer("streamed without a known size");
        Descriptor unsized = new Descriptor(layer.descriptor().mediaType(), layer.descriptor().digest(), -1);
        assertEquals(BlobPushOutcome.UPLOADED,
                client.pushBlob(repo, unsized, layer::stream, Optional.empty(), NONE, n -> { }));
        assertTrue(client.blobExists(repo, layer.descriptor().digest(), NONE));
    }

    @Test
    void uploadWithWrongDigestIsRefusedByTheRegistry() {
        ImageReference repo = ref("wharf/wrong");
        Blob layer = TestImages.layer("real content");
        Blob other = TestImages.layer("other content");
        Descriptor lie = new Descriptor(layer.descriptor().mediaType(), other.descriptor().digest(),
                layer.content().length);
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> client.pushBlob(repo, lie, layer::stream, Optional.empty(), NONE, n -> { }));
        assertTrue(e.getMessage().startsWith("digest invalid"), e.getMessage());
        assertFalse(client.blobExists(repo, other.descriptor().digest(), NONE));
    }

    @Test
    void blobIsFetchedToTargetAndStreamed(@TempDir Path dir) throws Exception {
        ImageReference repo = ref("wharf/fetch");
        Blob layer = TestImages.layer("content to fetch ".repeat(5000));
        client.pushBlob(repo, layer.descriptor(), layer::stream, Optional.empty(), NONE, n -> { });
        Path target = dir.resolve("blobs/sha256/" + layer.descriptor().digest().substring(7));
        AtomicLong received = new AtomicLong();
        client.fetchBlob(repo, layer.descriptor(), NONE, target, received::set);
        assertArrayEquals(layer.content(), Files.readAllBytes(target));
        assertEquals(layer.content().length, received.get());
        try (var files = Files.list(target.getParent())) {
            assertEquals(List.of(target), files.toList(), "no temporary file is left");
        }
        try (InputStream in = client.openBlob(repo, layer.descriptor(), NONE)) {
            assertArrayEquals(layer.content(), in.readAllBytes());
        }
        Blob absent = TestImages.layer("never pushed");
        assertThrows(NotFoundException.class, () -> client.fetchBlob(repo, absent.descriptor(), NONE,
                dir.resolve("absent"), n -> { }));
        assertFalse(Files.exists(dir.resolve("absent")));
    }

    @Test
    void manifestListResolvesToThePlatformsImage() {
        ImageReference repo = ref("wharf/multi");
        Blob amdConfig = TestImages.config("amd64");
        Blob armConfig = TestImages.config("arm64");
        Blob amdLayer = TestImages.layer("amd64 layer");
        Blob armLayer = TestImages.layer("arm64 layer");
        byte[] amd = TestImages.manifest(MediaTypes.DOCKER_MANIFEST, amdConfig, List.of(amdLayer));
        byte[] arm = TestImages.manifest(MediaTypes.DOCKER_MANIFEST, armConfig, List.of(armLayer));
        String amdDigest = pushImage(repo, Digests.sha256(amd), amdConfig, List.of(amdLayer), MediaTypes.DOCKER_MANIFEST);
        String armDigest = pushImage(repo, Digests.sha256(arm), armConfig, List.of(armLayer), MediaTypes.DOCKER_MANIFEST);
        byte[] list = TestImages.index(MediaTypes.DOCKER_MANIFEST_LIST, List.of(
                new Descriptor(MediaTypes.DOCKER_MANIFEST, armDigest, arm.length, null, null,
                        new Platform("linux", "arm64", "v8")),
                new Descriptor(MediaTypes.DOCKER_MANIFEST, amdDigest, amd.length, null, null,
                        new Platform("linux", "amd64", ""))));
        String listDigest = client.pushManifest(repo, "latest", MediaTypes.DOCKER_MANIFEST_LIST, list, NONE);

        ResolvedManifest onAmd = client.resolve(repo, Platform.LINUX_AMD64, NONE);
        assertEquals(amdDigest, onAmd.digest());
        assertEquals(listDigest, onAmd.referenceDigest());
        assertEquals("linux/amd64", onAmd.platform().toString());
        assertEquals(amdConfig.descriptor().digest(), onAmd.config().digest());
        assertEquals(List.of(amdLayer.descriptor()), onAmd.layers());

        ResolvedManifest onArm = client.resolve(repo, Platform.parse("linux/arm64"), NONE);
        assertEquals(armDigest, onArm.digest());
        assertEquals(armLayer.descriptor().digest(), onArm.layers().get(0).digest());

        NotFoundException none = assertThrows(NotFoundException.class,
                () -> client.resolve(repo, Platform.parse("linux/s390x"), NONE));
        assertEquals("no matching manifest for linux/s390x in the manifest list entries", none.getMessage());

        FetchedManifest raw = client.fetchManifest(repo, NONE);
        assertEquals(MediaTypes.DOCKER_MANIFEST_LIST, raw.mediaType());
        assertEquals(listDigest, raw.digest());
    }

    @Test
    void ociIndexPicksTheBestArmVariant() {
        ImageReference repo = ref("wharf/oci");
        Blob v6Config = TestImages.config("arm");
        Blob v6Layer = TestImages.layer("arm v6");
        Blob amdConfig = TestImages.config("amd64");
        Blob amdLayer = TestImages.layer("amd64 oci");
        byte[] v6 = TestImages.manifest(MediaTypes.OCI_MANIFEST, v6Config, List.of(v6Layer));
        byte[] amd = TestImages.manifest(MediaTypes.OCI_MANIFEST, amdConfig, List.of(amdLayer));
        String v6Digest = pushImage(repo, Digests.sha256(v6), v6Config, List.of(v6Layer), MediaTypes.OCI_MANIFEST);
        String amdDigest = pushImage(repo, Digests.sha256(amd), amdConfig, List.of(amdLayer), MediaTypes.OCI_MANIFEST);
        byte[] index = TestImages.index(MediaTypes.OCI_INDEX, List.of(
                new Descriptor(MediaTypes.OCI_MANIFEST, amdDigest, amd.length, null, null, Platform.LINUX_AMD64),
                new Descriptor(MediaTypes.OCI_MANIFEST, v6Digest, v6.length, null, null,
                        new Platform("linux", "arm", "v6"))));
        String indexDigest = client.pushManifest(repo, "1.0", MediaTypes.OCI_INDEX, index, NONE);

        ResolvedManifest onArmV7 = client.resolve(repo.withTag("1.0"), Platform.parse("linux/arm/v7"), NONE);
        assertEquals(v6Digest, onArmV7.digest());
        assertEquals(MediaTypes.OCI_MANIFEST, onArmV7.mediaType());
        assertEquals(indexDigest, onArmV7.referenceDigest());
        ResolvedManifest byIndexDigest = client.resolve(repo.withDigest(indexDigest), Platform.LINUX_AMD64, NONE);
        assertEquals(amdDigest, byIndexDigest.digest());
        assertThrows(NotFoundException.class,
                () -> client.resolve(repo.withTag("1.0"), Platform.parse("linux/arm/v5"), NONE));
        assertEquals("[1.0]", client.listTags(repo, NONE).stream().filter(t -> !t.startsWith("sha256")).toList()
                .toString());
    }

    @Test
    void manifestPushedUnderADigestMustMatchIt() {
        ImageReference repo = ref("wharf/digest");
        byte[] content = "{}".getBytes(StandardCharsets.UTF_8);
        assertThrows(InvalidArgumentException.class, () -> client.pushManifest(repo,
                Digests.sha256("other".getBytes(StandardCharsets.UTF_8)), MediaTypes.DOCKER_MANIFEST, content, NONE));
    }

    @Test
    void concurrentPullsShareOneClient(@TempDir Path dir) throws Exception {
        ImageReference repo = ref("wharf/parallel");
        List<Blob> layers = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            layers.add(TestImages.layer("parallel layer " + i));
        }
        Blob config = TestImages.config("amd64");
        String digest = pushImage(repo, "p", config, layers, MediaTypes.DOCKER_MANIFEST);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<String>> results = new java.util.ArrayList<>();
            for (Blob layer : layers) {
                results.add(pool.submit(() -> {
                    Path target = dir.resolve(layer.descriptor().digest().substring(7));
                    client.fetchBlob(repo, layer.descriptor(), NONE, target, n -> { });
                    assertArrayEquals(layer.content(), Files.readAllBytes(target));
                    return client.resolve(repo.withTag("p"), null, NONE).digest();
                }));
            }
            for (java.util.concurrent.Future<String> result : results) {
                assertEquals(digest, result.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void componentReadsTheEngineConfiguration() {
        DistributionClient configured = new DistributionClient(new DistributionClient.Config() {
            @Override
            public Class<? extends java.lang.annotation.Annotation> annotationType() {
                return DistributionClient.Config.class;
            }

            @Override
            public String[] insecure_registries() {
                return new String[] {"10.0.0.0/8", "registry.internal:5000"};
            }

            @Override
            public String[] registry_mirrors() {
                return new String[] {"https://mirror.internal"};
            }
        });
        try {
            assertEquals(List.of("10.0.0.0/8", "registry.internal:5000"), configured.config().insecureRegistries());
            assertEquals(List.of("https://mirror.internal"), configured.config().mirrors());
        } finally {
            configured.close();
        }
    }
}
