package io.wharf.daemon.internal.image;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.api.common.Filters;
import io.wharf.api.common.ProgressListener;
import io.wharf.api.common.ProgressMessage;
import io.wharf.api.common.PruneReport;
import io.wharf.api.errors.ConflictException;
import io.wharf.api.errors.InvalidArgumentException;
import io.wharf.api.errors.NotFoundException;
import io.wharf.api.errors.WharfException;
import io.wharf.api.events.EventService;
import io.wharf.api.image.DeleteResult;
import io.wharf.api.image.HistoryEntry;
import io.wharf.api.image.ImageDetails;
import io.wharf.api.image.ImageListOptions;
import io.wharf.api.image.ImageReference;
import io.wharf.api.container.ContainerConfig;
import io.wharf.api.image.ImageService;
import io.wharf.api.image.ImageSummary;
import io.wharf.api.image.ImportOptions;
import io.wharf.api.plugin.DriverRegistry;
import io.wharf.api.registry.Credentials;
import io.wharf.api.registry.FetchedManifest;
import io.wharf.api.registry.MediaTypes;
import io.wharf.api.registry.Platform;
import io.wharf.api.registry.RegistryClient;
import io.wharf.api.storage.StorageDriver;
import io.wharf.archive.Compression;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;

/**
 * The image store under {@code <data-root>/image}: the engine's {@link ImageService}, and the
 * {@link ImageStore} and {@link LayerStore} the container code uses. Stores are recovered from disk (leftovers of
 * an interrupted pull or load removed) the first time the storage driver is needed.
 */
