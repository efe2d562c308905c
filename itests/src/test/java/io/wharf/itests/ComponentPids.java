package io.wharf.itests;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.osgi.framework.Bundle;

/**
 * The configuration PIDs Wharf's components read, from their bundles' component descriptions (installed bundles
 * need not be started), so that an in-framework test configures every one of them as the launcher would.
 */
final class ComponentPids {
    private static final Pattern PID = Pattern.compile("configuration-pid=\"([^\"]+)\"");

    private ComponentPids() {
    }

    static Set<String> of(Bundle[] bundles) {
        Set<String> pids = new TreeSet<>();
        for (Bundle b : bundles) {
            if (b.getSymbolicName() == null || !b.getSymbolicName().startsWith("io.wharf.")) {
                continue;
            }
            Enumeration<URL> entries = b.findEntries("OSGI-INF", "*.xml", false);
            while (entries != null && entries.hasMoreElements()) {
                Matcher m = PID.matcher(read(entries.nextElement()));
                while (m.find()) {
                    pids.addAll(Set.of(m.group(1).trim().split("\\s+")));
                }
            }
        }
        return pids;
    }

    private static String read(URL url) {
        try (InputStream in = url.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
