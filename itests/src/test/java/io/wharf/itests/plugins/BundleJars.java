package io.wharf.itests.plugins;

import io.wharf.itests.WharfDaemon;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Driver bundle jars of the built distribution, and copies of them with a changed manifest. */
final class BundleJars {
    private BundleJars() {
    }

    /** The distribution's jar of the bundle {@code bsn}. */
    static Path of(String bsn) throws IOException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(WharfDaemon.distribution().resolve("bundle"),
                bsn + "-*.jar")) {
            for (Path p : ds) {
                return p;
            }
        }
        throw new IOException("no jar of " + bsn + " in the distribution");
    }

    /** The bundle's version as its manifest gives it. */
    static String version(Path jar) throws IOException {
        try (JarInputStream in = new JarInputStream(Files.newInputStream(jar))) {
            return in.getManifest().getMainAttributes().getValue("Bundle-Version");
        }
    }

    /** A copy of {@code jar} whose manifest {@code change} edits (every other entry unchanged). */
    static Path withManifest(Path jar, Path target, Consumer<Attributes> change) throws IOException {
        try (JarInputStream in = new JarInputStream(Files.newInputStream(jar))) {
            Manifest m = new Manifest(in.getManifest());
            change.accept(m.getMainAttributes());
            try (OutputStream os = Files.newOutputStream(target); JarOutputStream out = new JarOutputStream(os, m)) {
                JarEntry e;
                while ((e = in.getNextJarEntry()) != null) {
                    out.putNextEntry(new JarEntry(e.getName()));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
        }
        return target;
    }

    /** A plain jar with no bundle headers. */
    static Path plainJar(Path target) throws IOException {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (OutputStream os = Files.newOutputStream(target); JarOutputStream out = new JarOutputStream(os, m)) {
            out.putNextEntry(new JarEntry("hello.txt"));
            out.write("not a bundle\n".getBytes());
            out.closeEntry();
        }
        return target;
    }
}
