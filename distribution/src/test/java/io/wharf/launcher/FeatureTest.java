package io.wharf.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

class FeatureTest {

    @Test
    void readsTheFeatureFormat() throws Exception {
        Feature f = Feature.parse("""
                {"feature-resource-version": "1.0", "id": "io.wharf:wharf-x:osgifeature:1.0.0",
                 "bundles": [ {"id": "g:a:1.0", "start-order": 3}, "g:b:2.0", {"id": "g:c:3.0"} ],
                 "configurations": {}}
                """);
        assertEquals("io.wharf:wharf-x:osgifeature:1.0.0", f.id());
        assertEquals(List.of(new FeatureBundle("g", "a", "1.0", 3), new FeatureBundle("g", "b", "2.0", 50),
                new FeatureBundle("g", "c", "3.0", 50)), f.bundles());
        assertEquals(Path.of("/d/a-1.0.jar"), f.bundles().get(0).jarIn(Path.of("/d")));
    }

    @Test
    void refusesWhatItCannotInstall() {
        assertThrows(IllegalArgumentException.class, () -> Feature.parse("{\"bundles\": []}"));
        assertThrows(IllegalArgumentException.class, () -> Feature.parse("{\"id\": \"x\", \"bundles\": [\"g:a\"]}"));
        assertThrows(IllegalArgumentException.class,
                () -> Feature.parse("{\"id\": \"x\", \"feature-resource-version\": \"2.0\"}"));
    }

    @Test
    void locatesFeaturesByNameOrPath() {
        assertEquals(Path.of("/w/features/engine.json"), Feature.locate("engine", Path.of("/w/features")));
        assertEquals(Path.of("/etc/wharf/extra.json"), Feature.locate("/etc/wharf/extra.json", Path.of("/w")));
    }

    /** The built layout: every bundle a feature names is in bundle/, and bundle/ holds nothing else. */
    @Test
    void theDistributionHoldsExactlyTheBundlesOfItsFeatures() throws Exception {
        Path dir = Path.of(System.getProperty("wharf.dir", "target/wharf"));
        Path features = dir.resolve("features");
        assertTrue(Files.isDirectory(features), "features are copied before the tests run: " + features);
        Set<Path> named = new HashSet<>();
        List<String> missing = new ArrayList<>();
        // the default features and the optional ones the launcher adds on request
        List<String> all = new ArrayList<>(DaemonConfig.DEFAULT_FEATURES);
        all.add(DaemonConfig.CONSOLE_FEATURE);
        for (String name : all) {
            Feature f = Feature.read(Feature.locate(name, features));
            assertFalse(f.bundles().isEmpty(), name);
            assertFalse(f.id().contains("${"), "versions are filtered in " + name);
            for (FeatureBundle b : f.bundles()) {
                Path jar = b.jarIn(dir.resolve("bundle"));
                named.add(jar.getFileName());
                if (!Files.isRegularFile(jar)) {
                    missing.add(b.id());
                }
            }
        }
        assertEquals(List.of(), missing, "bundles named in features but absent from bundle/");
        List<Path> extra = new ArrayList<>();
        try (Stream<Path> jars = Files.list(dir.resolve("bundle"))) {
            jars.map(Path::getFileName).filter(p -> !named.contains(p)).forEach(extra::add);
        }
        assertEquals(List.of(), extra, "jars in bundle/ that no feature names");
    }
}
