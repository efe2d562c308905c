package io.wharf.daemon.internal.image;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.wharf.api.errors.ConflictException;
import io.wharf.api.errors.NotFoundException;
import io.wharf.api.errors.WharfException;
import io.wharf.api.registry.MediaTypes;
import io.wharf.api.storage.StorageDriver;
import io.wharf.archive.AsyncOutputStream;
import io.wharf.archive.Compression;
import io.wharf.archive.DigestingInputStream;
import io.wharf.archive.DigestingOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Image layers keyed by chain ID ({@code layers/sha256/<chainid>/layer.json}) and containers' writable layers
 * ({@code layers/mounts/<container>/rw.json}), with reference counts. Every owner (an image, a container, a
 * pull in progress) holds one reference file {@code layers/refs/<owner>} naming its top layer; a layer's count
 * is the number of owners standing on it, recomputed from these files at start, so the counts never drift
 * from what is on disk. A layer is built in a {@code .tmp-} directory and renamed into place when complete;
 * what a crash leaves in such directories is removed at the next start.
 */
final class DiskLayerStore {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** In a writable layer's directory: the driver ID of its init layer. */
    private static final String INIT_ID_FILE = "init-driver-id";

    private final Path root;
    private final Path layers;
    private final Path refs;
    private final Path mounts;
    private final ContentStore content;
    private final StorageAccess storage;
    private final ObjectMapper json;
    private final java.util.concurrent.Executor background;
    /** chain ID → owners standing on it; guarded by this */
    private final Map<String, Integer> counts = new HashMap<>();
    /** owner → top chain ID; guarded by this */
    private final Map<String, String> owners = new HashMap<>();

    DiskLayerStore(Path imageRoot, ContentStore content, StorageAccess storage, ObjectMapper json) {
        this(imageRoot, content, storage, json, Runnable::run);
    }

