package io.wharf.daemon.internal.image;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.api.common.ProgressListener;
import io.wharf.api.common.ProgressMessage;
import io.wharf.api.errors.WharfException;
import io.wharf.api.image.ImageReference;
import io.wharf.api.registry.BlobPushOutcome;
import io.wharf.api.registry.Credentials;
import io.wharf.api.registry.Descriptor;
import io.wharf.api.registry.MediaTypes;
import io.wharf.api.registry.RegistryClient;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;

/**
 * {@code docker push}: each layer's stored blob is pushed as is (so its digest is stable and a second push
 * finds everything present), mounted from another repository of the same registry when the layer is known
 * there, then the config and a schema 2 manifest.
 */
final class Pusher {
    private final RegistryClient registry;
    private final ContentStore content;
    private final DiskLayerStore layers;
    private final ReferenceStore refs;
    private final ImageCommitter committer;
    private final ObjectMapper json;
    private final ExecutorService workers;

    Pusher(RegistryClient registry, ContentStore content, DiskLayerStore layers, ReferenceStore refs,
            ImageCommitter committer, ObjectMapper json, ExecutorService workers) {
        this.registry = registry;
        this.content = content;
        this.layers = layers;
        this.refs = refs;
        this.committer = committer;
        this.json = json;
        this.workers = workers;
    }

    void push(ImageReference ref, String imageId, String top, Credentials credentials, ProgressListener progress) {
        ImageReference repo = ref.repository();
        List<Layer> chain = layers.chain(top);
        List<CompletableFuture<Descriptor>> pushed = new ArrayList<>();
        for (int i = chain.size() - 1; i >= 0; i--) {
            progress.progress(ProgressMessage.status(Puller.shortId(chain.get(i).diffId()), "Preparing"));
        }
        for (Layer l : chain) {
            pushed.add(CompletableFuture.supplyAsync(() -> pushLayer(repo, l, credentials, progress), workers));
        }
        List<Descriptor> descriptors = new ArrayList<>();
        for (CompletableFuture<Descriptor> f : pushed) {
            descriptors.add(await(f));
        }
        long configSize = content.read(imageId).length;
        Descriptor config = new Descriptor(MediaTypes.DOCKER_CONFIG, imageId, configSize);
        registry.pushBlob(repo, config, () -> Files.newInputStream(content.path(imageId)), Optional.empty(),
                credentials, n -> { });
        byte[] manifest = manifest(config, descriptors);
        String tag = ref.tag().orElse(ImageReference.DEFAULT_TAG);
        String digest = registry.pushManifest(repo, tag, MediaTypes.DOCKER_MANIFEST, manifest, credentials);
        refs.put(repo.withDigest(digest), imageId);
        progress.progress(ProgressMessage.status(null, tag + ": digest: " + digest + " size: " + manifest.length));
        Map<String, Object> aux = new LinkedHashMap<>();
        aux.put("Tag", tag);
        aux.put("Digest", digest);
        aux.put("Size", manifest.length);
        progress.progress(ProgressMessage.aux(aux));
        committer.publish("push", ref.familiarString(), ref.familiarName());
    }

    private Descriptor pushLayer(ImageReference repo, Layer l, Credentials credentials, ProgressListener progress) {
        String id = Puller.shortId(l.diffId());
        String type = MediaTypes.layerCompression(l.mediaType()).equals("gzip") ? MediaTypes.DOCKER_LAYER_GZIP
                : MediaTypes.DOCKER_LAYER_UNCOMPRESSED;
        Descriptor d = new Descriptor(type, l.blob(), l.blobSize());
        List<String> known = layers.knownRepositories(l.chainId());
        Optional<ImageReference> mountFrom = known.stream().filter(r -> !r.equals(repo.toString()))
                .map(ImageReference::parseCanonical).filter(r -> r.domain().equals(repo.domain())).findFirst();
        BlobPushOutcome outcome = registry.pushBlob(repo, d, () -> Files.newInputStream(content.path(l.blob())),
                mountFrom, credentials, new ThrottledProgress(progress, id, "Pushing", l.blobSize()));
        layers.addKnownRepository(l.chainId(), repo.toString());
        switch (outcome) {
            case EXISTS -> progress.progress(ProgressMessage.status(id, "Layer already exists"));
            case MOUNTED -> progress.progress(ProgressMessage.status(id, "Mounted from " + mountFrom.get().path()));
            default -> progress.progress(ProgressMessage.status(id, "Pushed"));
        }
        return d;
    }

    private byte[] manifest(Descriptor config, List<Descriptor> layerDescriptors) {
        ObjectNode m = json.createObjectNode();
        m.put("schemaVersion", 2);
        m.put("mediaType", MediaTypes.DOCKER_MANIFEST);
        m.set("config", descriptor(config));
        ArrayNode a = m.putArray("layers");
        layerDescriptors.forEach(d -> a.add(descriptor(d)));
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsBytes(m);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new WharfException("cannot encode manifest", e);
        }
    }

    private ObjectNode descriptor(Descriptor d) {
        ObjectNode n = json.createObjectNode();
        n.put("mediaType", d.mediaType());
        n.put("size", d.size());
        n.put("digest", d.digest());
        return n;
    }

    private static <T> T await(CompletableFuture<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WharfException("push interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) {
                throw r;
            }
            throw new WharfException(String.valueOf(c.getMessage()), c);
        }
    }
}
