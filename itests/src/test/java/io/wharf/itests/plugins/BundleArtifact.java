package io.wharf.itests.plugins;

import io.wharf.api.image.ImageReference;
import io.wharf.api.registry.Credentials;
import io.wharf.api.registry.Descriptor;
import io.wharf.api.registry.MediaTypes;
import io.wharf.api.registry.RegistryConfig;
import io.wharf.registry.internal.DistributionClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Pushes a bundle jar to a registry as an OCI artifact, the way an operator ships a driver: an OCI manifest with
 * the empty config and one layer of type {@code application/vnd.wharf.bundle.v1+jar}, through Wharf's own
 * distribution client.
 */
final class BundleArtifact {
    static final String BUNDLE_MEDIA_TYPE = "application/vnd.wharf.bundle.v1+jar";

    private BundleArtifact() {
    }

    static void push(String reference, Path jar) throws IOException {
        ImageReference ref = ImageReference.parse(reference);
        DistributionClient client = new DistributionClient(new RegistryConfig(List.of(), List.of()));
        try {
            byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
            byte[] content = Files.readAllBytes(jar);
            Descriptor configBlob = new Descriptor(MediaTypes.OCI_EMPTY, digest(config), config.length);
            Descriptor layer = new Descriptor(BUNDLE_MEDIA_TYPE, digest(content), content.length);
            client.pushBlob(ref, configBlob, () -> new ByteArrayInputStream(config), Optional.empty(),
                    Credentials.anonymous(), n -> { });
            client.pushBlob(ref, layer, () -> new ByteArrayInputStream(content), Optional.empty(),
                    Credentials.anonymous(), n -> { });
            String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\","
                    + "\"artifactType\":\"" + BUNDLE_MEDIA_TYPE + "\","
                    + "\"config\":{\"mediaType\":\"" + MediaTypes.OCI_EMPTY + "\",\"digest\":\"" + configBlob.digest()
                    + "\",\"size\":" + config.length + "},"
                    + "\"layers\":[{\"mediaType\":\"" + BUNDLE_MEDIA_TYPE + "\",\"digest\":\"" + layer.digest()
                    + "\",\"size\":" + content.length + "}]}";
            client.pushManifest(ref, ref.tag().orElse("latest"), MediaTypes.OCI_MANIFEST,
                    manifest.getBytes(StandardCharsets.UTF_8), Credentials.anonymous());
        } finally {
            client.close();
        }
    }

    private static String digest(byte[] content) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