    /** {@code background} deletes removed writable layers; what it has not done by a restart, recover does. */
    DiskLayerStore(Path imageRoot, ContentStore content, StorageAccess storage, ObjectMapper json,
            java.util.concurrent.Executor background) {
        this.background = background;
        this.root = imageRoot.resolve("layers");
        this.layers = root.resolve("sha256");
        this.refs = root.resolve("refs");
        this.mounts = root.resolve("mounts");
        this.content = content;
        this.storage = storage;
        this.json = json;
        try {
            Files.createDirectories(layers);
            Files.createDirectories(refs);
            Files.createDirectories(mounts);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + root, e);
        }
    }

    /**
     * Brings the store back to a consistent state after a crash: removes half-built layers, the references
     * of pulls that never finished and of images that no longer exist, and every layer no owner stands on.
     */
    synchronized void recover(Predicate<String> imageExists) {
        StorageDriver driver = storage.driver();
        for (Path dir : list(layers)) {
            if (dir.getFileName().toString().startsWith(".tmp-")) {
                discardStaging(driver, dir);
            }
        }
        for (Path dir : list(mounts)) {
            if (dir.getFileName().toString().startsWith(".tmp-")) {
                discardStaging(driver, dir);
            }
        }
        owners.clear();
        counts.clear();
        for (Path ref : list(refs)) {
            String owner = ref.getFileName().toString();
            boolean keep = !owner.startsWith("stage-") && !owner.startsWith(".tmp")
                    && (!owner.startsWith("image-") || imageExists.test("sha256:" + owner.substring(6)))
                    && (!owner.startsWith("container-") || Files.isDirectory(mounts.resolve(owner.substring(10))));
            String chain = keep ? readString(ref) : null;
            if (keep && chain != null && !chain.isEmpty() && Files.isDirectory(layerDir(chain))) {
                owners.put(owner, chain);
                forChain(chain, c -> counts.merge(c, 1, Integer::sum));
            } else {
                ContentStore.deleteQuietly(ref);
            }
        }
        for (Path dir : list(layers)) {
            String name = dir.getFileName().toString();
            if (!name.startsWith(".") && !counts.containsKey("sha256:" + name)) {
                removeLayer(driver, "sha256:" + name);
            }
        }
    }

    Optional<Layer> get(String chainId) {
        Path f = layerDir(chainId).resolve("layer.json");
        if (!Files.exists(f)) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(f.toFile(), Layer.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read layer " + chainId, e);
        }
    }

    Layer require(String chainId) {
        return get(chainId).orElseThrow(() -> new NotFoundException("layer " + chainId + " does not exist"));
    }

    /** The layers from the base to {@code top}. */
    List<Layer> chain(String top) {
        List<Layer> out = new ArrayList<>();
        for (String c = top; c != null;) {
            Layer l = require(c);
            out.add(0, l);
            c = l.parent();
        }
        return out;
    }

    /** Makes {@code owner} stand on the existing layer {@code chainId}; false when there is no such layer. */
    synchronized boolean acquire(String owner, String chainId) {
        if (!Files.isDirectory(layerDir(chainId))) {
            return false;
        }
        hold(owner, chainId);
        return true;
    }

    /** Sets the top layer {@code owner} stands on (null for none), releasing what it stood on before. */
    synchronized void hold(String owner, String chainId) {
        String old = owners.get(owner);
        // a pull or load in progress keeps its hold in memory only: after a crash its layers are garbage anyway
        boolean durable = !owner.startsWith("stage-");
        if (chainId != null) {
            if (durable && owner.startsWith("container-")) {
                // the container's record names its image too, and a container in use keeps its image
                StoreFiles.replace(refs.resolve(owner), chainId.getBytes(StandardCharsets.UTF_8));
            } else if (durable) {
                StoreFiles.write(refs.resolve(owner), chainId.getBytes(StandardCharsets.UTF_8));
            }
            owners.put(owner, chainId);
            forChain(chainId, c -> counts.merge(c, 1, Integer::sum));
        } else {
            if (durable) {
                ContentStore.deleteQuietly(refs.resolve(owner));
            }
            owners.remove(owner);
        }
        if (old != null) {
            drop(old);
        }
    }

    synchronized void release(String owner) {
        hold(owner, null);
    }

    /** Whether another owner than {@code owner} stands on {@code chainId}. */
    synchronized int count(String chainId) {
        return counts.getOrDefault(chainId, 0);
    }

    private void drop(String top) {
        List<String> dead = new ArrayList<>();
        forChain(top, c -> {
            if (counts.merge(c, -1, Integer::sum) <= 0) {
                counts.remove(c);
                dead.add(c);
            }
        });
        if (!dead.isEmpty()) {
            StorageDriver driver = storage.driver();
            for (String c : dead) {
                removeLayer(driver, c);
            }
        }
    }

    private void forChain(String top, java.util.function.Consumer<String> action) {
        for (String c = top; c != null;) {
            action.accept(c);
            c = get(c).map(Layer::parent).orElse(null);
        }
    }

    /**
     * Applies a layer tar on top of {@code parent} and makes {@code owner} stand on it. {@code blob} is the
     * layer as stored in the content store (compressed or not, as {@code mediaType} says) and {@code tar} is
     * null; or {@code blob} is null and {@code tar} an uncompressed tar, stored gzip-compressed as it is read.
     * When {@code expectedDiffId} is given, content with another digest is refused and nothing is kept.
     */
    Layer apply(String owner, String parent, String expectedDiffId, String blob, String mediaType, InputStream tar,
            java.util.function.LongConsumer progress) throws IOException {
        StorageDriver driver = storage.driver();
        String parentDriverId = parent == null ? null : require(parent).driverId();
        String driverId = randomId();
        Path staging = layers.resolve(".tmp-" + UUID.randomUUID());
        Files.createDirectories(staging);
        // written first, so that a crash at any later point lets the next start remove the driver's layer
        StoreFiles.write(staging.resolve("driver-id"), driverId.getBytes(StandardCharsets.UTF_8));
        Path gzTemp = null;
        boolean done = false;
        try {
            driver.create(driverId, parentDriverId, false, Map.of());
            String diffId;
            long blobSize;
            long applied;
            String storedBlob = blob;
            String storedType = mediaType;
            if (blob != null) {
                blobSize = Files.size(content.path(blob));
                try (InputStream raw = new CountingInputStream(Files.newInputStream(content.path(blob)), progress);
                        InputStream plain = decompress(raw, mediaType);
                        DigestingInputStream d = new DigestingInputStream(plain)) {
                    applied = driver.applyDiff(driverId, parentDriverId, d);
                    d.transferTo(OutputStream.nullOutputStream());
                    diffId = d.digest();
                }
            } else {
                gzTemp = content.tempFile("layer");
                DigestingOutputStream gzDigest;
                try (DigestingInputStream d = new DigestingInputStream(tar);
                        OutputStream file = Files.newOutputStream(gzTemp)) {
                    gzDigest = new DigestingOutputStream(file);
                    // compressed on a second thread while this one extracts and hashes: a new layer costs the
                    // slower of the two instead of both
                    try (AsyncOutputStream gz = new AsyncOutputStream(Compression.fastGzip(gzDigest),
                            "wharf-compress-" + driverId)) {
                        InputStream tee = new TeeInputStream(d, gz, progress);
                        applied = driver.applyDiff(driverId, parentDriverId, tee);
                        tee.transferTo(OutputStream.nullOutputStream());
                    }
                    diffId = d.digest();
                }
                storedBlob = gzDigest.digest();
                blobSize = gzDigest.count();
                storedType = MediaTypes.DOCKER_LAYER_GZIP;
            }
            if (expectedDiffId != null && !expectedDiffId.equals(diffId)) {
                throw new WharfException("filesystem layer verification failed for digest " + expectedDiffId
                        + ": the layer's content has digest " + diffId);
            }
            if (gzTemp != null) {
                content.commitTrusted(gzTemp, storedBlob);
            }
            String chain = Layer.chainId(parent, diffId);
            Layer layer = new Layer(chain, diffId, parent, applied, driverId, storedBlob, blobSize, storedType);
            synchronized (this) {
                if (Files.isDirectory(layerDir(chain))) {
                    hold(owner, chain);
                    return require(chain);   // someone else applied the same layer meanwhile: keep theirs
                }
                StoreFiles.write(staging.resolve("layer.json"), json.writeValueAsBytes(layer));
                Files.move(staging, layerDir(chain), StandardCopyOption.ATOMIC_MOVE);
                done = true;
                hold(owner, chain);
                return layer;
            }
        } finally {
            if (gzTemp != null) {
                ContentStore.deleteQuietly(gzTemp);
            }
            if (!done) {
                discardStaging(driver, staging);
            }
        }
    }

    /** The layer's tar, uncompressed: exactly the bytes whose digest is its diff ID. */
    InputStream openTar(Layer layer) throws IOException {
        return decompress(Files.newInputStream(content.path(layer.blob())), layer.mediaType());
    }

    /** The repositories (canonical names) the layer's blob is known to be in, for push and cross mounts. */
    synchronized List<String> knownRepositories(String chainId) {
        Path f = layerDir(chainId).resolve("repositories");
        if (!Files.exists(f)) {
            return List.of();
        }
        try {
            return Files.readAllLines(f).stream().filter(s -> !s.isBlank()).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    synchronized void addKnownRepository(String chainId, String repository) {
        List<String> known = new ArrayList<>(knownRepositories(chainId));
        if (!known.contains(repository) && Files.isDirectory(layerDir(chainId))) {
            known.add(repository);
            StoreFiles.write(layerDir(chainId).resolve("repositories"),
                    (String.join("\n", known) + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Sum of the sizes of every layer, each counted once. */
    long totalSize() {
        long sum = 0;
        for (Path dir : list(layers)) {
            String name = dir.getFileName().toString();
            if (!name.startsWith(".")) {
                sum += get("sha256:" + name).map(Layer::size).orElse(0L);
            }
        }
        return sum;
    }

    // --- writable layers ---

    synchronized ReadWriteLayer createReadWrite(String containerId, String imageId, String top,
            boolean discardedAtExit) {
        if (Files.exists(mounts.resolve(containerId))) {
            throw new ConflictException("the writable layer of container " + containerId + " exists already");
        }
        StorageDriver driver = storage.driver();
        String parentDriverId = top == null ? null : require(top).driverId();
        String driverId = randomId();
        String initId = driverId + InitLayer.SUFFIX;
        Path staging = mounts.resolve(".tmp-" + UUID.randomUUID());
        boolean done = false;
        try {
            Files.createDirectories(staging);
            // not flushed: a power cut right after `docker create` may lose this container (see replace);
            // both IDs are written before either layer exists, so that a crash leaves nothing the next start misses
            StoreFiles.replace(staging.resolve(INIT_ID_FILE), initId.getBytes(StandardCharsets.UTF_8));
            StoreFiles.replace(staging.resolve("driver-id"), driverId.getBytes(StandardCharsets.UTF_8));
            Map<String, String> options = discardedAtExit ? Map.of(StorageDriver.OPTION_VOLATILE, "true") : Map.of();
            // created as dockerd does, as a writable layer (its records unflushed), and never mounted by itself
            driver.create(initId, parentDriverId, true, options);
            driver.applyDiff(initId, parentDriverId, InitLayer.tar());
            driver.create(driverId, initId, true, options);
            ReadWriteLayer rw = new ReadWriteLayer(containerId, imageId, storage.name(), driverId, top, initId);
            StoreFiles.replace(staging.resolve("rw.json"), json.writeValueAsBytes(rw));
            hold("container-" + containerId, top);
            Files.move(staging, mounts.resolve(containerId), StandardCopyOption.ATOMIC_MOVE);
            done = true;
            return rw;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the writable layer of " + containerId, e);
        } finally {
            if (!done) {
                discardStaging(driver, staging);
                release("container-" + containerId);
            }
        }
    }

    Optional<ReadWriteLayer> readWrite(String containerId) {
        Path f = mounts.resolve(containerId).resolve("rw.json");
        if (!Files.exists(f)) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(f.toFile(), ReadWriteLayer.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the writable layer of " + containerId, e);
        }
    }

    ReadWriteLayer requireReadWrite(String containerId) {
        return readWrite(containerId).orElseThrow(
                () -> new NotFoundException("no writable layer for container " + containerId));
    }

    /** The driver ID of the layer the writable layer's changes are taken against: its init layer, if it has one. */
    String parentDriverId(ReadWriteLayer rw) {
        if (rw.initLayerId() != null) {
            return rw.initLayerId();
        }
        return rw.parentLayer() == null ? null : require(rw.parentLayer()).driverId();
    }

    synchronized void removeReadWrite(String containerId) {
        Optional<ReadWriteLayer> rw = readWrite(containerId);
        if (rw.isEmpty()) {
            return;
        }
        StorageDriver driver = storage.driver();
        Path doomed = mounts.resolve(".tmp-rm-" + UUID.randomUUID());
        try {
            Files.move(mounts.resolve(containerId), doomed, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the writable layer of " + containerId, e);
        }
        release("container-" + containerId);
        // Renamed away, the layer is gone for everyone; its files go off the path of `docker rm` (and of
        // `docker run --rm`). A restart before that finds the renamed directory and finishes the job.
        try {
            background.execute(() -> discardQuietly(driver, doomed));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            discardQuietly(driver, doomed);
        }
    }

    private void discardQuietly(StorageDriver driver, Path doomed) {
        try {
            discardStaging(driver, doomed);
        } catch (RuntimeException e) {
            System.getLogger(DiskLayerStore.class.getName()).log(System.Logger.Level.WARNING,
                    "cannot remove " + doomed + " yet (the next start will): " + e.getMessage());
        }
    }

    StorageAccess storage() {
        return storage;
    }

    // --- helpers ---

    private void removeLayer(StorageDriver driver, String chain) {
        Optional<Layer> layer = get(chain);
        Path doomed = layers.resolve(".tmp-rm-" + UUID.randomUUID());
        try {
            Files.move(layerDir(chain), doomed, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            return;
        }
        if (layer.isPresent() && layer.get().driverId() != null) {
            StoreFiles.write(doomed.resolve("driver-id"), layer.get().driverId().getBytes(StandardCharsets.UTF_8));
        }
        discardStaging(driver, doomed);
        layer.ifPresent(l -> {
            if (!blobInUse(l.blob())) {
                content.delete(l.blob());
            }
        });
    }

    private boolean blobInUse(String blob) {
        for (Path dir : list(layers)) {
            if (!dir.getFileName().toString().startsWith(".")) {
                Optional<Layer> l = get("sha256:" + dir.getFileName());
                if (l.isPresent() && blob.equals(l.get().blob())) {
                    return true;
                }
            }
        }
        return false;
    }

    private void discardStaging(StorageDriver driver, Path dir) {
        // the writable layer first: it stands on the init layer
        String driverId = readString(dir.resolve("driver-id"));
        if (driverId != null) {
            try {
                driver.unmount(driverId);
            } catch (RuntimeException e) {
                // not mounted
            }
            driver.remove(driverId);
        }
        String initId = readString(dir.resolve(INIT_ID_FILE));
        if (initId != null) {
            driver.remove(initId);
        }
        StoreFiles.deleteTree(dir);
    }

    private Path layerDir(String chainId) {
        return layers.resolve(ContentStore.hex(chainId));
    }

    private static String readString(Path f) {
        try {
            return Files.exists(f) ? Files.readString(f).trim() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static List<Path> list(Path dir) {
        try (var s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static String randomId() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    static InputStream decompress(InputStream in, String mediaType) throws IOException {
        String c = MediaTypes.layerCompression(mediaType);
        if (c.equals("zstd")) {
            in.close();
            throw new WharfException("zstd-compressed layers are not supported");
        }
        return Compression.decompress(in);
    }

    /** Reports the bytes read so far. */
    static final class CountingInputStream extends FilterInputStream {
        private final java.util.function.LongConsumer progress;
        private long count;

        CountingInputStream(InputStream in, java.util.function.LongConsumer progress) {
            super(in);
            this.progress = progress == null ? n -> { } : progress;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                progress.accept(++count);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
                progress.accept(count);
            }
            return n;
        }
    }

    /** Copies what is read to a second stream (the compressed copy kept in the content store). */
    static final class TeeInputStream extends FilterInputStream {
        private final OutputStream copy;
        private final java.util.function.LongConsumer progress;
        private long count;

        TeeInputStream(InputStream in, OutputStream copy, java.util.function.LongConsumer progress) {
            super(in);
            this.copy = copy;
            this.progress = progress == null ? n -> { } : progress;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                copy.write(b);
                progress.accept(++count);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                copy.write(b, off, n);
                count += n;
                progress.accept(count);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] buf = new byte[(int) Math.min(n, 64 * 1024)];
            int r = read(buf, 0, buf.length);
            return Math.max(r, 0);
        }

        @Override
        public void close() {
            // the caller closes the underlying streams
        }
    }
}
