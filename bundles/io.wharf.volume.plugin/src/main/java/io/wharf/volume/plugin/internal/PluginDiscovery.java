package io.wharf.volume.plugin.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds plugins the way dockerd does: a socket {@code <name>.sock} or {@code <name>/<name>.sock}, or a spec file
 * {@code <name>.spec} (one URL) or {@code <name>.json} (an object with {@code Addr}) naming a {@code unix://}
 * socket. Directories are searched in order; the first plugin of a name wins.
 */
final class PluginDiscovery {
    private static final Logger LOG = LoggerFactory.getLogger(PluginDiscovery.class);

    private final List<Path> dirs;
    private final ObjectMapper json;

    PluginDiscovery(List<Path> dirs, ObjectMapper json) {
        this.dirs = List.copyOf(dirs);
        this.json = json;
    }

    List<Path> dirs() {
        return dirs;
    }

    /** Plugin names and their sockets, found now. */
    Map<String, Path> scan() {
        Map<String, Path> found = new LinkedHashMap<>();
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                for (Path entry : entries) {
                    consider(entry, found);
                }
            } catch (IOException e) {
                LOG.warn("Cannot read plugin directory {}: {}", dir, e.getMessage());
            }
        }
        return found;
    }

    private void consider(Path entry, Map<String, Path> found) {
        String file = entry.getFileName().toString();
        if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
            Path nested = entry.resolve(file + ".sock");
            if (isSocket(nested)) {
                found.putIfAbsent(file, nested);
            }
        } else if (file.endsWith(".sock") && isSocket(entry)) {
            found.putIfAbsent(strip(file, ".sock"), entry);
        } else if (file.endsWith(".spec")) {
            socketOf(entry, read(entry).trim()).ifPresent(s -> found.putIfAbsent(strip(file, ".spec"), s));
        } else if (file.endsWith(".json")) {
            try {
                JsonNode spec = json.readTree(read(entry));
                socketOf(entry, spec.path("Addr").asText("")).ifPresent(s -> found.putIfAbsent(strip(file, ".json"), s));
            } catch (IOException e) {
                LOG.warn("Plugin spec {} is not JSON: {}", entry, e.getMessage());
            }
        }
    }

    private static java.util.Optional<Path> socketOf(Path spec, String url) {
        if (url.startsWith("unix://")) {
            return java.util.Optional.of(Path.of(url.substring("unix://".length())));
        }
        if (!url.isEmpty()) {
            LOG.warn("Plugin spec {} names {}: only unix:// addresses are supported", spec, url);
        }
        return java.util.Optional.empty();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static boolean isSocket(Path p) {
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
            return a.isOther(); // sockets are neither files, directories nor links
        } catch (IOException e) {
            return false;
        }
    }

    private static String strip(String file, String suffix) {
        return file.substring(0, file.length() - suffix.length());
    }
}
