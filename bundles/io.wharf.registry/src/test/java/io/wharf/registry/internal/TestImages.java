package io.wharf.registry.internal;

import io.wharf.api.registry.Descriptor;
import io.wharf.api.registry.MediaTypes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** Builds small images (config, layers, manifests) in memory for the tests. */
final class TestImages {
    private TestImages() {
    }

    record Blob(Descriptor descriptor, byte[] content) {
        ByteArrayInputStream stream() {
            return new ByteArrayInputStream(content);
        }
    }

    static Blob blob(String mediaType, byte[] content) {
        return new Blob(new Descriptor(mediaType, Digests.sha256(content), content.length), content);
    }

    static Blob layer(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return blob(MediaTypes.DOCKER_LAYER_GZIP, bytes.toByteArray());
    }

    static Blob config(String arch) {
        String json = "{\"architecture\":\"" + arch + "\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\","
                + "\"diff_ids\":[]},\"config\":{}}";
        return blob(MediaTypes.DOCKER_CONFIG, json.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] manifest(String mediaType, Blob config, List<Blob> layers) {
        StringBuilder s = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"").append(mediaType)
                .append("\",\"config\":").append(descriptor(config.descriptor(), null)).append(",\"layers\":[");
        for (int i = 0; i < layers.size(); i++) {
            s.append(i == 0 ? "" : ",").append(descriptor(layers.get(i).descriptor(), null));
        }
        return s.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] index(String mediaType, List<Descriptor> entries) {
        StringBuilder s = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"").append(mediaType)
                .append("\",\"manifests\":[");
        for (int i = 0; i < entries.size(); i++) {
            Descriptor d = entries.get(i);
            String platform = d.platform() == null ? null : "{\"os\":\"" + d.platform().os() + "\",\"architecture\":\""
                    + d.platform().architecture() + "\"" + (d.platform().variant().isEmpty() ? ""
                    : ",\"variant\":\"" + d.platform().variant() + "\"") + "}";
            s.append(i == 0 ? "" : ",").append(descriptor(d, platform));
        }
        return s.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String descriptor(Descriptor d, String platform) {
        return "{\"mediaType\":\"" + d.mediaType() + "\",\"digest\":\"" + d.digest() + "\",\"size\":" + d.size()
                + (platform == null ? "" : ",\"platform\":" + platform) + "}";
    }
}
