package io.wharf.testkit.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.wharf.api.errors.ConflictException;
import io.wharf.api.errors.InvalidArgumentException;
import io.wharf.api.errors.NotFoundException;
import io.wharf.api.storage.StorageDriver;
import io.wharf.api.storage.StorageDriver.Change;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour every {@link StorageDriver} shares, as the daemon relies on it: layers on parents, layer tars
 * with whiteouts and opaque directories, the merged view of a mount, a writable layer's changes and diff,
 * reference-counted mounts, removal, and a new driver instance finding the layers and mounts of an old one.
 * A driver's test extends this class and says how to build the driver on a data root.
 */
public abstract class StorageDriverContract {

    /** The data root; the driver keeps its files below it. */
    @TempDir
    protected Path dataRoot;

    protected StorageDriver driver;

    /** Every mount a test made, by driver, so that each is released even when the test fails. */
    private final List<Map.Entry<StorageDriver, String>> mounted = new ArrayList<>();

    /** A new driver instance on {@code dataRoot}; called again to simulate a daemon restart. */
    protected abstract StorageDriver newDriver(Path dataRoot) throws Exception;

    @BeforeEach
    void startDriver() throws Exception {
        driver = newDriver(dataRoot);
    }

    @AfterEach
    void unmountEverything() throws Exception {
        for (int i = mounted.size() - 1; i >= 0; i--) {
            try {
                mounted.get(i).getKey().unmount(mounted.get(i).getValue());
            } catch (RuntimeException e) {
                // Keep releasing the rest; a leftover mount fails the test below.
            }
        }
        mounted.clear();
        List<Path> left = MountsUnder.forceUnmountAll(dataRoot);
        if (!left.isEmpty()) {
            fail("mounts left after the last unmount: " + left);
        }
    }

    /** Mounts through {@code d} and remembers it for the clean-up. */
    protected Path mount(StorageDriver d, String id) {
        Path p = d.mount(id);
        mounted.add(Map.entry(d, id));
        return p;
    }

    protected void unmount(StorageDriver d, String id) {
        d.unmount(id);
        for (int i = mounted.size() - 1; i >= 0; i--) {
            if (mounted.get(i).getKey() == d && mounted.get(i).getValue().equals(id)) {
                mounted.remove(i);
                break;
            }
        }
    }

    /** base: a small tree. child: changes a file, deletes one, makes /opt opaque, adds files. */
    protected void createImageLayers() {
        driver.create("base", null, false, Map.of());
        driver.applyDiff("base", null, new TarBuilder()
                .dir("etc").file("etc/hostname", "base\n").file("etc/motd", "hello\n")
                .dir("opt").file("opt/a", "a").file("opt/b", "b")
                .file("gone", "x").symlink("link", "etc/hostname")
                .file("h1", "linked").hardLink("h2", "h1")
                .file("suid", "#!/bin/sh\n", 04755, 1000, 1001, 1_500_000_000L)
                .stream());
        driver.create("child", "base", false, Map.of());
        driver.applyDiff("child", "base", new TarBuilder()
                .dir("etc").file("etc/hostname", "child\n")
                .whiteout("gone")
                .dir("opt").opaque("opt").file("opt/c", "c")
                .file("new", "n")
                .stream());
    }

    private static String read(Path p) throws Exception {
        return Files.readString(p, StandardCharsets.UTF_8);
    }

