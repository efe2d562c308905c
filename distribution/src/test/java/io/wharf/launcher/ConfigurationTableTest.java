package io.wharf.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;

class ConfigurationTableTest {
    private static final Pattern COMPONENT = Pattern.compile("<scr:component[^>]*>");
    private static final Pattern PID = Pattern.compile("configuration-pid=\"([^\"]+)\"");

    @Test
    void everyFlagSetsAKeyOfTheTable() {
        for (Flag f : Flag.ALL) {
            if (f.key() != null) {
                assertTrue(ConfigurationTable.row(f.key()).isPresent(), "--" + f.name() + " sets " + f.key());
            }
        }
    }

    @Test
    void dockerdReloadsWhatWharfReloads() {
        Set<String> reloadable = new TreeSet<>();
        for (ConfigurationTable.Row r : ConfigurationTable.ROWS) {
            if (r.reloadable()) {
                reloadable.add(r.key());
            }
        }
        assertEquals(new TreeSet<>(List.of("debug", "default-runtime", "driver-wait-timeout",
                "insecure-registries", "labels", "live-restore", "max-concurrent-downloads",
                "max-concurrent-uploads", "registry-mirrors", "runtimes", "shutdown-timeout")), reloadable);
        assertEquals(ConfigurationTable.Reload.DEFAULT_WHEN_ABSENT,
                ConfigurationTable.row("max-concurrent-downloads").orElseThrow().reload());
        assertEquals(ConfigurationTable.Reload.NO, ConfigurationTable.row("data-root").orElseThrow().reload());
        assertEquals(ConfigurationTable.Reload.NO, ConfigurationTable.row("hosts").orElseThrow().reload());
    }

    @Test
    void valuesBecomePropertiesOfTheirType() {
        Map<String, Object> values = new HashMap<>();
        values.put("labels", List.of("a=b"));
        values.put("debug", true);
        values.put("runtimes", Map.of("crun", Map.of("path", "/usr/bin/crun")));
        values.put("max-concurrent-uploads", 2L);
        values.put("pidfile", "/run/x.pid");
        var c = ConfigurationTable.configurations(values);
        assertEquals(List.of("a=b"), List.of((String[]) c.get(ConfigurationTable.DAEMON).get("labels")));
        assertEquals(true, c.get(ConfigurationTable.DAEMON).get("debug"));
        assertEquals("{\"crun\":{\"path\":\"/usr/bin/crun\"}}", c.get(ConfigurationTable.OCI_RUNTIMES).get("runtimes"));
        assertEquals(2L, c.get(ConfigurationTable.IMAGES).get("max.concurrent.uploads"));
        assertFalse(c.containsKey(ConfigurationTable.LAUNCHER), "the launcher is not a PID");
        assertTrue(c.get(ConfigurationTable.OVERLAY).isEmpty(), "a PID with nothing set is still published");
    }

    /**
     * The table against the bundles the distribution ships: every (PID, property) it publishes is read by a
     * component with that configuration PID (through a method of a configuration annotation its constructor or
     * a method takes, named by DS's rules: {@code data_root()} reads {@code data.root}), and every PID a Wharf
     * component reads is in the table.
     */
    @Test
    void theTableMatchesTheComponentsOfTheShippedBundles() throws IOException {
        Path bundles = Path.of("target/wharf/bundle");
        assertTrue(Files.isDirectory(bundles), "the bundles are laid out before the tests run");
        Map<String, Set<String>> readByPid = new HashMap<>();
        List<java.net.URL> urls = new ArrayList<>();
        try (DirectoryStream<Path> all = Files.newDirectoryStream(bundles, "*.jar")) {
            for (Path jar : all) {
                urls.add(jar.toUri().toURL());
            }
        }
        ClassLoader loader = new java.net.URLClassLoader(urls.toArray(new java.net.URL[0]),
                getClass().getClassLoader());
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(bundles, "io.wharf.*.jar")) {
            for (Path jar : jars) {
                try (ZipFile zip = new ZipFile(jar.toFile())) {
                    for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements();) {
                        ZipEntry entry = e.nextElement();
                        if (entry.getName().startsWith("OSGI-INF/") && entry.getName().endsWith(".xml")) {
                            try (InputStream in = zip.getInputStream(entry)) {
                                component(new String(in.readAllBytes(), StandardCharsets.UTF_8), loader, readByPid);
                            }
                        }
                    }
                }
            }
        }
        assertTrue(readByPid.containsKey(ConfigurationTable.DAEMON), "found the components: " + readByPid.keySet());
        Set<String> tablePids = new HashSet<>();
        List<String> unread = new ArrayList<>();
        for (ConfigurationTable.Row r : ConfigurationTable.ROWS) {
            for (String pid : r.pids()) {
                if (pid.equals(ConfigurationTable.LAUNCHER)) {
                    continue;
                }
                tablePids.add(pid);
                if (!readByPid.getOrDefault(pid, Set.of()).contains(r.property())) {
                    unread.add(r.key() + " -> (" + pid + ", " + r.property() + ")");
                }
            }
        }
        assertEquals(List.of(), unread, "rows no component reads");
        Set<String> untabled = new TreeSet<>(readByPid.keySet());
        untabled.removeAll(tablePids);
        assertEquals(Set.of(), untabled, "PIDs of components that the table never fills");
        assertTrue(readByPid.get(ConfigurationTable.DAEMON).contains(ConfigurationTable.RELOAD_COUNT),
                "the daemon counts reloads");
    }

    private static final Pattern IMPLEMENTATION = Pattern.compile("<implementation class=\"([^\"]+)\"");

    private static void component(String xml, ClassLoader loader, Map<String, Set<String>> readByPid) {
        Matcher head = COMPONENT.matcher(xml);
        if (!head.find()) {
            return;
        }
        Matcher pid = PID.matcher(head.group());
        Matcher impl = IMPLEMENTATION.matcher(xml);
        if (!pid.find() || !impl.find()) {
            return;
        }
        Set<String> props = new HashSet<>();
        Class<?> type;
        try {
            type = Class.forName(impl.group(1), false, loader);
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
        List<Class<?>[]> signatures = new ArrayList<>();
        for (java.lang.reflect.Constructor<?> c : type.getDeclaredConstructors()) {
            signatures.add(c.getParameterTypes());
        }
        for (java.lang.reflect.Method m : type.getDeclaredMethods()) {
            signatures.add(m.getParameterTypes());
        }
        for (Class<?>[] parameters : signatures) {
            for (Class<?> p : parameters) {
                if (p.isAnnotation()) {
                    for (java.lang.reflect.Method m : p.getDeclaredMethods()) {
                        props.add(m.getName().replace("__", "\u0000").replace('_', '.').replace('\u0000', '_'));
                    }
                }
            }
        }
        for (String one : pid.group(1).trim().split("\\s+")) {
            readByPid.computeIfAbsent(one, k -> new HashSet<>()).addAll(props);
        }
    }
}
