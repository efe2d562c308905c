package io.wharf.daemon.internal.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wharf.api.common.ProgressListener;
import io.wharf.api.common.ProgressMessage;
import io.wharf.api.errors.WharfException;
import io.wharf.api.image.ImageReference;
import io.wharf.api.registry.Credentials;
import io.wharf.api.registry.Descriptor;
import io.wharf.api.registry.Platform;
import io.wharf.api.registry.RegistryClient;
import io.wharf.api.registry.ResolvedManifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;

/**
 * {@code docker pull}: resolves the manifest for the platform, downloads the missing layers (a few at a time,
 * each blob once however many pulls want it), applies them in order through the storage driver while checking
 * their diff IDs, and only then records the image and its references. A failed pull keeps nothing.
 */
final class Puller {
    private final RegistryClient registry;
    private final ContentStore content;
    private final DiskLayerStore layers;
    private final ImageCommitter committer;
    private final ImageCatalog catalog;
    private final ReferenceStore refs;
    private final ObjectMapper json;
    private final ExecutorService downloads;
    private final Map<String, CompletableFuture<Void>> blobsInFlight = new ConcurrentHashMap<>();
    private final Map<String, Object> chainLocks = new ConcurrentHashMap<>();

    Puller(RegistryClient registry, ContentStore content, DiskLayerStore layers, ImageCommitter committer,
            ImageCatalog catalog, ReferenceStore refs, ObjectMapper json, ExecutorService downloads) {
        this.registry = registry;
        this.content = content;
        this.layers = layers;
        this.committer = committer;
        this.catalog = catalog;
        this.refs = refs;
        this.json = json;
        this.downloads = downloads;
    }

    void pull(ImageReference ref, Platform platform, Credentials credentials, ProgressListener progress) {
        String shownTag = ref.digest().orElse(ref.tag().orElse(ImageReference.DEFAULT_TAG));
        progress.progress(ProgressMessage.status(shownTag, "Pulling from " + ref.path()));
        ResolvedManifest m = registry.resolve(ref, platform == null ? Platform.LINUX_AMD64 : platform, credentials);
        String stage = "stage-" + UUID.randomUUID();
        try {
            String configDigest = m.config().digest();
            if (!content.has(configDigest)) {
                fetch(ref, m.config(), credentials, null);
            }
            byte[] configBytes = content.read(configDigest);
            JsonNode config = json.readTree(configBytes);
            List<String> diffIds = ImageConfigs.diffIds(config);
            List<Descriptor> blobs = m.layers();
            if (diffIds.size() != blobs.size()) {
                throw new WharfException("image config of " + ref.familiarString() + " lists " + diffIds.size()
                        + " layers but its manifest " + blobs.size());
            }
            boolean existed = catalog.exists(configDigest);
            List<String> chains = new ArrayList<>();
            String parent = null;
            for (String d : diffIds) {
                parent = Layer.chainId(parent, d);
                chains.add(parent);
            }
            int present = 0;
            for (int i = chains.size() - 1; i >= 0; i--) {
                if (layers.acquire(stage, chains.get(i))) {
                    present = i + 1;
                    break;
                }
            }
            for (int i = 0; i < blobs.size(); i++) {
                String id = shortId(blobs.get(i).digest());
                progress.progress(ProgressMessage.status(id, i < present ? "Already exists" : "Pulling fs layer"));
            }
            List<CompletableFuture<Void>> fetched = new ArrayList<>();
            for (int i = 0; i < blobs.size(); i++) {
                fetched.add(i < present ? CompletableFuture.completedFuture(null)
                        : download(ref, blobs.get(i), credentials, progress));
            }
            for (int i = present; i < blobs.size(); i++) {
                Descriptor b = blobs.get(i);
                String id = shortId(b.digest());
                await(fetched.get(i));
                String parentChain = i == 0 ? null : chains.get(i - 1);
                synchronized (chainLocks.computeIfAbsent(chains.get(i), k -> new Object())) {
                    if (!layers.acquire(stage, chains.get(i))) {
                        long total = b.size();
                        layers.apply(stage, parentChain, diffIds.get(i), b.digest(), b.mediaType(), null,
                                new ThrottledProgress(progress, id, "Extracting", total));
                    }
                }
                progress.progress(ProgressMessage.status(id, "Pull complete"));
            }
            String top = chains.isEmpty() ? null : chains.get(chains.size() - 1);
            String imageId = committer.commit(configBytes, top, stage);
            for (String c : chains) {
                layers.addKnownRepository(c, ref.repository().toString());
            }
            ImageReference byDigest = ref.repository().withDigest(m.referenceDigest());
            boolean upToDate = existed && imageId.equals(refs.get(byDigest))
                    && (ref.tag().isEmpty() || imageId.equals(refs.get(ref)));
            refs.put(byDigest, imageId);
            if (ref.tag().isPresent()) {
                committer.tag(ref, imageId);
            }
            progress.progress(ProgressMessage.status(null, "Digest: " + m.referenceDigest()));
            progress.progress(ProgressMessage.status(null, (upToDate ? "Status: Image is up to date for "
                    : "Status: Downloaded newer image for ") + ref.familiarString()));
            committer.publish("pull", ref.familiarString(), ref.familiarName());
        } catch (IOException e) {
            throw new UncheckedIOException("pulling " + ref.familiarString() + ": " + e.getMessage(), e);
        } finally {
            layers.release(stage);
        }
    }

    private CompletableFuture<Void> download(ImageReference ref, Descriptor blob, Credentials credentials,
            ProgressListener progress) {
        String id = shortId(blob.digest());
        if (content.has(blob.digest())) {
            progress.progress(ProgressMessage.status(id, "Download complete"));
            return CompletableFuture.completedFuture(null);
        }
        progress.progress(ProgressMessage.status(id, "Waiting"));
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> shared = blobsInFlight.putIfAbsent(blob.digest(), mine);
        if (shared != null) {
            return shared.thenRun(() -> progress.progress(ProgressMessage.status(id, "Download complete")));
        }
        downloads.execute(() -> {
            try {
                fetch(ref, blob, credentials, new ThrottledProgress(progress, id, "Downloading", blob.size()));
                progress.progress(ProgressMessage.status(id, "Verifying Checksum"));
                progress.progress(ProgressMessage.status(id, "Download complete"));
                mine.complete(null);
            } catch (Throwable t) {
                mine.completeExceptionally(t);
            } finally {
                blobsInFlight.remove(blob.digest(), mine);
            }
        });
        return mine;
    }

    private void fetch(ImageReference ref, Descriptor blob, Credentials credentials,
            java.util.function.LongConsumer progress) throws IOException {
        Path temp = content.tempFile("pull");
        try {
            registry.fetchBlob(ref, blob, credentials, temp, progress == null ? n -> { } : progress);
            content.commitFetched(temp, blob.digest());
        } finally {
            ContentStore.deleteQuietly(temp);
        }
    }

    private static void await(CompletableFuture<Void> f) {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WharfException("pull interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) {
                throw r;
            }
            throw new WharfException(c.getMessage() == null ? c.toString() : c.getMessage(), c);
        }
    }

    static String shortId(String digest) {
        String hex = digest.substring(digest.indexOf(':') + 1);
        return hex.substring(0, Math.min(12, hex.length()));
    }
}