    private static Set<String> list(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static Set<String> changeSet(List<Change> changes) {
        return changes.stream().map(c -> "CAD".charAt(c.kind()) + " " + c.path())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void createdLayersExistAndIdsAreUnique() {
        assertFalse(driver.exists("base"));
        driver.create("base", null, false, Map.of());
        assertTrue(driver.exists("base"));
        assertThrows(ConflictException.class, () -> driver.create("base", null, false, Map.of()));
        driver.create("rw", "base", true, Map.of());
        assertTrue(driver.exists("rw"));
        assertThrows(NotFoundException.class, () -> driver.create("orphan", "missing", false, Map.of()));
        assertFalse(driver.exists("orphan"));
    }

    @Test
    void mountShowsTheMergedViewOfTheChain() throws Exception {
        createImageLayers();
        driver.create("rw", "child", true, Map.of());
        Path root = mount(driver, "rw");

        assertEquals("child\n", read(root.resolve("etc/hostname")));
        assertEquals("hello\n", read(root.resolve("etc/motd")));
        assertFalse(Files.exists(root.resolve("gone"), LinkOption.NOFOLLOW_LINKS), "whiteout hides /gone");
        assertEquals(Set.of("c"), list(root.resolve("opt")), "opaque /opt hides the base's entries");
        assertEquals("n", read(root.resolve("new")));
        assertEquals("child\n", read(root.resolve("link")));
        assertEquals(Set.of("etc", "h1", "h2", "link", "new", "opt", "suid"), list(root));
        assertEquals(Files.getAttribute(root.resolve("h1"), "unix:ino"),
                Files.getAttribute(root.resolve("h2"), "unix:ino"), "hard links stay links");
        Map<String, Object> suid = Files.readAttributes(root.resolve("suid"), "unix:mode,uid,gid,lastModifiedTime");
        assertEquals(04755, (Integer) suid.get("mode") & 07777);
        assertEquals(1000, suid.get("uid"));
        assertEquals(1001, suid.get("gid"));
        assertEquals(1_500_000_000_000L, ((java.nio.file.attribute.FileTime) suid.get("lastModifiedTime")).toMillis());
    }

    @Test
    void aReadOnlyLayerMountsToo() throws Exception {
        createImageLayers();
        Path base = mount(driver, "base");
        assertEquals("base\n", read(base.resolve("etc/hostname")));
        assertEquals(Set.of("a", "b"), list(base.resolve("opt")));
        Path child = mount(driver, "child");
        assertEquals("child\n", read(child.resolve("etc/hostname")));
        assertFalse(Files.exists(child.resolve("gone")));
    }

    @Test
    void writesInTheWritableLayerAreItsChangesAndItsDiff() throws Exception {
        createImageLayers();
        driver.create("rw", "child", true, Map.of());
        Path root = mount(driver, "rw");
        Files.writeString(root.resolve("etc/motd"), "changed\n");
        Files.writeString(root.resolve("etc/added"), "added\n");
        Files.delete(root.resolve("new"));
        Files.createDirectory(root.resolve("data"));
        Files.writeString(root.resolve("data/f"), "f");
        unmount(driver, "rw");

        assertEquals(Set.of("C /etc", "C /etc/motd", "A /etc/added", "D /new", "A /data", "A /data/f"),
                changeSet(driver.changes("rw", "child")));

        Map<String, TarEntries.Entry> tar = TarEntries.read(driver.diff("rw", "child"));
        assertEquals(Set.of("etc", "etc/motd", "etc/added", ".wh.new", "data", "data/f"), tar.keySet());
        assertEquals("changed\n", tar.get("etc/motd").text());
        assertEquals("added\n", tar.get("etc/added").text());

        assertTrue(driver.diffSize("rw", "child") >= "changed\n".length() + "added\n".length() + 1);

        // The diff applied onto the same parent reproduces the writable layer's view.
        driver.create("replay", "child", false, Map.of());
        driver.applyDiff("replay", "child", driver.diff("rw", "child"));
        Path replay = mount(driver, "replay");
        assertEquals("changed\n", read(replay.resolve("etc/motd")));
        assertEquals("f", read(replay.resolve("data/f")));
        assertFalse(Files.exists(replay.resolve("new")));
        assertEquals("child\n", read(replay.resolve("etc/hostname")));
    }

    @Test
    void theDiffOfALayerCarriesItsOwnWhiteoutsAndOpaqueDirectories() throws Exception {
        createImageLayers();
        Map<String, TarEntries.Entry> tar = TarEntries.read(driver.diff("child", "base"));
        assertTrue(tar.containsKey(".wh.gone"), "whiteout of /gone in " + tar.keySet());
        assertTrue(tar.containsKey("opt/c"), tar.keySet().toString());
        // An opaque marker, or (for drivers that only compare trees) whiteouts for each hidden entry.
        assertTrue(tar.containsKey("opt/.wh..wh..opq")
                || tar.keySet().containsAll(Set.of("opt/.wh.a", "opt/.wh.b")), "opaque /opt in " + tar.keySet());
        assertFalse(tar.containsKey("opt/a"));
        assertEquals("child\n", tar.get("etc/hostname").text());
        assertFalse(tar.containsKey("etc/motd"), "unchanged files are not in the diff");
    }

    @Test
    void theDiffOfABaseLayerIsItsWholeTree() throws Exception {
        createImageLayers();
        Set<String> names = TarEntries.read(driver.diff("base", null)).keySet();
        assertTrue(names.containsAll(Set.of("etc", "etc/hostname", "etc/motd", "opt/a", "opt/b", "gone", "link",
                "h1", "h2", "suid")), names.toString());
    }

    @Test
    void applyDiffRefusesEntriesThatLeaveTheLayer() throws Exception {
        Path outside = Files.createDirectory(dataRoot.resolve("outside"));
        driver.create("evil", null, false, Map.of());
        assertThrows(InvalidArgumentException.class, () -> driver.applyDiff("evil", null,
                new TarBuilder().file("../../../outside/escaped", "x").stream()));
        try {
            driver.applyDiff("evil", null, new TarBuilder().symlink("jump", outside.toString())
                    .file("jump/through", "x").stream());
        } catch (InvalidArgumentException e) {
            // Refusing is as good as writing inside the layer.
        }
        assertEquals(Set.of(), list(outside));
    }

    @Test
    void mountsAreReferenceCounted() throws Exception {
        createImageLayers();
        driver.create("rw", "child", true, Map.of());
        Path first = mount(driver, "rw");
        Path second = mount(driver, "rw");
        assertEquals(first, second);
        unmount(driver, "rw");
        assertEquals("child\n", read(first.resolve("etc/hostname")), "still mounted after one release");
        assertThrows(ConflictException.class, () -> driver.remove("rw"));
        unmount(driver, "rw");
        driver.unmount("rw"); // one release too many does nothing
        driver.remove("rw");
        assertFalse(driver.exists("rw"));
    }

    @Test
    void removeDeletesTheLayer() {
        createImageLayers();
        driver.create("rw", "child", true, Map.of());
        driver.remove("rw");
        assertFalse(driver.exists("rw"));
        assertThrows(NotFoundException.class, () -> driver.mount("rw"));
        driver.remove("rw"); // absent: nothing to do
        driver.remove("child");
        driver.remove("base");
        assertFalse(driver.exists("base"));
    }

    @Test
    void aNewDriverOnTheSameRootFindsLayersAndMounts() throws Exception {
        createImageLayers();
        driver.create("rw", "child", true, Map.of());
        Path root = mount(driver, "rw");
        Files.writeString(root.resolve("written"), "before restart");

        // The old instance is dropped without any shutdown, as when the daemon is killed.
        StorageDriver restarted = newDriver(dataRoot);
        assertTrue(restarted.exists("base") && restarted.exists("child") && restarted.exists("rw"));
        Path again = mount(restarted, "rw");
        assertEquals(root, again);
        assertEquals("before restart", read(again.resolve("written")));
        assertEquals(Set.of("A /written"), changeSet(restarted.changes("rw", "child")));

        unmount(restarted, "rw");
        assertThrows(ConflictException.class, () -> restarted.remove("rw"), "the first mount is still counted");
        unmount(restarted, "rw");
        restarted.remove("rw");
        assertFalse(restarted.exists("rw"));
    }

    @Test
    void statusAndMetadataDescribeTheDriver() {
        driver.create("base", null, false, Map.of());
        List<List<String>> status = driver.status();
        assertFalse(status.isEmpty());
        status.forEach(line -> assertEquals(2, line.size(), line.toString()));
        assertTrue(status.stream().anyMatch(l -> l.get(0).equals("Backing Filesystem")));
        driver.metadata("base").forEach((k, v) -> assertFalse(v.isEmpty(), k));
    }
}
