package io.wharf.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.linux.PosixFiles;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real trees through GNU tar and back: what tar writes we extract exactly, and what we write tar extracts. */
class GnuTarInteropTest {
    private static final Path SOURCE = Path.of("/usr/share/zoneinfo");

    @TempDir
    Path dir;

    @Test
    void extractsAPosixTarOfARealTreeExactly() throws Exception {
        Path tar = dir.resolve("zoneinfo.tar.gz");
        TarFormatTest.run("tar", "--format=posix", "-czf", tar.toString(), "-C", SOURCE.getParent().toString(),
                SOURCE.getFileName().toString());
        Path root = Files.createDirectory(dir.resolve("root"));
        try (InputStream in = Files.newInputStream(tar)) {
            LayerExtractor.apply(in, root, LayerExtractor.Options.apply());
        }
        assertEquals(List.of(), Changes.between(SOURCE, root.resolve("zoneinfo")));
        assertHardLinksKept(SOURCE, root.resolve("zoneinfo"));
    }

    @Test
    void gnuTarExtractsWhatWeWrite() throws Exception {
        Path tar = dir.resolve("ours.tar");
        try (OutputStream out = Files.newOutputStream(tar); TarWriter w = new TarWriter(out)) {
            LayerDiff.writePath(SOURCE, "zoneinfo", w);
        }
        Path root = Files.createDirectory(dir.resolve("root"));
        TarFormatTest.run("tar", "-xpf", tar.toString(), "-C", root.toString());
        // our archives carry whole seconds, as Docker's do: compare everything but sub-second mtimes
        assertEquals(List.of(), Changes.between(SOURCE, root.resolve("zoneinfo")).stream()
                .filter(c -> !sameButSubSecond(SOURCE, root.resolve("zoneinfo"), c.path())).toList());
        assertHardLinksKept(SOURCE, root.resolve("zoneinfo"));
    }

    private static boolean sameButSubSecond(Path a, Path b, String path) {
        try {
            var x = PosixFiles.lstat(a.resolve(path.substring(1)));
            var y = PosixFiles.lstat(b.resolve(path.substring(1)));
            return x.mode() == y.mode() && x.size() == y.size() && x.uid() == y.uid()
                    && x.mtimeNanos() / 1_000_000_000L == y.mtimeNanos() / 1_000_000_000L;
        } catch (Exception e) {
            return false;
        }
    }

    private static void assertHardLinksKept(Path source, Path copy) throws Exception {
        try (Stream<Path> s = Files.walk(source)) {
            Path linked = s.filter(p -> {
                try {
                    return Files.isRegularFile(p) && PosixFiles.lstat(p).nlink() > 1;
                } catch (Exception e) {
                    return false;
                }
            }).findFirst().orElse(null);
            if (linked != null) {
                Path twin = copy.resolve(source.relativize(linked).toString());
                assertTrue(PosixFiles.lstat(twin).nlink() > 1, twin + " lost its hard links");
            }
        }
    }
}
