package io.wharf.daemon.internal.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wharf.api.common.ProgressListener;
import io.wharf.api.common.ProgressMessage;
import io.wharf.api.errors.InvalidArgumentException;
import io.wharf.api.image.ImageReference;
import io.wharf.api.registry.MediaTypes;
import io.wharf.archive.Compression;
import io.wharf.archive.TarHeader;
import io.wharf.archive.TarReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code docker load}: the archive ({@code docker save} format with {@code manifest.json}, or an OCI layout
 * with {@code index.json}) is first unpacked into a private temp directory (streamed to disk, its names
 * checked), then each image's layers are applied with their diff IDs checked, then the image is committed and
 * tagged. A refused layer leaves nothing behind.
 */
final class ArchiveLoader {
    private final ContentStore content;
    private final DiskLayerStore layers;
    private final ImageCommitter committer;
    private final ObjectMapper json;

    ArchiveLoader(ContentStore content, DiskLayerStore layers, ImageCommitter committer, ObjectMapper json) {
        this.content = content;
        this.layers = layers;
        this.committer = committer;
        this.json = json;
    }

    void load(InputStream archive, boolean quiet, ProgressListener progress) throws IOException {
        Path dir = content.tempDir().resolve("load-" + UUID.randomUUID());
        Files.createDirectories(dir);
        try {
            Map<String, String> links = unpack(Compression.decompress(archive), dir);
            Path manifest = file(dir, links, "manifest.json");
            if (manifest != null) {
                for (JsonNode entry : json.readTree(manifest.toFile())) {
                    List<String> layerPaths = ImageConfigs.strings(entry.path("Layers"));
                    List<String> tags = ImageConfigs.strings(entry.path("RepoTags"));
                    loadImage(dir, links, entry.path("Config").asText(), layerPaths, null, tags, quiet, progress);
                }
                return;
            }
            Path index = file(dir, links, "index.json");
            if (index == null) {
                throw new InvalidArgumentException("invalid archive: neither manifest.json nor index.json found");
            }
            for (JsonNode d : json.readTree(index.toFile()).path("manifests")) {
                JsonNode m = json.readTree(required(dir, links, blobPath(d.path("digest").asText())).toFile());
                List<String> layerPaths = new ArrayList<>();
                List<String> types = new ArrayList<>();
                for (JsonNode l : m.path("layers")) {
                    layerPaths.add(blobPath(l.path("digest").asText()));
                    types.add(l.path("mediaType").asText());
                }
                String name = d.path("annotations").path("io.containerd.image.name").asText("");
                if (name.isEmpty()) {
                    name = d.path("annotations").path("org.opencontainers.image.ref.name").asText("");
                }
                List<String> tags = name.isEmpty() || !name.contains(":") && !name.contains("/") ? List.of()
                        : List.of(name);
                loadImage(dir, links, blobPath(m.path("config").path("digest").asText()), layerPaths, types, tags,
                        quiet, progress);
            }
        } finally {
            StoreFiles.deleteTree(dir);
        }
    }

    private void loadImage(Path dir, Map<String, String> links, String configPath, List<String> layerPaths,
            List<String> types, List<String> tags, boolean quiet, ProgressListener progress) throws IOException {
        byte[] config = Files.readAllBytes(required(dir, links, configPath));
        List<String> diffIds = ImageConfigs.diffIds(json.readTree(config));
        if (diffIds.size() != layerPaths.size()) {
            throw new InvalidArgumentException("invalid archive: the config lists " + diffIds.size()
                    + " layers but the manifest " + layerPaths.size());
        }
        String stage = "stage-" + UUID.randomUUID();
        try {
            String parent = null;
            for (int i = 0; i < diffIds.size(); i++) {
                String chain = Layer.chainId(parent, diffIds.get(i));
                if (!layers.acquire(stage, chain)) {
                    Path p = required(dir, links, layerPaths.get(i));
                    long total = Files.size(p);
                    String id = Puller.shortId(diffIds.get(i));
                    String type = types == null ? null : types.get(i);
                    try (InputStream in = Files.newInputStream(p)) {
                        InputStream tar = DiskLayerStore.decompress(in, type == null ? MediaTypes.DOCKER_LAYER_UNCOMPRESSED : type);
                        layers.apply(stage, parent, diffIds.get(i), null, null, tar, quiet ? null
                                : new ThrottledProgress(progress, id, "Loading layer", total));
                    }
                }
                parent = chain;
            }
            String id = committer.commit(config, parent, stage);
            committer.publish("load", id, id);
            if (tags.isEmpty()) {
                progress.progress(ProgressMessage.stream("Loaded image ID: " + id + "\n"));
            }
            for (String t : tags) {
                ImageReference ref = ImageReference.parse(t).withDefaultTag();
                committer.tag(ref, id);
                progress.progress(ProgressMessage.stream("Loaded image: " + ref.familiarString() + "\n"));
            }
        } finally {
            layers.release(stage);
        }
    }

    private static String blobPath(String digest) {
        int colon = digest.indexOf(':');
        if (colon < 0) {
            throw new InvalidArgumentException("invalid archive: bad digest " + digest);
        }
        return "blobs/" + digest.substring(0, colon) + "/" + digest.substring(colon + 1);
    }

    /** Extracts regular files and records symbolic links; refuses names that leave the directory. */
    private static Map<String, String> unpack(InputStream in, Path dir) throws IOException {
        Map<String, String> links = new HashMap<>();
        TarReader tar = new TarReader(in);
        for (TarHeader h = tar.next(); h != null; h = tar.next()) {
            String name = clean(h.name());
            if (name.isEmpty()) {
                continue;
            }
            switch (h.kind()) {
                case REGULAR -> {
                    Path target = dir.resolve(name);
                    Files.createDirectories(target.getParent());
                    Files.copy(tar.content(), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
                case SYMLINK -> links.put(name, h.linkName());
                case HARDLINK -> links.put(name, "/" + clean(h.linkName()));
                default -> {
                }
            }
        }
        // the docker CLI sends more bytes after the archive's end; drain them so that the client is not cut off
        in.transferTo(java.io.OutputStream.nullOutputStream());
        return links;
    }

    private static String clean(String name) {
        List<String> parts = new ArrayList<>();
        for (String p : name.split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                if (parts.isEmpty()) {
                    throw new InvalidArgumentException("invalid archive: entry " + name + " leaves the archive");
                }
                parts.remove(parts.size() - 1);
                continue;
            }
            parts.add(p);
        }
        return String.join("/", parts);
    }

    private static Path required(Path dir, Map<String, String> links, String name) {
        Path p = file(dir, links, name);
        if (p == null) {
            throw new InvalidArgumentException("invalid archive: " + name + " not found");
        }
        return p;
    }

    /** The file an archive name denotes, following the archive's own links (never out of the archive). */
    private static Path file(Path dir, Map<String, String> links, String name) {
        String n = clean(name);
        for (int hops = 0; hops < 16; hops++) {
            String target = links.get(n);
            if (target == null) {
                Path p = dir.resolve(n);
                return Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS) ? p : null;
            }
            if (target.startsWith("/")) {
                n = clean(target);
            } else {
                int slash = n.lastIndexOf('/');
                n = clean((slash < 0 ? "" : n.substring(0, slash + 1)) + target);
            }
        }
        return null;
    }
}
