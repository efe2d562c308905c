package io.wharf.daemon.internal.plugins;

import io.wharf.api.errors.InvalidArgumentException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/** What a jar's manifest says of it as a bundle; a jar that is no OSGi bundle is refused here. */
record BundleJar(Path file, String symbolicName, String version) {

    static BundleJar read(Path file, String remote) {
        Manifest m;
        try (JarFile jar = new JarFile(file.toFile())) {
            m = jar.getManifest();
        } catch (IOException e) {
            throw new InvalidArgumentException(remote + " is not a bundle: not a jar (" + e.getMessage() + ")");
        }
        Attributes a = m == null ? new Attributes() : m.getMainAttributes();
        String bsn = a.getValue("Bundle-SymbolicName");
        if (bsn == null || bsn.isBlank() || !"2".equals(trim(a.getValue("Bundle-ManifestVersion")))) {
            throw new InvalidArgumentException(remote + " is not a bundle: its manifest has no "
                    + (bsn == null || bsn.isBlank() ? "Bundle-SymbolicName" : "Bundle-ManifestVersion: 2"));
        }
        int semi = bsn.indexOf(';');
        String name = (semi < 0 ? bsn : bsn.substring(0, semi)).trim();
        String version = trim(a.getValue("Bundle-Version"));
        String apiExport = apiExport(a.getValue("Export-Package"));
        if (apiExport != null && !name.equals("io.wharf.api")) {
            // its drivers would implement its own copy of the SPI, which the engine cannot see
            throw new InvalidArgumentException(remote + " exports " + apiExport + " of its own: a driver bundle "
                    + "must import the engine's API from io.wharf.api, not carry it");
        }
        return new BundleJar(file, name, version == null || version.isEmpty() ? "0.0.0" : version);
    }

    /** The first package of the engine's API that an Export-Package header names, with its version clause. */
    static String apiExport(String header) {
        if (header == null) {
            return null;
        }
        StringBuilder clause = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i <= header.length(); i++) {
            char c = i < header.length() ? header.charAt(i) : ',';
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                String cl = clause.toString().trim();
                if (cl.equals("io.wharf.api") || cl.startsWith("io.wharf.api.") || cl.startsWith("io.wharf.api;")) {
                    return cl;
                }
                clause.setLength(0);
            } else {
                clause.append(c);
            }
        }
        return null;
    }

    private static String trim(String s) {
        return s == null ? null : s.trim();
    }
}
