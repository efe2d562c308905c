package io.wharf.daemon.internal.plugins;

import io.wharf.api.plugin.DriverKind;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;

/**
 * Which drivers a bundle provides: those it has registered now, those its Declarative Services descriptors
 * declare (known even while it is stopped or just installed), and those it registered earlier in this
 * daemon's life (a bundle that registers its services itself, as the OCI runtime does, declares none).
 */
final class BundleDrivers {
    /** Marks a service that stands for a Docker v1 plugin rather than for its bundle's own driver. */
    static final String V1_PLUGIN = "wharf.plugin.v1";

    private static final Pattern PROVIDE = Pattern.compile("<provide\\s+interface=\"([^\"]+)\"");
    private static final Pattern PROPERTY = Pattern.compile(
            "<property\\s+name=\"([^\"]+)\"(?:\\s+type=\"[^\"]*\")?\\s+value=\"([^\"]*)\"");

    private final Map<Long, Set<DriverRef>> seen = new ConcurrentHashMap<>();

    /** Every driver the bundle provides, live, declared or seen before. */
    Set<DriverRef> of(Bundle b) {
        Set<DriverRef> out = new LinkedHashSet<>(live(b));
        if (!out.isEmpty()) {
            seen.put(b.getBundleId(), Set.copyOf(out));
        }
        out.addAll(declared(b));
        out.addAll(seen.getOrDefault(b.getBundleId(), Set.of()));
        return out;
    }

    void forget(Bundle b) {
        seen.remove(b.getBundleId());
    }

    /** The drivers the bundle has registered at this moment. */
    static Set<DriverRef> live(Bundle b) {
        Set<DriverRef> out = new LinkedHashSet<>();
        ServiceReference<?>[] refs;
        try {
            refs = b.getRegisteredServices();
        } catch (IllegalStateException uninstalled) {
            return out;
        }
        if (refs == null) {
            return out;
        }
        for (ServiceReference<?> ref : refs) {
            if (ref.getProperty(V1_PLUGIN) != null) {
                continue;
            }
            Object classes = ref.getProperty(Constants.OBJECTCLASS);
            Set<String> names = classes instanceof String[] a ? Set.of(a) : Set.of();
            for (PluginTypes t : PluginTypes.values()) {
                String name = name(ref.getProperty(t.kind.nameProperty()));
                if (name != null && names.contains(t.spi.getName())) {
                    out.add(new DriverRef(t.kind, name));
                }
            }
        }
        return out;
    }

    /** The drivers the bundle's component descriptors declare, with the name property each sets. */
    static Set<DriverRef> declared(Bundle b) {
        Set<DriverRef> out = new LinkedHashSet<>();
        String header;
        try {
            header = b.getHeaders("").get("Service-Component");
        } catch (IllegalStateException uninstalled) {
            return out;
        }
        if (header == null) {
            return out;
        }
        for (String path : Arrays.stream(header.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList()) {
            URL entry = b.getEntry(path);
            if (entry == null) {
                continue;
            }
            String xml;
            try (InputStream in = entry.openStream()) {
                xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                continue;
            }
            out.addAll(parse(xml));
        }
        return out;
    }

    /** The drivers one descriptor file declares (it may hold several components). */
    static Set<DriverRef> parse(String xml) {
        Set<DriverRef> out = new LinkedHashSet<>();
        for (String component : xml.split("<(?:scr:)?component[\\s>]")) {
            Set<String> provides = new LinkedHashSet<>();
            Matcher p = PROVIDE.matcher(component);
            while (p.find()) {
                provides.add(p.group(1));
            }
            Matcher prop = PROPERTY.matcher(component);
            while (prop.find()) {
                for (PluginTypes t : PluginTypes.values()) {
                    if (t.kind.nameProperty().equals(prop.group(1)) && provides.contains(t.spi.getName())) {
                        out.add(new DriverRef(t.kind, prop.group(2)));
                    }
                }
            }
        }
        return out;
    }

    private static String name(Object v) {
        if (v instanceof String s && !s.isBlank()) {
            return s;
        }
        if (v instanceof String[] a && a.length > 0) {
            return a[0];
        }
        return null;
    }

    static Set<DriverKind> kinds(Set<DriverRef> refs) {
        Set<DriverKind> out = new LinkedHashSet<>();
        refs.forEach(r -> out.add(r.kind()));
        return out;
    }
}
