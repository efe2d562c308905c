package io.wharf.registry.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wharf.api.errors.WharfException;
import io.wharf.api.registry.Descriptor;
import io.wharf.api.registry.MediaTypes;
import io.wharf.api.registry.Platform;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads the parts of manifests and indexes a pull needs: their media type and descriptors. */
final class ManifestParser {
    /** The config and layer descriptors of an image manifest. */
    record ImageManifest(Descriptor config, List<Descriptor> layers) {
    }

    private final ObjectMapper json;

    ManifestParser(ObjectMapper json) {
        this.json = json;
    }

    /**
     * The media type of fetched content: the response's {@code Content-Type} unless it is missing or generic,
     * then the document's own {@code mediaType}, then what its shape says.
     */
    String mediaType(byte[] content, String contentType) {
        String type = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!type.isEmpty() && !type.equals("application/json") && !type.equals("text/plain")
                && !type.equals("application/octet-stream")) {
            return type;
        }
        JsonNode root = tree(content);
        String declared = root.path("mediaType").asText("");
        if (!declared.isEmpty()) {
            return declared;
        }
        if (root.path("schemaVersion").asInt(0) == 1) {
            return MediaTypes.DOCKER_MANIFEST_SCHEMA1_SIGNED;
        }
        if (root.has("manifests")) {
            return MediaTypes.OCI_INDEX;
        }
        if (root.has("config")) {
            return MediaTypes.OCI_MANIFEST;
        }
        return type;
    }

    ImageManifest manifest(byte[] content) {
        JsonNode root = tree(content);
        JsonNode config = root.path("config");
        if (!config.isObject()) {
            throw new WharfException("invalid manifest: it has no config descriptor");
        }
        List<Descriptor> layers = new ArrayList<>();
        for (JsonNode layer : root.path("layers")) {
            layers.add(descriptor(layer));
        }
        return new ImageManifest(descriptor(config), layers);
    }

    List<Descriptor> index(byte[] content) {
        List<Descriptor> entries = new ArrayList<>();
        for (JsonNode entry : tree(content).path("manifests")) {
            entries.add(descriptor(entry));
        }
        return entries;
    }

    private JsonNode tree(byte[] content) {
        try {
            JsonNode root = json.readTree(content);
            if (root == null || !root.isObject()) {
                throw new WharfException("invalid manifest: not a JSON object");
            }
            return root;
        } catch (IOException e) {
            throw new WharfException("invalid manifest: " + e.getMessage(), e);
        }
    }

    private static Descriptor descriptor(JsonNode node) {
        String digest = node.path("digest").asText("");
        if (!io.wharf.api.image.ImageReference.isDigest(digest)) {
            throw new WharfException("invalid manifest: descriptor with invalid digest \"" + digest + "\"");
        }
        List<String> urls = new ArrayList<>();
        for (JsonNode url : node.path("urls")) {
            urls.add(url.asText());
        }
        Map<String, String> annotations = new LinkedHashMap<>();
        node.path("annotations").fields().forEachRemaining(e -> annotations.put(e.getKey(), e.getValue().asText()));
        Platform platform = null;
        JsonNode p = node.path("platform");
        if (p.isObject()) {
            platform = new Platform(p.path("os").asText(""), p.path("architecture").asText(""),
                    p.path("variant").asText(""));
        }
        return new Descriptor(node.path("mediaType").asText(""), digest, node.path("size").asLong(-1), urls,
                annotations, platform);
    }
}
