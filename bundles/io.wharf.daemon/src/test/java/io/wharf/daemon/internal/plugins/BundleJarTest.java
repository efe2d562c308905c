package io.wharf.daemon.internal.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.api.errors.InvalidArgumentException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a jar must be to install as a plugin: an OSGi bundle that does not carry the engine's API. */
class BundleJarTest {
    @TempDir
    Path dir;

    private Path jar(String... headers) throws IOException {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        for (int i = 0; i < headers.length; i += 2) {
            m.getMainAttributes().putValue(headers[i], headers[i + 1]);
        }
        Path p = dir.resolve("b" + System.nanoTime() + ".jar");
        try (OutputStream os = Files.newOutputStream(p); JarOutputStream out = new JarOutputStream(os, m)) {
            out.flush();
        }
        return p;
    }

    @Test
    void aBundleIsReadWithItsNameAndVersion() throws IOException {
        BundleJar b = BundleJar.read(jar("Bundle-ManifestVersion", "2", "Bundle-SymbolicName",
                "com.example.driver;singleton:=true", "Bundle-Version", "1.2.3"), "x");
        assertEquals("com.example.driver", b.symbolicName());
        assertEquals("1.2.3", b.version());
    }

    @Test
    void aPlainJarIsRefusedNamingTheMissingHeader() throws IOException {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> BundleJar.read(jar(), "x"));
        assertEquals("x is not a bundle: its manifest has no Bundle-SymbolicName", e.getMessage());
        Path notAJar = Files.writeString(dir.resolve("n.jar"), "text");
        assertTrue(assertThrows(InvalidArgumentException.class, () -> BundleJar.read(notAJar, "y")).getMessage()
                .startsWith("y is not a bundle: not a jar"));
    }

    @Test
    void aBundleCarryingTheApiIsRefused() throws IOException {
        Path p = jar("Bundle-ManifestVersion", "2", "Bundle-SymbolicName", "com.example.driver",
                "Export-Package", "com.example.x;version=\"1.0\",io.wharf.api.storage;version=\"2.0.0\";uses:=\"a,b\"");
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> BundleJar.read(p, "x"));
        assertTrue(e.getMessage().contains("exports io.wharf.api.storage;version=\"2.0.0\""), e.getMessage());
    }

    @Test
    void exportClausesAreSplitOutsideQuotes() {
        assertNull(BundleJar.apiExport("a;uses:=\"io.wharf.api.storage,b\",c"));
        assertEquals("io.wharf.api.log", BundleJar.apiExport("a,io.wharf.api.log"));
        assertNull(BundleJar.apiExport(null));
    }
}
