package io.wharf.daemon.internal.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wharf.api.common.ProgressListener;
import io.wharf.api.common.ProgressMessage;
import io.wharf.api.errors.InvalidArgumentException;
import io.wharf.api.errors.NotFoundException;
import io.wharf.api.image.ImageReference;
import io.wharf.api.plugin.PluginService;
import io.wharf.api.registry.Credentials;
import io.wharf.api.registry.Descriptor;
import io.wharf.api.registry.FetchedManifest;
import io.wharf.api.registry.MediaTypes;
import io.wharf.api.registry.RegistryClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Brings a bundle jar to a local file: from a registry, where it is the layer of media type
 * {@link PluginService#BUNDLE_MEDIA_TYPE} of an OCI manifest, or from an absolute path on this host.
 */
final class BundleArtifacts {
    private final ObjectMapper json = new ObjectMapper();

    /** True when {@code remote} names a jar on this host rather than a registry reference. */
    static boolean isLocal(String remote) {
        return remote.startsWith("/");
    }

    /** Copies or downloads the jar of {@code remote} to {@code target}. */
    void fetch(String remote, RegistryClient registry, Credentials credentials, Path target,
            ProgressListener progress) {
        try {
            if (isLocal(remote)) {
                Path source = Path.of(remote);
                if (!Files.isRegularFile(source)) {
                    throw new NotFoundException("open " + remote + ": no such file or directory");
                }
                Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                return;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (registry == null) {
            throw new io.wharf.api.errors.UnavailableException("the registry client is not running");
        }
        ImageReference ref = ImageReference.parse(remote);
        progress.progress(ProgressMessage.status(ref.tag().orElse(ImageReference.DEFAULT_TAG),
                "Pulling from " + ref.path()));
        FetchedManifest manifest = registry.fetchManifest(ref, credentials);
        Descriptor layer = bundleLayer(remote, manifest);
        progress.progress(ProgressMessage.status(shortId(layer.digest()), "Downloading"));
        registry.fetchBlob(ref, layer, credentials, target, n -> { });
        progress.progress(ProgressMessage.status(shortId(layer.digest()), "Download complete"));
        progress.progress(ProgressMessage.status(null, "Digest: " + manifest.digest()));
        progress.progress(ProgressMessage.status(null, "Status: Downloaded newer plugin for " + remote));
    }

    private static String shortId(String digest) {
        String hex = digest.substring(digest.indexOf(':') + 1);
        return hex.substring(0, Math.min(12, hex.length()));
    }

    /** The layer that holds the jar; an image or an artifact of another kind is refused. */
    Descriptor bundleLayer(String remote, FetchedManifest manifest) {
        if (!MediaTypes.isManifest(manifest.mediaType())) {
            throw new InvalidArgumentException(remote + " is not a plugin: its manifest is of type "
                    + manifest.mediaType());
        }
        JsonNode root;
        try {
            root = json.readTree(manifest.content());
        } catch (IOException e) {
            throw new InvalidArgumentException(remote + ": malformed manifest: " + e.getMessage());
        }
        for (JsonNode l : root.path("layers")) {
            if (PluginService.BUNDLE_MEDIA_TYPE.equals(l.path("mediaType").asText())) {
                return new Descriptor(PluginService.BUNDLE_MEDIA_TYPE, l.path("digest").asText(),
                        l.path("size").asLong());
            }
        }
        String config = root.path("config").path("mediaType").asText();
        throw new InvalidArgumentException(remote + " is not a plugin: it has no layer of type "
                + PluginService.BUNDLE_MEDIA_TYPE
                + (config.equals(MediaTypes.DOCKER_CONFIG) || config.equals(MediaTypes.OCI_CONFIG)
                        ? " (target is image)" : ""));
    }
}
