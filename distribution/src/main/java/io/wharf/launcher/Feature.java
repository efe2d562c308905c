package io.wharf.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An OSGi feature (Feature Service spec JSON, {@code feature-resource-version 1.0}) as far as the launcher uses
 * it: its id and its bundles with their start order. Other sections (configurations, extensions) are ignored.
 */
record Feature(String id, List<FeatureBundle> bundles) {
    static final int DEFAULT_START_ORDER = 50;

    static Feature read(Path file) throws UsageException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageException("cannot read feature " + file + ": " + e.getMessage());
        }
        try {
            return parse(text);
        } catch (JsonReader.JsonException | IllegalArgumentException e) {
            throw new UsageException("invalid feature " + file + ": " + e.getMessage());
        }
    }

    static Feature parse(String text) throws JsonReader.JsonException {
        Map<String, Object> json = JsonReader.parseObject(text);
        Object version = json.get("feature-resource-version");
        if (version != null && !String.valueOf(version).startsWith("1.")) {
            throw new IllegalArgumentException("unsupported feature-resource-version " + version);
        }
        if (!(json.get("id") instanceof String id)) {
            throw new IllegalArgumentException("missing \"id\"");
        }
        List<FeatureBundle> bundles = new ArrayList<>();
        Object list = json.getOrDefault("bundles", List.of());
        if (!(list instanceof List<?> entries)) {
            throw new IllegalArgumentException("\"bundles\" must be an array");
        }
        for (Object entry : entries) {
            if (entry instanceof String s) {
                bundles.add(FeatureBundle.parse(s, DEFAULT_START_ORDER));
            } else if (entry instanceof Map<?, ?> m && m.get("id") instanceof String s) {
                Object order = m.get("start-order");
                int startOrder = order instanceof Number n ? n.intValue()
                        : order instanceof String o ? Integer.parseInt(o) : DEFAULT_START_ORDER;
                bundles.add(FeatureBundle.parse(s, startOrder));
            } else {
                throw new IllegalArgumentException("a bundle entry needs an \"id\": " + JsonWriter.write(entry));
            }
        }
        return new Feature(id, List.copyOf(bundles));
    }

    /** Finds a feature by name ({@code engine} → {@code <featuresDir>/engine.json}) or by path to a JSON file. */
    static Path locate(String nameOrPath, Path featuresDir) {
        if (nameOrPath.endsWith(".json")) {
            return Path.of(nameOrPath);
        }
        return featuresDir.resolve(nameOrPath + ".json");
    }
}
