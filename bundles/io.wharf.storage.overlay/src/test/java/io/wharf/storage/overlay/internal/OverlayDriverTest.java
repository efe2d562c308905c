package io.wharf.storage.overlay.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.wharf.api.errors.UnavailableException;
import io.wharf.linux.FileStat;
import io.wharf.linux.Mounts;
import io.wharf.linux.PosixFiles;
import io.wharf.linux.Xattrs;
import io.wharf.testkit.storage.MountsUnder;
import io.wharf.testkit.storage.TarBuilder;
import io.wharf.testkit.storage.TarEntries;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OverlayDriverTest {
    @TempDir
    Path tmp;

    private Path root;
    private OverlayDriver driver;
    private final List<String> mounted = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        root = tmp.resolve("storage/overlay2");
        driver = new OverlayDriver(root);
    }

    @AfterEach
    void unmountEverything() throws Exception {
        for (String id : mounted) {
            try {
                driver.unmount(id);
            } catch (RuntimeException e) {
                // The check below reports what is left.
            }
        }
        List<Path> left = MountsUnder.forceUnmountAll(tmp);
        if (!left.isEmpty()) {
            fail("mounts left after the last unmount: " + left);
        }
    }

    private Path mount(String id) {
        Path p = driver.mount(id);
        mounted.add(id);
        return p;
    }

    /** A 64-hex ID like the daemon's, so that option lengths are realistic. */
    private static String longId(int n) {
        byte[] b = new byte[32];
        b[0] = (byte) (n >> 8);
        b[1] = (byte) n;
        return HexFormat.of().formatHex(b);
    }

    @Test
    void aChainOf128LayersMountsAndShowsTheBottomLayer() throws Exception {
        String parent = null;
        for (int i = 0; i < 128; i++) {
            String id = longId(i);
            driver.create(id, parent, false, Map.of());
            driver.applyDiff(id, parent, new TarBuilder().file("f" + i, "layer " + i).stream());
            parent = id;
        }
        String rw = longId(9999);
        driver.create(rw, parent, true, Map.of());
        assertEquals(128, new OverlayLayout(root.toRealPath()).lower(rw).size());

        Path cwd = Files.readSymbolicLink(Path.of("/proc/self/cwd"));
        Path merged = mount(rw);
        assertTrue(MountsUnder.isMountPoint(merged));
        assertEquals(cwd, Files.readSymbolicLink(Path.of("/proc/self/cwd")), "the process keeps its directory");
        assertEquals("layer 0", Files.readString(merged.resolve("f0")));
        assertEquals("layer 127", Files.readString(merged.resolve("f127")));
        try (Stream<Path> s = Files.list(merged)) {
            assertEquals(128, s.count());
        }
        Files.writeString(merged.resolve("f0"), "changed");
        driver.unmount(rw);
        mounted.remove(rw);
        assertFalse(MountsUnder.isMountPoint(merged));
        assertEquals("changed", Files.readString(root.resolve(rw).resolve("diff/f0")));
        assertEquals("layer 0", Files.readString(root.resolve(longId(0)).resolve("diff/f0")));
    }

    @Test
    void whiteoutsInALowerLayerHideFilesOfTheLayersBelow() throws Exception {
        driver.create("a", null, false, Map.of());
        driver.applyDiff("a", null, new TarBuilder().file("x", "x").dir("d").file("d/y", "y").file("keep", "k")
                .stream());
        driver.create("b", "a", false, Map.of());
        driver.applyDiff("b", "a", new TarBuilder().whiteout("x").dir("d").opaque("d").file("d/z", "z").stream());
        driver.create("c", "b", false, Map.of());
        driver.applyDiff("c", "b", new TarBuilder().file("top", "t").stream());
        driver.create("rw", "c", true, Map.of());

        // The driver's own form in b: an overlay whiteout device and an opaque directory.
        FileStat wh = PosixFiles.lstat(root.resolve("b/diff/x"));
        assertEquals(PosixFiles.S_IFCHR, wh.type());
        assertEquals(0, wh.rdev());
        assertEquals("y", new String(Xattrs.lget(root.resolve("b/diff/d"), "trusted.overlay.opaque"),
                StandardCharsets.US_ASCII));

        Path merged = mount("rw");
        assertFalse(Files.exists(merged.resolve("x")));
        assertEquals(Set.of("z"), names(merged.resolve("d")));
        assertEquals(Set.of("d", "keep", "top"), names(merged));
    }

    @Test
    void theDiffOfAWritableLayerCarriesWhiteoutsForDeletedFiles() throws Exception {
        driver.create("base", null, false, Map.of());
        driver.applyDiff("base", null, new TarBuilder().file("doomed", "x").dir("dir").file("dir/inner", "i")
                .file("stays", "s").stream());
        driver.create("rw", "base", true, Map.of());
        Path merged = mount("rw");
        Files.delete(merged.resolve("doomed"));
        Files.delete(merged.resolve("dir/inner"));
        Files.delete(merged.resolve("dir"));
        driver.unmount("rw");
        mounted.remove("rw");

        Map<String, TarEntries.Entry> tar = TarEntries.read(driver.diff("rw", "base"));
        assertEquals(Set.of(".wh.doomed", ".wh.dir"), tar.keySet());
        assertEquals('0', tar.get(".wh.doomed").type());
        assertEquals(0, tar.get(".wh.doomed").content().length);
    }

    @Test
    void aVolatileWritableLayerMountsVolatileAgainAndAgain() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(KernelVersion.atLeast(5, 10), "overlayfs without volatile");
        driver.create("base", null, false, Map.of());
        driver.applyDiff("base", null, new TarBuilder().file("f", "base").stream());
        driver.create("gone", "base", true, Map.of(io.wharf.api.storage.StorageDriver.OPTION_VOLATILE, "true"));
        driver.create("kept", "base", true, Map.of());
        for (int round = 0; round < 2; round++) {
            Path merged = mount("gone");
            Files.writeString(merged.resolve("f"), "changed " + round);
            assertTrue(mountOptions(merged).contains("volatile"), mountOptions(merged));
            driver.unmount("gone");
            mounted.remove("gone");
            // overlayfs left its mark; the next mount in this boot clears it rather than failing
            assertTrue(Files.isDirectory(root.resolve("gone/work/work/incompat/volatile")));
        }
        assertEquals("changed 1", Files.readString(root.resolve("gone/diff/f")));
        Path kept = mount("kept");
        assertFalse(mountOptions(kept).contains("volatile"), mountOptions(kept));
    }

    private static String mountOptions(Path mountPoint) throws Exception {
        return io.wharf.linux.Mounts.mountInfo().stream().filter(m -> m.mountPoint().equals(mountPoint))
                .map(io.wharf.linux.MountInfo::superOptions).findFirst().orElse("not mounted");
    }

    @Test
    void metadataNamesTheDirectoriesOfTheMount() throws Exception {
        driver.create("base", null, false, Map.of());
        driver.create("mid", "base", false, Map.of());
        driver.create("rw", "mid", true, Map.of());
        Path real = root.toRealPath();
        Map<String, String> data = driver.metadata("rw");
        assertEquals(real.resolve("mid/diff") + ":" + real.resolve("base/diff"), data.get("LowerDir"));
        assertEquals(real.resolve("rw/diff").toString(), data.get("UpperDir"));
        assertEquals(real.resolve("rw/work").toString(), data.get("WorkDir"));
        assertEquals(real.resolve("rw/merged").toString(), data.get("MergedDir"));
        assertFalse(driver.metadata("base").containsKey("LowerDir"));
        Set<String> labels = driver.status().stream().map(l -> l.get(0)).collect(Collectors.toSet());
        assertEquals(Set.of("Backing Filesystem", "Supports d_type", "Using metacopy", "Native Overlay Diff",
                "userxattr"), labels);
    }

    @Test
    void aBaseLayerMountsAsAReadOnlyBind() throws Exception {
        driver.create("base", null, false, Map.of());
        driver.applyDiff("base", null, new TarBuilder().file("f", "base").stream());
        Path merged = mount("base");
        assertTrue(MountsUnder.isMountPoint(merged));
        assertEquals("base", Files.readString(merged.resolve("f")));
        assertThrows(java.io.IOException.class, () -> Files.writeString(merged.resolve("g"), "no"));
    }

    @Test
    void aMountWhoseCountWasLostIsStillCounted() throws Exception {
        driver.create("base", null, false, Map.of());
        driver.create("rw", "base", true, Map.of());
        Path merged = mount("rw");
        Files.delete(root.resolve("rw/mounts"));
        OverlayDriver restarted = new OverlayDriver(root);
        assertEquals(merged, restarted.mount("rw"));
        restarted.unmount("rw");
        assertTrue(MountsUnder.isMountPoint(merged), "the first user still has it");
        restarted.unmount("rw");
        mounted.clear();
        assertFalse(MountsUnder.isMountPoint(merged));
    }

    @Test
    void aRootOnOverlayfsIsSkippedWithAReason() throws Exception {
        Path lower = Files.createDirectories(tmp.resolve("probe/lower"));
        Path upper = Files.createDirectories(tmp.resolve("probe/upper"));
        Path work = Files.createDirectories(tmp.resolve("probe/work"));
        Path merged = Files.createDirectories(tmp.resolve("probe/merged"));
        Mounts.mount("overlay", merged, "overlay", 0,
                "lowerdir=" + lower + ",upperdir=" + upper + ",workdir=" + work);
        try {
            UnavailableException e = assertThrows(UnavailableException.class,
                    () -> new OverlayDriver(merged.resolve("storage/overlay2")));
            assertTrue(e.getMessage().startsWith("overlay2 skipped: "), e.getMessage());
            assertTrue(e.getMessage().contains("overlayfs"), e.getMessage());
        } finally {
            Mounts.umount2(merged, 0);
        }
    }

    @Test
    void aNewDriverRemovesWhatAnInterruptedCreateLeft() throws Exception {
        driver.create("kept", null, false, Map.of());
        Path half = Files.createDirectories(root.resolve(".tmp-half-1234/diff"));
        Path dangling = Files.createSymbolicLink(root.resolve("l/AAAAAAAAAAAAAAAAAAAAAAAAAA"), Path.of("../half/diff"));
        new OverlayDriver(root);
        assertFalse(Files.exists(half.getParent()));
        assertFalse(Files.exists(dangling, java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertTrue(driver.exists("kept"));
        assertFalse(driver.exists("half"));
        assertEquals(Set.of("kept", "l"), names(root));
    }

    private static Set<String> names(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }
}
