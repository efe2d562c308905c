package io.wharf.daemon.internal.image;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.api.image.ImageReference;
import io.wharf.archive.TarHeader;
import io.wharf.archive.TarWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code docker save}: a tar with each config and each layer (uncompressed, so its digest is its diff ID) under
 * {@code blobs/sha256/}, a {@code manifest.json} naming them with their tags, and the legacy
 * {@code repositories} file. Layers shared by several images are written once. Streams: nothing is held whole.
 */
final class ArchiveSaver {
    /** One image to write, with the tags to record for it. */
    record Item(ImageCatalog.Entry image, List<ImageReference> tags) {
    }

    private final ContentStore content;
    private final DiskLayerStore layers;
    private final ObjectMapper json;

    ArchiveSaver(ContentStore content, DiskLayerStore layers, ObjectMapper json) {
        this.content = content;
        this.layers = layers;
        this.json = json;
    }

    void save(List<Item> items, OutputStream out) throws IOException {
        TarWriter tar = new TarWriter(out);
        Instant now = Instant.ofEpochSecond(Instant.now().getEpochSecond());
        tar.add(TarHeader.directory("blobs").withMtime(now), null);
        tar.add(TarHeader.directory("blobs/sha256").withMtime(now), null);
        Set<String> written = new HashSet<>();
        ArrayNode manifest = json.createArrayNode();
        Map<String, Map<String, String>> repositories = new LinkedHashMap<>();
        for (Item item : items) {
            String id = item.image().id();
            if (written.add(id)) {
                byte[] config = content.read(id);
                tar.add(TarHeader.file("blobs/sha256/" + ContentStore.hex(id), config.length).withMtime(now),
                        new java.io.ByteArrayInputStream(config));
            }
            ObjectNode entry = manifest.addObject();
            entry.put("Config", "blobs/sha256/" + ContentStore.hex(id));
            ArrayNode tags = entry.putArray("RepoTags");
            ArrayNode paths = entry.putArray("Layers");
            String last = null;
            for (Layer l : item.image().top() == null ? List.<Layer>of() : layers.chain(item.image().top())) {
                String name = "blobs/sha256/" + ContentStore.hex(l.diffId());
                paths.add(name);
                last = ContentStore.hex(l.diffId());
                if (written.add(l.diffId())) {
                    writeLayer(tar, name, l, now);
                }
            }
            for (ImageReference t : item.tags()) {
                tags.add(t.familiarString());
                if (last != null) {
                    repositories.computeIfAbsent(t.familiarName(), k -> new LinkedHashMap<>())
                            .put(t.tag().orElse(ImageReference.DEFAULT_TAG), last);
                }
            }
        }
        byte[] m = json.writeValueAsBytes(manifest);
        tar.add(TarHeader.file("manifest.json", m.length).withMtime(now), new java.io.ByteArrayInputStream(m));
        if (!repositories.isEmpty()) {
            byte[] r = json.writeValueAsBytes(repositories);
            tar.add(TarHeader.file("repositories", r.length).withMtime(now), new java.io.ByteArrayInputStream(r));
        }
        tar.finish();
        out.flush();
    }

    private void writeLayer(TarWriter tar, String name, Layer l, Instant now) throws IOException {
        long size;
        // a tar header needs the size first: count the uncompressed bytes, then copy them
        try (InputStream in = layers.openTar(l)) {
            size = in.transferTo(OutputStream.nullOutputStream());
        }
        try (InputStream in = layers.openTar(l)) {
            tar.add(TarHeader.file(name, size).withMtime(now), in);
        }
    }
}
