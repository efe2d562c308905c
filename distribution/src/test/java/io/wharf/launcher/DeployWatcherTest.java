package io.wharf.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/** Hot deploy against a real Felix: what an operator sees after dropping, replacing and removing jars. */
class DeployWatcherTest {
    @TempDir
    Path tmp;

    private Framework framework;
    private BundleContext context;
    private DeployWatcher watcher;
    private Path deploy;
    private Path bundles;

    @BeforeEach
    void startFramework() throws Exception {
        framework = ServiceLoader.load(FrameworkFactory.class).findFirst().orElseThrow().newFramework(Map.of(
                Constants.FRAMEWORK_STORAGE, tmp.resolve("cache").toString(),
                Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT));
        framework.start();
        context = framework.getBundleContext();
        deploy = Files.createDirectories(tmp.resolve("deploy"));
        bundles = Files.createDirectories(tmp.resolve("bundle"));
        watcher = new DeployWatcher(context, deploy, bundles, new Log(new PrintStream(OutputStream.nullOutputStream()), false));
    }

    @AfterEach
    void stopFramework() throws Exception {
        watcher.close();
        framework.stop();
        framework.waitForStop(30_000);
    }

    @Test
    void droppedJarsAreInstalledUpdatedAndUninstalled() throws Exception {
        Path jar = bundleJar(deploy.resolve("driver.jar"), "test.driver", "1.0.0", 100);
        watcher.scan();
        Bundle b = bySymbolicName("test.driver");
        assertNotNull(b, "installed");
        assertEquals(Bundle.ACTIVE, b.getState());
        assertEquals("1.0.0", b.getVersion().toString());

        bundleJar(jar, "test.driver", "2.0.0", 50);
        watcher.scan();
        assertEquals("2.0.0", bySymbolicName("test.driver").getVersion().toString());
        assertEquals(b.getBundleId(), bySymbolicName("test.driver").getBundleId(), "updated in place");
        assertEquals(Bundle.ACTIVE, b.getState());

        Files.delete(jar);
        watcher.scan();
        assertNull(bySymbolicName("test.driver"), "uninstalled");
    }

    @Test
    void aJarStillBeingWrittenWaitsForTheNextScan() throws Exception {
        bundleJar(deploy.resolve("fresh.jar"), "test.fresh", "1.0.0", 0);
        watcher.scan();
        assertNull(bySymbolicName("test.fresh"), "not yet: it may still be growing");
        watcher.scan();
        assertNotNull(bySymbolicName("test.fresh"), "unchanged since the last scan");
    }

    @Test
    void aJarNamedLikeAFeatureBundleSwapsItAndRemovingItRestoresTheOriginal() throws Exception {
        Path original = bundleJar(tmp.resolve("bundle.jar"), "test.log", "1.0.0", 100);
        Bundle feature = context.installBundle(Bundles.REFERENCE + original.toUri());   // as EngineFramework does
        feature.start();

        Path swap = bundleJar(deploy.resolve("log-fixed.jar"), "test.log", "1.0.1", 100);
        watcher.scan();
        assertEquals("1.0.1", feature.getVersion().toString());
        assertEquals(Bundle.ACTIVE, feature.getState());

        Files.delete(swap);
        watcher.scan();
        assertEquals("1.0.0", feature.getVersion().toString());
        assertEquals(Bundle.ACTIVE, feature.getState());
    }

    @Test
    void aBundleWaitingForAPackageStartsWhenItsProviderArrives() throws Exception {
        bundleJar(deploy.resolve("consumer.jar"), "test.consumer", "1.0.0", 100,
                Map.of(Constants.IMPORT_PACKAGE, "test.shared"));
        watcher.scan();
        assertEquals(Bundle.INSTALLED, bySymbolicName("test.consumer").getState(), "nothing exports test.shared yet");

        bundleJar(deploy.resolve("provider.jar"), "test.provider", "1.0.0", 100,
                Map.of(Constants.EXPORT_PACKAGE, "test.shared"));
        watcher.scan();
        assertEquals(Bundle.ACTIVE, bySymbolicName("test.provider").getState());
        assertEquals(Bundle.ACTIVE, bySymbolicName("test.consumer").getState());
    }

    @Test
    void aFeatureFileInstallsItsBundlesAndRemovingItUninstallsThem() throws Exception {
        bundleJar(bundles.resolve("api-1.0.jar"), "test.api", "1.0.0", 100, Map.of(Constants.EXPORT_PACKAGE, "test.api"));
        bundleJar(bundles.resolve("impl-1.0.jar"), "test.impl", "1.0.0", 100, Map.of(Constants.IMPORT_PACKAGE, "test.api"));
        Path feature = deploy.resolve("extra.json");
        Files.writeString(feature, """
                {"feature-resource-version": "1.0", "id": "test:extra:osgifeature:1.0",
                 "bundles": [{"id": "test:impl:1.0", "start-order": 2}, {"id": "test:api:1.0", "start-order": 1}]}
                """);
        Files.setLastModifiedTime(feature, FileTime.fromMillis(System.currentTimeMillis() - 100_000));
        watcher.scan();
        assertEquals(Bundle.ACTIVE, bySymbolicName("test.api").getState());
        assertEquals(Bundle.ACTIVE, bySymbolicName("test.impl").getState());

        Files.delete(feature);
        watcher.scan();
        assertNull(bySymbolicName("test.api"));
        assertNull(bySymbolicName("test.impl"));
    }

    @Test
    void jarsThatAreNotBundlesAreIgnored() throws Exception {
        Path plain = deploy.resolve("plain.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(plain))) {
            out.closeEntry();
        }
        Files.setLastModifiedTime(plain, FileTime.fromMillis(System.currentTimeMillis() - 100_000));
        int before = context.getBundles().length;
        watcher.scan();
        assertEquals(before, context.getBundles().length);
    }

    private Bundle bySymbolicName(String bsn) {
        for (Bundle b : context.getBundles()) {
            if (bsn.equals(b.getSymbolicName())) {
                return b;
            }
        }
        return null;
    }

    /** Writes a bundle with no classes; {@code ageSeconds} back-dates it so a scan sees it as settled. */
    private static Path bundleJar(Path path, String bsn, String version, int ageSeconds) throws Exception {
        return bundleJar(path, bsn, version, ageSeconds, Map.of());
    }

    private static Path bundleJar(Path path, String bsn, String version, int ageSeconds, Map<String, String> headers)
            throws Exception {
        Manifest m = new Manifest();
        Attributes a = m.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue(Constants.BUNDLE_MANIFESTVERSION, "2");
        a.putValue(Constants.BUNDLE_SYMBOLICNAME, bsn);
        a.putValue(Constants.BUNDLE_VERSION, version);
        headers.forEach(a::putValue);
        Path tmpJar = path.resolveSibling(path.getFileName() + ".part");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(tmpJar), m)) {
            out.closeEntry();
        }
        Files.setLastModifiedTime(tmpJar, FileTime.fromMillis(System.currentTimeMillis() - ageSeconds * 1000L));
        Files.move(tmpJar, path, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return path;
    }
}