@Component(service = {ImageService.class, ImageStore.class, LayerStore.class, ImageDiskUsage.class},
        configurationPid = LocalImageService.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class LocalImageService implements ImageService, ImageStore, LayerStore, ImageDiskUsage {
    /** This component's configuration; the launcher fills it from daemon.json and the command line. */
    public static final String PID = "io.wharf.daemon.images";

    private static final Pattern HEX_PREFIX = Pattern.compile("(sha256:)?[0-9a-f]{1,64}");

    private final ObjectMapper json = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    private final ContentStore content;
    private final ReferenceStore refs;
    private final ImageCatalog catalog;
    private final DiskLayerStore layers;
    private final ImageCommitter committer;
    private final RegistryClient registry;
    private final ExecutorService workers;
    private final TransferPools transfers;
    private final Puller puller;
    private final Pusher pusher;
    private volatile boolean recovered;

    /**
     * Who uses an image is asked of the registered {@link ImageUsers} when it matters (rmi, prune), not bound
     * as a reference: the container service, which implements it, itself needs this store, and a reference
     * each way is a cycle the component runtime can only report.
     */
    private volatile BundleContext context;
    private volatile List<ImageUsers> users;

    @Activate
    public LocalImageService(ImageStoreConfiguration config, BundleContext context, @Reference DriverRegistry drivers,
            @Reference RegistryClient registry, @Reference EventService events) {
        this(Path.of(config.data_root()).resolve("image"),
                new RecordedStorage(Path.of(config.data_root()).resolve("image"), drivers, config.storage_driver()),
                registry, events);
        this.context = context;
        modified(config);
    }

    /** A reload changes how many layers move at once; the data root and storage driver stay until a restart. */
    @Modified
    void modified(ImageStoreConfiguration config) {
        transfers.resize(config.max_concurrent_downloads(), config.max_concurrent_uploads());
    }

    /** For tests: a store under {@code imageRoot} on the given driver. */
    LocalImageService(Path imageRoot, StorageAccess storage, RegistryClient registry, EventService events) {
        this.content = new ContentStore(imageRoot);
        this.refs = new ReferenceStore(imageRoot.resolve("repositories.json"), json);
        this.catalog = new ImageCatalog(imageRoot, content, json);
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(3, r -> {
            Thread t = new Thread(r, "wharf-image-transfer-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.layers = new DiskLayerStore(imageRoot, content, storage, json, workers);
        this.committer = new ImageCommitter(content, layers, catalog, refs, events);
        this.registry = registry;
        this.transfers = new TransferPools(TransferPools.DEFAULT_DOWNLOADS, TransferPools.DEFAULT_UPLOADS);
        this.puller = new Puller(registry, content, layers, committer, catalog, refs, json, transfers.downloads());
        this.pusher = new Pusher(registry, content, layers, refs, committer, json, transfers.uploads());
    }

    @Deactivate
    void deactivate() {
        workers.shutdownNow();
        transfers.shutdownNow();
    }

    TransferPools transfers() {
        return transfers;
    }

    DiskLayerStore layers() {
        return layers;
    }

    /** Test seam: the users to consult (the container store's service in the framework). */
    void setUsers(List<ImageUsers> u) {
        users = List.copyOf(u);
    }

    /** Removes what a crash left, once, as soon as the storage driver is there. */
    private void ready() {
        if (recovered) {
            return;
        }
        synchronized (this) {
            if (recovered) {
                return;
            }
            layers.storage().driver();
            content.clean();
            layers.recover(catalog::exists);
            refs.retainImages(catalog::exists);
            recovered = true;
        }
    }

    /** Recovers if the driver is there; queries work without it (sizes and driver data are then missing). */
    private void readyIfPossible() {
        if (!recovered) {
            try {
                ready();
            } catch (io.wharf.api.errors.WharfException e) {
                // no storage driver yet: recover at the next call that needs one
            }
        }
    }

    // --- ImageStore ---

    @Override
    public Image resolve(String name) {
        return toImage(entry(name));
    }

    @Override
    public Optional<Image> find(String name) {
        try {
            return Optional.of(resolve(name));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    private Image toImage(ImageCatalog.Entry e) {
        return new Image(e.id(), ImageConfigs.containerConfig(e.config()), e.config().path("os").asText("linux"),
                e.config().path("architecture").asText("amd64"), e.config().path("created").asText(""),
                ImageConfigs.diffIds(e.config()), e.top(), repoTags(e.id()));
    }

    ImageCatalog.Entry entry(String name) {
        return lookup(name).orElseThrow(() -> new NotFoundException("No such image: " + name));
    }

    private Optional<ImageCatalog.Entry> lookup(String name) {
        if (name == null || name.isEmpty()) {
            throw new InvalidArgumentException("image name must not be empty");
        }
        if (name.startsWith("sha256:")) {
            return byPrefix(name.substring(7));
        }
        ImageReference ref;
        try {
            ref = ImageReference.parse(name);
        } catch (InvalidArgumentException e) {
            if (HEX_PREFIX.matcher(name).matches()) {
                return byPrefix(name);
            }
            throw e;
        }
        String id = refs.get(ref.withDefaultTag());
        if (id != null && catalog.exists(id)) {
            return catalog.get(id);
        }
        if (HEX_PREFIX.matcher(name).matches()) {
            return byPrefix(name);
        }
        return Optional.empty();
    }

    private Optional<ImageCatalog.Entry> byPrefix(String prefix) {
        List<ImageCatalog.Entry> found = catalog.byPrefix(prefix);
        return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
    }

    private List<String> repoTags(String id) {
        List<String> out = new ArrayList<>();
        for (ImageReference r : refs.referencesTo(id)) {
            if (r.tag().isPresent() && r.digest().isEmpty()) {
                out.add(r.familiarString());
            }
        }
        return out;
    }

    private List<String> repoDigests(String id) {
        List<String> out = new ArrayList<>();
        for (ImageReference r : refs.referencesTo(id)) {
            if (r.digest().isPresent()) {
                out.add(r.familiarName() + "@" + r.digest().get());
            }
        }
        return out;
    }

    /** The image's layers, none when one is missing (an image half removed by a crash). */
    private List<Layer> layersOf(ImageCatalog.Entry e) {
        try {
            return layers.chain(e.top());
        } catch (RuntimeException missing) {
            return List.of();
        }
    }

    private long size(ImageCatalog.Entry e) {
        long sum = 0;
        for (String c = e.top(); c != null;) {
            Optional<Layer> l = layers.get(c);
            if (l.isEmpty()) {
                break;
            }
            sum += l.get().size();
            c = l.get().parent();
        }
        return sum;
    }

    private List<ImageUsers.User> usersOf(String id) {
        List<ImageUsers.User> out = new ArrayList<>();
        List<ImageUsers> fixed = users;
        if (fixed != null) {
            for (ImageUsers u : fixed) {
                out.addAll(u.users(id));
            }
            return out;
        }
        BundleContext bc = context;
        if (bc == null) {
            return out;
        }
        try {
            for (ServiceReference<ImageUsers> ref : bc.getServiceReferences(ImageUsers.class, null)) {
                ImageUsers u = bc.getService(ref);
                if (u != null) {
                    try {
                        out.addAll(u.users(id));
                    } finally {
                        bc.ungetService(ref);
                    }
                }
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    // --- ImageService: queries ---

    @Override
    public List<ImageSummary> list(ImageListOptions options) {
        readyIfPossible();
        Filters f = options.filters() == null ? Filters.empty() : options.filters();
        f.validate(Set.of("dangling", "label", "reference", "before", "since", "until"));
        Long before = f.has("before") ? created(new ArrayList<>(f.get("before"))) : null;
        Long since = f.has("since") ? created(new ArrayList<>(f.get("since"))) : null;
        List<ImageSummary> out = new ArrayList<>();
        for (ImageCatalog.Entry e : catalog.all()) {
            List<String> tags = repoTags(e.id());
            Map<String, String> labels = ImageConfigs.labels(e.config().path("config").path("Labels"));
            if (f.has("dangling")) {
                boolean want = Boolean.TRUE.equals(f.bool("dangling"));
                if (want != tags.isEmpty()) {
                    continue;
                }
            }
            if (!f.labelsMatch("label", labels)) {
                continue;
            }
            if (f.has("reference") && f.get("reference").stream().noneMatch(p -> tags.stream()
                    .anyMatch(t -> matchesReference(p, t)))) {
                continue;
            }
            if (before != null && e.created() >= before || since != null && e.created() <= since) {
                continue;
            }
            if (f.has("until") && f.get("until").stream().anyMatch(u -> e.created() >= untilSeconds(u))) {
                continue;
            }
            if (!options.all() && tags.isEmpty() && isParentOfAnother(e.id())) {
                continue;
            }
            List<String> digests = repoDigests(e.id());
            out.add(new ImageSummary(e.id(), e.parent() == null ? "" : e.parent(), tags, digests, e.created(),
                    size(e), options.sharedSize() ? 0 : -1, labels, -1));
        }
        out.sort(Comparator.comparingLong(ImageSummary::created).reversed().thenComparing(ImageSummary::id));
        return out;
    }

    private boolean isParentOfAnother(String id) {
        return catalog.all().stream().anyMatch(o -> id.equals(o.parent()));
    }

    private long created(List<String> names) {
        return entry(names.get(0)).created();
    }

    private static long untilSeconds(String value) {
        try {
            return Long.parseLong(value.contains(".") ? value.substring(0, value.indexOf('.')) : value);
        } catch (NumberFormatException e) {
            try {
                return Instant.parse(value).getEpochSecond();
            } catch (RuntimeException e2) {
                try {
                    return Instant.now().minus(java.time.Duration.parse("PT" + value.toUpperCase())).getEpochSecond();
                } catch (RuntimeException e3) {
                    throw new InvalidArgumentException("invalid until filter: " + value);
                }
            }
        }
    }

    /** dockerd's reference filter: a glob on the familiar name, with or without the tag. */
    static boolean matchesReference(String pattern, String tagged) {
        String regex = "\\Q" + pattern.replace("*", "\\E[^/]*\\E").replace("?", "\\E.\\E") + "\\E";
        Pattern p = Pattern.compile(regex);
        if (p.matcher(tagged).matches()) {
            return true;
        }
        int colon = tagged.lastIndexOf(':');
        return colon > tagged.lastIndexOf('/') && p.matcher(tagged.substring(0, colon)).matches();
    }

    @Override
    public ImageDetails inspect(String name) {
        ImageCatalog.Entry e = entry(name);
        JsonNode c = e.config();
        Map<String, String> graph = Map.of();
        String driverName = layers.storage().name();
        if (e.top() != null) {
            try {
                graph = layers.storage().driver().metadata(layers.require(e.top()).driverId());
            } catch (RuntimeException ex) {
                graph = Map.of();
            }
        }
        return new ImageDetails(e.id(), repoTags(e.id()), repoDigests(e.id()), e.parent() == null ? "" : e.parent(),
                c.path("comment").asText(""), c.path("created").asText(""), c.path("docker_version").asText(""),
                c.path("author").asText(""), ImageConfigs.containerConfig(c), c.path("architecture").asText(""),
                c.path("variant").asText(""), c.path("os").asText(""), c.path("os.version").asText(""), size(e),
                driverName, graph, ImageConfigs.diffIds(c), e.lastTagTime() == null ? "" : e.lastTagTime());
    }

    @Override
    public List<HistoryEntry> history(String name) {
        ImageCatalog.Entry e = entry(name);
        List<Layer> chain = e.top() == null ? List.of() : layers.chain(e.top());
        List<HistoryEntry> out = new ArrayList<>();
        int layerIndex = 0;
        JsonNode history = e.config().path("history");
        for (JsonNode h : history) {
            long size = 0;
            if (!h.path("empty_layer").asBoolean(false) && layerIndex < chain.size()) {
                size = chain.get(layerIndex++).size();
            }
            long created = 0;
            try {
                created = java.time.OffsetDateTime.parse(h.path("created").asText()).toEpochSecond();
            } catch (RuntimeException ex) {
                created = 0;
            }
            out.add(0, new HistoryEntry("<missing>", created, h.path("created_by").asText(""), List.of(), size,
                    h.path("comment").asText("")));
        }
        if (out.isEmpty()) {
            out.add(new HistoryEntry(e.id(), e.created(), "", List.of(), size(e), ""));
        } else {
            // as dockerd: each step made by a local parent image (a commit, a build step) shows that image
            String id = e.id();
            for (int k = 0; k < out.size() && id != null; k++) {
                HistoryEntry h = out.get(k);
                out.set(k, new HistoryEntry(id, h.created(), h.createdBy(), repoTags(id), h.size(), h.comment()));
                id = catalog.get(id).map(ImageCatalog.Entry::parent).filter(p -> catalog.get(p).isPresent())
                        .orElse(null);
            }
        }
        return out;
    }

    // --- ImageService: changes ---

    @Override
    public void tag(String name, String repo, String tag) {
        ImageCatalog.Entry e = entry(name);
        ImageReference ref = ImageReference.parse(repo);
        if (ref.digest().isPresent()) {
            throw new InvalidArgumentException("refusing to create a tag with a digest reference");
        }
        ref = tag == null || tag.isEmpty() ? ref.withDefaultTag() : ref.withTag(tag);
        committer.tag(ref, e.id());
    }

    @Override
    public synchronized List<DeleteResult> remove(String name, boolean force, boolean noPrune) {
        ready();
        ImageCatalog.Entry e = entry(name);
        String shortId = e.id().substring(7, 19);
        List<DeleteResult> out = new ArrayList<>();
        List<ImageUsers.User> using = usersOf(e.id());
        boolean byId = name.startsWith("sha256:") || e.id().startsWith("sha256:" + name);
        if (!byId) {
            ImageReference ref = ImageReference.parse(name).withDefaultTag();
            List<ImageReference> all = refs.referencesTo(e.id());
            boolean last = all.stream().allMatch(r -> r.equals(ref) || r.digest().isPresent()
                    && r.repository().equals(ref.repository()));
            if (!last || force) {
                refs.remove(ref);
                out.add(new DeleteResult(ref.familiarString(), null));
                committer.publish("untag", e.id(), e.id());
                if (!last) {
                    return out;
                }
            } else if (!using.isEmpty()) {
                throw new ConflictException("conflict: unable to remove repository reference \"" + name
                        + "\" (must force) - container " + shortCid(using.get(0)) + " is using its referenced image "
                        + shortId);
            }
        } else if (!force) {
            Set<String> repos = new HashSet<>();
            refs.referencesTo(e.id()).forEach(r -> repos.add(r.repository().toString()));
            if (repos.size() > 1) {
                throw new ConflictException("conflict: unable to delete " + shortId
                        + " (must be forced) - image is referenced in multiple repositories");
            }
        }
        for (ImageUsers.User u : using) {
            if (u.running()) {
                throw new ConflictException("conflict: unable to delete " + shortId
                        + " (cannot be forced) - image is being used by running container " + shortCid(u));
            }
        }
        if (!using.isEmpty() && !force) {
            throw new ConflictException("conflict: unable to delete " + shortId
                    + " (must be forced) - image is being used by stopped container " + shortCid(using.get(0)));
        }
        boolean hasChildren = isParentOfAnother(e.id());
        if (hasChildren && byId) {
            throw new ConflictException("conflict: unable to delete " + shortId
                    + " (cannot be forced) - image has dependent child images");
        }
        for (ImageReference r : refs.referencesTo(e.id())) {
            refs.remove(r);
            String shown = r.digest().isPresent() ? r.familiarName() + "@" + r.digest().get() : r.familiarString();
            out.add(new DeleteResult(shown, null));
            committer.publish("untag", e.id(), e.id());
        }
        if (hasChildren) {
            return out; // its last tag is gone; the image stays as the parent of its children, as with dockerd
        }
        delete(e);
        out.add(new DeleteResult(null, e.id()));
        if (!noPrune) {
            pruneParents(e.parent(), out);
        }
        return out;
    }

    /**
     * Removes the untagged parents left behind by a removed image (a build's intermediate images, untagged
     * commits), up the chain while they have no tag, no other child and no container.
     */
    private void pruneParents(String parentId, List<DeleteResult> out) {
        String id = parentId;
        while (id != null && !id.isEmpty()) {
            Optional<ImageCatalog.Entry> p = catalog.get(id);
            if (p.isEmpty() || !refs.referencesTo(id).isEmpty() || isParentOfAnother(id) || !usersOf(id).isEmpty()) {
                return;
            }
            delete(p.get());
            out.add(new DeleteResult(null, id));
            id = p.get().parent();
        }
    }

    private static boolean labelsAllowed(Filters f, Map<String, String> labels) {
        if (!f.labelsMatch("label", labels)) {
            return false;
        }
        if (f.has("label!")) {
            for (String cond : f.get("label!")) {
                int eq = cond.indexOf('=');
                String k = eq < 0 ? cond : cond.substring(0, eq);
                if (labels.containsKey(k) && (eq < 0 || labels.get(k).equals(cond.substring(eq + 1)))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static String shortCid(ImageUsers.User u) {
        return u.containerId().substring(0, Math.min(12, u.containerId().length()));
    }

    private void delete(ImageCatalog.Entry e) {
        committer.publish("delete", e.id(), e.id());   // first, while its labels can still be read
        catalog.remove(e.id());
        layers.release("image-" + ContentStore.hex(e.id()));
        content.delete(e.id());
    }

    @Override
    public synchronized PruneReport prune(Filters filters) {
        ready();
        Filters f = filters == null ? Filters.empty() : filters;
        f.validate(Set.of("dangling", "label", "label!", "until"));
        boolean danglingOnly = !f.has("dangling") || Boolean.TRUE.equals(f.bool("dangling"));
        long before = layers.totalSize();
        List<String> deleted = new ArrayList<>();
        for (ImageCatalog.Entry e : catalog.all()) {
            List<String> tags = repoTags(e.id());
            // only images without children, as dockerd: their untagged parents go with them below
            if (danglingOnly && !tags.isEmpty() || !usersOf(e.id()).isEmpty() || !catalog.exists(e.id())
                    || isParentOfAnother(e.id())) {
                continue;
            }
            if (!labelsAllowed(f, ImageConfigs.labels(e.config().path("config").path("Labels")))) {
                continue;
            }
            if (f.has("until") && f.get("until").stream().anyMatch(u -> e.created() >= untilSeconds(u))) {
                continue;
            }
            for (ImageReference r : refs.referencesTo(e.id())) {
                refs.remove(r);
                committer.publish("untag", e.id(), e.id());
            }
            delete(e);
            deleted.add(e.id());
            List<DeleteResult> parents = new ArrayList<>();
            pruneParents(e.parent(), parents);
            parents.forEach(r -> deleted.add(r.deleted()));
        }
        return new PruneReport(deleted, Math.max(0, before - layers.totalSize()));
    }

    @Override
    public void pull(String reference, Platform platform, Credentials credentials, ProgressListener progress) {
        ready();
        ImageReference ref = ImageReference.parse(reference).withDefaultTag();
        puller.pull(ref, platform, credentials == null ? Credentials.anonymous() : credentials, progress);
    }

    @Override
    public void push(String name, String tag, Credentials credentials, ProgressListener progress) {
        ready();
        ImageReference repo = ImageReference.parse(name);
        List<ImageReference> targets = new ArrayList<>();
        if (tag != null && !tag.isEmpty()) {
            targets.add(repo.withTag(tag));
        } else if (repo.tag().isPresent()) {
            targets.add(repo);
        } else {
            refs.all().keySet().stream().map(ImageReference::parseCanonical)
                    .filter(r -> r.repository().equals(repo.repository()) && r.tag().isPresent()
                            && r.digest().isEmpty())
                    .forEach(targets::add);
        }
        List<ImageCatalog.Entry> images = new ArrayList<>();
        for (ImageReference t : targets) {
            String id = refs.get(t);
            if (id != null && catalog.exists(id)) {
                images.add(catalog.get(id).get());
            }
        }
        if (images.isEmpty()) {
            throw new NotFoundException("An image does not exist locally with the tag: " + repo.familiarName());
        }
        progress.progress(ProgressMessage.status(null, "The push refers to repository [" + repo.fullName() + "]"));
        for (int i = 0; i < images.size(); i++) {
            pusher.push(targets.get(i), images.get(i).id(), images.get(i).top(),
                    credentials == null ? Credentials.anonymous() : credentials, progress);
        }
    }

    @Override
    public String importImage(InputStream tar, ImportOptions options, ProgressListener progress) {
        ready();
        ImageReference target = options.repo() == null || options.repo().isEmpty() ? null
                : (options.tag() == null || options.tag().isEmpty() ? ImageReference.parse(options.repo()).withDefaultTag()
                        : ImageReference.parse(options.repo()).withTag(options.tag()));
        String stage = "stage-" + UUID.randomUUID();
        try (InputStream in = Compression.decompress(tar)) {
            Layer layer = layers.apply(stage, null, null, null, null, in, null);
            String now = Instant.now().toString();
            ObjectNode config = json.createObjectNode();
            config.put("architecture", Platform.host().architecture());
            config.put("os", "linux");
            config.put("created", now);
            String comment = options.message() == null || options.message().isEmpty() ? "Imported from -"
                    : options.message();
            config.put("comment", comment);
            ObjectNode c = config.putObject("config");
            ImportChanges.apply(options.changes() == null ? List.of() : options.changes(), c, json);
            ObjectNode rootfs = config.putObject("rootfs");
            rootfs.put("type", "layers");
            rootfs.putArray("diff_ids").add(layer.diffId());
            ObjectNode h = config.putArray("history").addObject();
            h.put("created", now);
            h.put("comment", comment);
            String id = committer.commit(json.writeValueAsBytes(config), layer.chainId(), stage);
            committer.publish("import", id, id);
            if (target != null) {
                committer.tag(target, id);
            }
            progress.progress(ProgressMessage.status(null, id));
            return id;
        } catch (IOException e) {
            throw new WharfException("importing an image: " + e.getMessage(), e);
        } finally {
            layers.release(stage);
        }
    }

    @Override
    public void load(InputStream tar, boolean quiet, ProgressListener progress) {
        ready();
        try {
            new ArchiveLoader(content, layers, committer, json).load(tar, quiet, progress);
        } catch (IOException e) {
            throw new InvalidArgumentException("loading images: " + e.getMessage(), e);
        }
    }

    @Override
    public void save(List<String> names, OutputStream out) {
        List<ArchiveSaver.Item> items = new ArrayList<>();
        for (String n : names) {
            ImageCatalog.Entry e = entry(n);
            List<ImageReference> tags = new ArrayList<>();
            boolean byId = n.startsWith("sha256:") || e.id().startsWith("sha256:" + n);
            if (!byId) {
                ImageReference ref = ImageReference.parse(n);
                if (ref.isNameOnly()) {
                    refs.referencesTo(e.id()).stream().filter(r -> r.tag().isPresent() && r.digest().isEmpty()
                            && r.repository().equals(ref)).forEach(tags::add);
                } else if (ref.digest().isEmpty()) {
                    tags.add(ref);
                }
            }
            items.add(new ArchiveSaver.Item(e, tags));
            committer.publish("save", e.id(), e.id());
        }
        try {
            new ArchiveSaver(content, layers, json).save(items, out);
        } catch (IOException e) {
            throw new UncheckedIOException("saving images: " + e.getMessage(), e);
        }
    }

    @Override
    public DistributionInfo distribution(String reference, Credentials credentials) {
        ImageReference ref = ImageReference.parse(reference).withDefaultTag();
        FetchedManifest m = registry.fetchManifest(ref, credentials == null ? Credentials.anonymous() : credentials);
        List<Platform> platforms = new ArrayList<>();
        try {
            JsonNode doc = json.readTree(m.content());
            if (MediaTypes.isIndex(m.mediaType())) {
                for (JsonNode d : doc.path("manifests")) {
                    JsonNode p = d.path("platform");
                    platforms.add(new Platform(p.path("os").asText(), p.path("architecture").asText(),
                            p.path("variant").asText("")));
                }
            } else {
                byte[] cfg;
                try (InputStream in = registry.openBlob(ref, new io.wharf.api.registry.Descriptor(
                        doc.path("config").path("mediaType").asText(), doc.path("config").path("digest").asText(),
                        doc.path("config").path("size").asLong()), credentials == null ? Credentials.anonymous()
                        : credentials)) {
                    cfg = in.readAllBytes();
                }
                JsonNode c = json.readTree(cfg);
                platforms.add(new Platform(c.path("os").asText(), c.path("architecture").asText(),
                        c.path("variant").asText("")));
            }
        } catch (IOException e) {
            throw new WharfException("reading the manifest of " + reference + ": " + e.getMessage(), e);
        }
        return new DistributionInfo(new io.wharf.api.registry.Descriptor(m.mediaType(), m.digest(), m.content().length),
                platforms);
    }

    @Override
    public String commit(String containerId, CommitRequest request) {
        ready();
        ReadWriteLayer rw = layers.requireReadWrite(containerId);
        Optional<ImageCatalog.Entry> parent = catalog.get(rw.imageId());
        String stage = "stage-" + UUID.randomUUID();
        try {
            layers.hold(stage, rw.parentLayer());   // the base stays even if its image is removed meanwhile
            String top = rw.parentLayer();
            String diffId = null;
            if (!request.emptyLayer()) {
                try (InputStream diff = layers.storage().driver().diff(rw.driverLayerId(), layers.parentDriverId(rw))) {
                    Layer layer = layers.apply(stage, rw.parentLayer(), null, null, null, diff, null);
                    top = layer.chainId();
                    diffId = layer.diffId();
                }
            }
            String id = record(parent, top, diffId, request, stage);
            if (request.repo() != null && !request.repo().isEmpty()) {
                ImageReference ref = ImageReference.parse(request.repo());
                committer.tag(request.tag() == null || request.tag().isEmpty() ? ref.withDefaultTag()
                        : ref.withTag(request.tag()), id);
            }
            return id;
        } catch (IOException e) {
            throw new WharfException("committing container " + containerId + ": " + e.getMessage(), e);
        } finally {
            layers.release(stage);
        }
    }

    @Override
    public String createImage(String parentName, ContainerConfig imageConfig, String createdBy, String author) {
        ready();
        Optional<ImageCatalog.Entry> parent = parentName == null ? Optional.empty() : Optional.of(entry(parentName));
        String stage = "stage-" + UUID.randomUUID();
        try {
            String top = parent.map(ImageCatalog.Entry::top).orElse(null);
            if (top != null) {
                layers.hold(stage, top);   // the base stays even if its image is removed meanwhile
            }
            return record(parent, top, null, new CommitRequest(imageConfig, author, "", createdBy, true, null, null),
                    stage);
        } catch (IOException e) {
            throw new WharfException("creating an image: " + e.getMessage(), e);
        } finally {
            layers.release(stage);
        }
    }

    @Override
    public String restoreStep(String parentName, String sourceName, int step, ContainerConfig imageConfig,
            String author) {
        ready();
        Optional<ImageCatalog.Entry> parent = parentName == null ? Optional.empty() : Optional.of(entry(parentName));
        ImageCatalog.Entry source = entry(sourceName);
        JsonNode history = source.config().path("history");
        if (step < 0 || step >= history.size()) {
            throw new InvalidArgumentException("image " + sourceName + " has no step " + step);
        }
        int layerIndex = 0;
        for (int k = 0; k < step; k++) {
            if (!history.get(k).path("empty_layer").asBoolean(false)) {
                layerIndex++;
            }
        }
        List<String> sourceIds = ImageConfigs.diffIds(source.config());
        List<String> parentIds = parent.map(p -> ImageConfigs.diffIds(p.config())).orElse(List.of());
        JsonNode h = history.get(step);
        boolean empty = h.path("empty_layer").asBoolean(false);
        if (layerIndex != parentIds.size() || layerIndex + (empty ? 0 : 1) > sourceIds.size()
                || !sourceIds.subList(0, layerIndex).equals(parentIds)) {
            throw new InvalidArgumentException("image " + sourceName + " does not continue the layers of "
                    + (parentName == null ? "an empty image" : parentName));
        }
        String stage = "stage-" + UUID.randomUUID();
        try {
            String top = parent.map(ImageCatalog.Entry::top).orElse(null);
            String diffId = null;
            if (!empty) {
                diffId = sourceIds.get(layerIndex);
                top = Layer.chainId(top, diffId);   // the source holds this layer: same diff IDs, same chain
            }
            if (top != null) {
                layers.hold(stage, top);
            }
            return record(parent, top, diffId, new CommitRequest(imageConfig, author, h.path("comment").asText(""),
                    h.path("created_by").asText(""), empty, null, null), stage);
        } catch (IOException e) {
            throw new WharfException("reusing a step of " + sourceName + ": " + e.getMessage(), e);
        } finally {
            layers.release(stage);
        }
    }

    /** Writes the config of an image made on {@code parent} with one more step, and commits it. */
    private String record(Optional<ImageCatalog.Entry> parent, String top, String diffId, CommitRequest request,
            String stage) throws IOException {
        String now = Instant.now().toString();
        ObjectNode config = parent.map(p -> (ObjectNode) p.config().deepCopy()).orElseGet(json::createObjectNode);
        config.remove(List.of("container", "container_config", "docker_version", "id", "parent"));
        if (!config.has("architecture")) {
            config.put("architecture", Platform.host().architecture());
            config.put("os", "linux");
        }
        config.put("created", now);
        putIfSet(config, "author", request.author());
        putIfSet(config, "comment", request.comment());
        config.set("config", ImageConfigs.toJson(request.config(), json));
        ObjectNode rootfs = config.putObject("rootfs");
        rootfs.put("type", "layers");
        com.fasterxml.jackson.databind.node.ArrayNode ids = rootfs.putArray("diff_ids");
        parent.ifPresent(p -> ImageConfigs.diffIds(p.config()).forEach(ids::add));
        if (diffId != null) {
            ids.add(diffId);
        }
        com.fasterxml.jackson.databind.node.ArrayNode history = ImageConfigs.array(config, "history");
        if (request.createdBy() != null) {   // null: an empty base (FROM scratch) has no step of its own
            ObjectNode h = history.addObject();
            h.put("created", now);
            putIfSet(h, "created_by", request.createdBy());
            putIfSet(h, "author", request.author());
            putIfSet(h, "comment", request.comment());
            if (request.emptyLayer()) {
                h.put("empty_layer", true);
            }
        }
        return committer.commit(json.writeValueAsBytes(config), top, stage,
                parent.map(ImageCatalog.Entry::id).orElse(null));
    }

    private static void putIfSet(ObjectNode n, String field, String value) {
        if (value != null && !value.isEmpty()) {
            n.put(field, value);
        }
    }

    // --- ImageDiskUsage ---

    @Override
    public Usage usage() {
        List<ImageCatalog.Entry> all = catalog.all();
        List<List<Layer>> chains = all.stream().map(this::layersOf).toList();
        // how many images stand on each layer: a layer under two or more is shared, as dockerd counts it
        Map<String, Integer> imagesOn = new HashMap<>();
        chains.forEach(chain -> chain.forEach(l -> imagesOn.merge(l.chainId(), 1, Integer::sum)));
        List<Usage.Entry> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            ImageCatalog.Entry e = all.get(i);
            long shared = chains.get(i).stream().filter(l -> imagesOn.get(l.chainId()) > 1)
                    .mapToLong(Layer::size).sum();
            out.add(new Usage.Entry(e.id(), repoTags(e.id()), repoDigests(e.id()), e.created(), size(e), shared,
                    usersOf(e.id()).size(), ImageConfigs.labels(e.config().path("config").path("Labels"))));
        }
        return new Usage(layers.totalSize(), out);
    }

    // --- LayerStore ---

    @Override
    public ReadWriteLayer createReadWrite(String containerId, String imageId, boolean discardedAtExit) {
        ready();
        ImageCatalog.Entry e = entry(imageId);
        return layers.createReadWrite(containerId, e.id(), e.top(), discardedAtExit);
    }

    @Override
    public Optional<ReadWriteLayer> readWrite(String containerId) {
        return layers.readWrite(containerId);
    }

    @Override
    public Path mount(String containerId) {
        ReadWriteLayer rw = layers.requireReadWrite(containerId);
        return layers.storage().driver().mount(rw.driverLayerId());
    }

    @Override
    public void unmount(String containerId) {
        layers.readWrite(containerId).ifPresent(rw -> layers.storage().driver().unmount(rw.driverLayerId()));
    }

    @Override
    public void remove(String containerId) {
        ready();
        layers.removeReadWrite(containerId);
    }

    @Override
    public List<StorageDriver.Change> changes(String containerId) {
        ReadWriteLayer rw = layers.requireReadWrite(containerId);
        return layers.storage().driver().changes(rw.driverLayerId(), layers.parentDriverId(rw));
    }

    @Override
    public InputStream diff(String containerId) {
        ReadWriteLayer rw = layers.requireReadWrite(containerId);
        return layers.storage().driver().diff(rw.driverLayerId(), layers.parentDriverId(rw));
    }

    @Override
    public long size(String containerId) {
        ReadWriteLayer rw = layers.requireReadWrite(containerId);
        return layers.storage().driver().diffSize(rw.driverLayerId(), layers.parentDriverId(rw));
    }

    @Override
    public Map<String, String> metadata(String containerId) {
        ReadWriteLayer rw = layers.requireReadWrite(containerId);
        return layers.storage().driver().metadata(rw.driverLayerId());
    }

    static Set<String> orderedSet(List<String> l) {
        return new LinkedHashSet<>(l);
    }
}
