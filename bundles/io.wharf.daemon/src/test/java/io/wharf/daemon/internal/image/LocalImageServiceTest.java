package io.wharf.daemon.internal.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.api.common.Filters;
import io.wharf.api.common.PruneReport;
import io.wharf.api.common.ProgressListener;
import io.wharf.api.errors.ConflictException;
import io.wharf.api.errors.NotFoundException;
import io.wharf.api.errors.WharfException;
import io.wharf.api.image.DeleteResult;
import io.wharf.api.image.ImageListOptions;
import io.wharf.api.image.ImageSummary;
import io.wharf.api.image.ImportOptions;
import io.wharf.api.storage.StorageDriver;
import io.wharf.archive.TarHeader;
import io.wharf.archive.TarWriter;
import io.wharf.storage.vfs.internal.VfsDriver;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalImageServiceTest {
    @TempDir
    Path dir;
    StorageDriver vfs;
    StorageAccess storage;

    @BeforeEach
    void setUp() throws IOException {
        vfs = new VfsDriver(dir.resolve("storage/vfs"));
        storage = new StorageAccess() {
            @Override
            public StorageDriver driver() {
                return vfs;
            }

            @Override
            public String name() {
                return "vfs";
            }
        };
    }

    private LocalImageService service() {
        return new LocalImageService(dir.resolve("image"), storage, null, null);
    }

    static byte[] tar(String name, String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarWriter t = new TarWriter(out)) {
            byte[] data = text.getBytes(StandardCharsets.UTF_8);
            t.add(TarHeader.directory("etc"), null);
            t.add(TarHeader.file(name, data.length), new ByteArrayInputStream(data));
            t.finish();
        }
        return out.toByteArray();
    }

    private String importTar(LocalImageService s, byte[] tar, String repo, String... changes) {
        return s.importImage(new ByteArrayInputStream(tar), new ImportOptions(repo, "", List.of(changes), "", ""),
                ProgressListener.NONE);
    }

    private long count(Path p) throws IOException {
        if (!Files.exists(p)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(p)) {
            return s.filter(x -> !x.getFileName().toString().startsWith(".")).count();
        }
    }

    @Test
    void importedImageIsListedInspectedAndFoundAfterRestart() throws IOException {
        LocalImageService s = service();
        String id = importTar(s, tar("etc/hello", "hi"), "example/app", "CMD [\"/bin/sh\"]", "ENV A=b");
        List<ImageSummary> list = s.list(new ImageListOptions(false, false, false, Filters.empty()));
        assertEquals(1, list.size());
        assertEquals(List.of("example/app:latest"), list.get(0).repoTags());
        assertEquals(List.of("/bin/sh"), s.inspect("example/app").config().cmd());
        assertTrue(s.inspect(id.substring(7, 19)).config().env().contains("A=b"));

        LocalImageService again = service();
        assertEquals(id, again.resolve("example/app:latest").id());
        Path root = vfs.mount(again.layers().require(again.resolve(id).topLayer()).driverId());
        assertEquals("hi", Files.readString(root.resolve("etc/hello")));
    }

    @Test
    void unknownImageIsNoSuchImage() {
        NotFoundException e = assertThrows(NotFoundException.class, () -> service().inspect("nothere"));
        assertEquals("No such image: nothere", e.getMessage());
    }

    @Test
    void sharedLayerIsStoredOnceAndRemovedWithItsLastImage() throws IOException {
        LocalImageService s = service();
        byte[] t = tar("etc/hello", "same");
        String a = importTar(s, t, "one", "CMD [\"a\"]");
        String b = importTar(s, t, "two", "CMD [\"b\"]");
        assertFalse(a.equals(b));
        Path layers = dir.resolve("image/layers/sha256");
        assertEquals(1, count(layers));
        List<DeleteResult> r = s.remove("one", false, false);
        assertEquals("one:latest", r.get(0).untagged());
        assertEquals(a, r.get(1).deleted());
        assertEquals(1, count(layers));
        s.remove("two", false, false);
        assertEquals(0, count(layers));
        assertEquals(0, count(dir.resolve("storage/vfs/dir")));
    }

    @Test
    void untaggedParentsGoWithTheirLastChildUnlessNoPrune() throws IOException {
        LocalImageService s = service();
        String base = importTar(s, tar("etc/base", "b"), "base");
        var config = s.inspect("base").config();
        String mid = s.createImage("base", config, "step 1", "");
        String top = s.createImage(mid, config, "step 2", "");
        s.tag(top, "app", "latest");

        ConflictException e = assertThrows(ConflictException.class, () -> s.remove(mid, true, false));
        assertEquals("conflict: unable to delete " + mid.substring(7, 19)
                + " (cannot be forced) - image has dependent child images", e.getMessage());

        List<DeleteResult> kept = s.remove("app", false, true);
        assertEquals(List.of(new DeleteResult("app:latest", null), new DeleteResult(null, top)), kept);
        assertEquals(mid, s.resolve(mid).id(), "--no-prune keeps the untagged parent");

        String top2 = s.createImage(mid, config, "step 2b", "");
        s.tag(top2, "app2", "latest");
        List<DeleteResult> pruned = s.remove("app2", false, false);
        assertEquals(List.of(new DeleteResult("app2:latest", null), new DeleteResult(null, top2),
                new DeleteResult(null, mid)), pruned, "the untagged parent goes, the tagged base stays");
        assertEquals(base, s.resolve("base").id());

        String dangling = s.createImage(s.createImage("base", config, "x", ""), config, "y", "");
        PruneReport report = s.prune(Filters.empty());
        assertEquals(2, report.deleted().size(), "a dangling image and its untagged parent: " + report.deleted());
        assertTrue(report.deleted().contains(dangling));
        assertEquals(base, s.resolve("base").id());
    }

    @Test
    void imageWithSeveralRepositoriesNeedsForceById() throws IOException {
        LocalImageService s = service();
        String id = importTar(s, tar("etc/x", "x"), "one");
        s.tag("one", "two", "v1");
        ConflictException e = assertThrows(ConflictException.class, () -> s.remove(id.substring(7, 19), false, false));
        assertEquals("conflict: unable to delete " + id.substring(7, 19)
                + " (must be forced) - image is referenced in multiple repositories", e.getMessage());
        assertEquals(3, s.remove(id.substring(7, 19), true, false).size());
    }

    @Test
    void runningContainerBlocksRemovalEvenForced() throws IOException {
        LocalImageService s = service();
        String id = importTar(s, tar("etc/x", "x"), "one");
        s.setUsers(List.of(image -> image.equals(id) ? List.of(new ImageUsers.User("c0ffee0123456789", true))
                : List.of()));
        ConflictException e = assertThrows(ConflictException.class, () -> s.remove(id, true, false));
        assertEquals("conflict: unable to delete " + id.substring(7, 19)
                + " (cannot be forced) - image is being used by running container c0ffee012345", e.getMessage());
    }

    @Test
    void saveThenLoadRoundTripsAndLayerWithWrongDigestStoresNothing() throws IOException {
        LocalImageService s = service();
        String id = importTar(s, tar("etc/hello", "round trip"), "example/app:v1");
        ByteArrayOutputStream archive = new ByteArrayOutputStream();
        s.save(List.of("example/app:v1"), archive);
        s.remove("example/app:v1", false, false);
        assertEquals(0, count(dir.resolve("image/layers/sha256")));
        s.load(new ByteArrayInputStream(archive.toByteArray()), false, ProgressListener.NONE);
        assertEquals(id, s.resolve("example/app:v1").id());

        // the same archive with the layer's content changed: its diff ID no longer matches the config
        LocalImageService fresh = new LocalImageService(dir.resolve("other"), storage, null, null);
        byte[] bytes = archive.toByteArray();
        String text = new String(bytes, StandardCharsets.ISO_8859_1).replace("round trip", "round trap");
        assertThrows(WharfException.class, () -> fresh.load(
                new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)), false, ProgressListener.NONE));
        assertEquals(0, count(dir.resolve("other/layers/sha256")));
        assertEquals(0, count(dir.resolve("other/images")));
        assertEquals(0, count(dir.resolve("other/blobs/sha256")));
    }

    @Test
    void leftoversOfAnInterruptedWriteAreRemovedAtStart() throws IOException {
        LocalImageService s = service();
        importTar(s, tar("etc/x", "x"), "keep");
        vfs.create("orphan", null, false, java.util.Map.of());
        Path staging = dir.resolve("image/layers/sha256/.tmp-crashed");
        Files.createDirectories(staging);
        Files.writeString(staging.resolve("driver-id"), "orphan");
        Files.writeString(dir.resolve("image/layers/refs/stage-crashed"), "sha256:" + "0".repeat(64));
        // a container's hold whose writable layer was never renamed into place
        String top = s.resolve("keep").topLayer();
        Files.writeString(dir.resolve("image/layers/refs/container-gone"), top);
        LocalImageService again = service();
        again.prune(Filters.empty());
        assertFalse(Files.exists(dir.resolve("image/layers/refs/container-gone")));
        again.remove("keep", false, false);
        assertEquals(0, count(dir.resolve("image/layers/sha256")));
        importTar(again, tar("etc/x", "x"), "keep");
        assertFalse(vfs.exists("orphan"));
        assertFalse(Files.exists(staging));
        assertEquals(1, count(dir.resolve("image/layers/sha256")));
        assertEquals(List.of("keep:latest"), again.resolve("keep").repoTags());
    }

    @Test
    void writableLayerKeepsImageLayersUntilRemoved() throws Exception {
        LocalImageService s = service();
        String id = importTar(s, tar("etc/hello", "base"), "base");
        ReadWriteLayer rw = s.createReadWrite("c1", id);
        Path root = s.mount("c1");
        assertEquals("base", Files.readString(root.resolve("etc/hello")));
        Files.writeString(root.resolve("etc/new"), "n");
        s.unmount("c1");
        s.remove("base", true, false);
        assertEquals(1, count(dir.resolve("image/layers/sha256")));
        assertTrue(service().readWrite("c1").isPresent());
        s.remove("c1");
        assertEquals(0, count(dir.resolve("image/layers/sha256")));
        assertFalse(s.readWrite("c1").isPresent());
        // the writable layer's files are deleted off the path of the removal, soon after it
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (vfs.exists(rw.driverLayerId()) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertFalse(vfs.exists(rw.driverLayerId()));
    }

    @Test
    void ociLayoutIsLoadedWithItsName() throws Exception {
        LocalImageService s = service();
        byte[] layer = tar("etc/oci", "from an OCI layout");
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(gz)) {
            z.write(layer);
        }
        String diffId = ContentStore.digest(layer);
        String config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Cmd\":[\"x\"]},"
                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + diffId + "\"]}}";
        byte[] configBytes = config.getBytes(StandardCharsets.UTF_8);
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\""
                + ContentStore.digest(configBytes) + "\",\"size\":" + configBytes.length + "},"
                + "\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\""
                + ContentStore.digest(gz.toByteArray()) + "\",\"size\":" + gz.size() + "}]}";
        byte[] manifestBytes = manifest.getBytes(StandardCharsets.UTF_8);
        String index = "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"digest\":\"" + ContentStore.digest(manifestBytes) + "\",\"size\":" + manifestBytes.length
                + ",\"annotations\":{\"io.containerd.image.name\":\"docker.io/library/oci:1\"}}]}";
        ByteArrayOutputStream archive = new ByteArrayOutputStream();
        try (TarWriter t = new TarWriter(archive)) {
            add(t, "oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
            add(t, "index.json", index.getBytes(StandardCharsets.UTF_8));
            add(t, "blobs/sha256/" + ContentStore.hex(ContentStore.digest(manifestBytes)), manifestBytes);
            add(t, "blobs/sha256/" + ContentStore.hex(ContentStore.digest(configBytes)), configBytes);
            add(t, "blobs/sha256/" + ContentStore.hex(ContentStore.digest(gz.toByteArray())), gz.toByteArray());
            t.finish();
        }
        List<String> lines = new java.util.ArrayList<>();
        s.load(new ByteArrayInputStream(archive.toByteArray()), true, m -> {
            if (m.stream() != null) {
                lines.add(m.stream());
            }
        });
        assertEquals(List.of("Loaded image: oci:1\n"), lines);
        assertEquals(ContentStore.digest(configBytes), s.resolve("oci:1").id());
        assertEquals(List.of(diffId), s.inspect("oci:1").diffIds());
    }

    private static void add(TarWriter t, String name, byte[] data) throws IOException {
        t.add(TarHeader.file(name, data.length), new ByteArrayInputStream(data));
    }

    @Test
    void eventsNameTheImageAsDockerdDoes() throws IOException {
        List<io.wharf.api.events.Event> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        io.wharf.api.events.EventService bus = new io.wharf.api.events.EventService() {
            @Override
            public void publish(io.wharf.api.events.Event event) {
                events.add(event);
            }

            @Override
            public io.wharf.api.common.Subscription subscribe(io.wharf.api.events.EventQuery q,
                    io.wharf.api.events.EventSink sink) {
                throw new UnsupportedOperationException();
            }

            @Override
            public int listenerCount() {
                return 0;
            }
        };
        LocalImageService s = new LocalImageService(dir.resolve("image"), storage, null, bus);
        String id = importTar(s, tar("etc/x", "x"), "", "LABEL team=images");
        s.tag(id, "app", "1");
        s.remove("app:1", false, false);
        List<String> seen = events.stream().map(e -> e.action() + " " + e.actorId() + " "
                + e.attributes().get("name") + " " + e.attributes().get("team")).toList();
        assertEquals(List.of("import " + id + " " + id + " images", "tag " + id + " app:1 images",
                "untag " + id + " " + id + " images", "delete " + id + " " + id + " images"), seen);
    }

    @Test
    void commitMakesAChildImageWithTheContainersChanges() throws IOException {
        LocalImageService s = service();
        String base = importTar(s, tar("etc/hello", "base"), "base", "ENV A=b");
        s.createReadWrite("c1", base);
        Path root = s.mount("c1");
        Files.writeString(root.resolve("etc/added"), "by the container");
        s.unmount("c1");
        io.wharf.api.container.ContainerConfig cfg = s.resolve("base").config();
        String child = s.commit("c1", new CommitRequest(cfg, "me", "a commit", "/bin/sh -c touch", false, "child", "1"));
        Image image = s.resolve("child:1");
        assertEquals(child, image.id());
        assertEquals(2, image.diffIds().size());
        assertTrue(image.config().env().contains("A=b"));
        assertEquals(base, s.inspect("child:1").parent());
        s.createReadWrite("c2", child);
        Path root2 = s.mount("c2");
        assertEquals("by the container", Files.readString(root2.resolve("etc/added")));
        assertEquals("base", Files.readString(root2.resolve("etc/hello")));
        s.unmount("c2");
        assertEquals("/bin/sh -c touch", s.history("child:1").get(0).createdBy());
        // the base image has a child now: "docker images" without -a still shows it because it is tagged
        assertEquals(2, s.list(new ImageListOptions(false, false, false, Filters.empty())).size());
        // system df: the base layer is shared by both images, the child's own layer by none
        java.util.Map<String, ImageDiskUsage.Usage.Entry> df = new java.util.HashMap<>();
        s.usage().images().forEach(e -> df.put(e.id(), e));
        long baseSize = df.get(base).size();
        assertEquals(baseSize, df.get(base).sharedSize());
        assertEquals(baseSize, df.get(child).sharedSize());
        assertTrue(df.get(child).size() > baseSize, "the child adds a layer of its own");
        s.remove("c1");
        s.remove("c2");
    }

    @Test
    void createImageAddsAConfigStepWithoutALayer() throws IOException {
        LocalImageService s = service();
        String base = importTar(s, tar("etc/hello", "base"), "base", "");
        io.wharf.api.container.ContainerConfig cfg = s.resolve("base").config();
        io.wharf.api.container.ContainerConfig changed = new io.wharf.api.container.ContainerConfig(cfg.hostname(),
                cfg.domainname(), cfg.user(), false, false, false, cfg.exposedPorts(), false, false, false,
                List.of("BENCH=1"), List.of("cat", "/etc/hello"), null, false, base, cfg.volumes(), "/etc",
                cfg.entrypoint(), false, null, List.of(), java.util.Map.of(), null, null, null);
        String step = s.createImage(base, changed, "/bin/sh -c #(nop)  ENV BENCH=1", "me");
        assertEquals(s.resolve("base").diffIds(), s.resolve(step).diffIds());
        assertEquals(List.of("cat", "/etc/hello"), s.resolve(step).config().cmd());
        assertEquals(base, s.inspect(step).parent());
        List<io.wharf.api.image.HistoryEntry> h = s.history(step);
        assertEquals("/bin/sh -c #(nop)  ENV BENCH=1", h.get(0).createdBy());
        assertEquals(0, h.get(0).size());
        assertEquals(step, h.get(0).id());
        assertEquals(base, h.get(1).id(), "the parent step names the local parent image");
        // an empty base for FROM scratch: no layers, no history
        String empty = s.createImage(null, changed, null, "");
        assertEquals(List.of(), s.resolve(empty).diffIds());
        assertEquals(1, s.history(empty).size());
        assertEquals(empty, s.history(empty).get(0).id());
    }

    @Test
    void restoreStepReusesAnotherImagesLayerOnTheSameParent() throws IOException {
        LocalImageService s = service();
        String base = importTar(s, tar("etc/hello", "base"), "base", "");
        s.createReadWrite("c1", base);
        Files.writeString(s.mount("c1").resolve("etc/added"), "step");
        s.unmount("c1");
        io.wharf.api.container.ContainerConfig cfg = s.resolve("base").config();
        String built = s.commit("c1", new CommitRequest(cfg, "", "", "/bin/sh -c echo step", false, null, null));
        s.remove("c1");
        String restored = s.restoreStep(base, built, 1, cfg, "");
        assertTrue(!restored.equals(built));
        assertEquals(s.resolve(built).diffIds(), s.resolve(restored).diffIds());
        assertEquals("/bin/sh -c echo step", s.history(restored).get(0).createdBy());
        assertEquals(base, s.inspect(restored).parent());
        // a step whose earlier layers are not the parent's is refused
        String other = importTar(s, tar("etc/other", "x"), "other", "");
        org.junit.jupiter.api.Assertions.assertThrows(io.wharf.api.errors.InvalidArgumentException.class,
                () -> s.restoreStep(other, built, 1, cfg, ""));
    }
}
