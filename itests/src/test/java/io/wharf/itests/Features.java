package io.wharf.itests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the feature descriptions that the distribution also uses, so both start the same bundles. */
public final class Features {
    /** A bundle of a feature: Maven coordinates and start order. */
    public record Entry(String groupId, String artifactId, String version, int startOrder) {
        /** The jar in the local Maven repository, where the build installed it. */
        public Path jar() {
            String repo = System.getProperty("maven.repo.local", System.getProperty("user.home") + "/.m2/repository");
            return Path.of(repo, groupId.replace('.', '/'), artifactId, version, artifactId + "-" + version + ".jar");
        }

        public boolean isWharf() {
            return groupId.equals("io.wharf");
        }
    }

    private Features() {
    }

    public static List<Entry> read(String... names) throws IOException {
        Path dir = Path.of(System.getProperty("wharf.features", "../features/target/features"));
        ObjectMapper mapper = new ObjectMapper();
        List<Entry> out = new ArrayList<>();
        for (String name : names) {
            JsonNode root = mapper.readTree(Files.readString(dir.resolve(name + ".json")));
            for (JsonNode b : root.get("bundles")) {
                String[] gav = b.get("id").asText().split(":");
                int order = b.has("start-order") ? b.get("start-order").asInt() : 50;
                out.add(new Entry(gav[0], gav[1], gav[2], order));
            }
        }
        return out;
    }
}
