package io.wharf.daemon.internal.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wharf.api.errors.WharfException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The images present: one record {@code images/<hex>.json} per image (its top layer and when it was last
 * tagged), its config in the content store. An image exists once its record is written, which happens only
 * after its config and layers are complete; the record is removed first when the image is deleted.
 */
final class ImageCatalog {
    /** What is known of one image; {@code config} is the parsed config blob. */
    record Entry(String id, String top, String lastTagTime, String parent, JsonNode config, long created) {
    }

    record Record(String top, String lastTagTime, String parent) {
    }

    private final Path dir;
    private final ContentStore content;
    private final ObjectMapper json;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    ImageCatalog(Path imageRoot, ContentStore content, ObjectMapper json) {
        this.dir = imageRoot.resolve("images");
        this.content = content;
        this.json = json;
        try {
            Files.createDirectories(dir);
            try (var s = Files.list(dir)) {
                for (Path f : s.toList()) {
                    String name = f.getFileName().toString();
                    if (!name.endsWith(".json") || name.startsWith(".")) {
                        Files.deleteIfExists(f);
                        continue;
                    }
                    String id = "sha256:" + name.substring(0, name.length() - 5);
                    if (!content.has(id)) {
                        Files.deleteIfExists(f);   // a record without its config cannot be shown
                        continue;
                    }
                    Record r = json.readValue(f.toFile(), Record.class);
                    entries.put(id, entry(id, r));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the images under " + dir, e);
        }
    }

    private Entry entry(String id, Record r) throws IOException {
        JsonNode config = json.readTree(content.read(id));
        long created = 0;
        String c = config.path("created").asText("");
        if (!c.isEmpty()) {
            try {
                created = java.time.OffsetDateTime.parse(c).toEpochSecond();
            } catch (java.time.format.DateTimeParseException e) {
                created = 0;
            }
        }
        return new Entry(id, r.top(), r.lastTagTime(), r.parent(), config, created);
    }

    Optional<Entry> get(String id) {
        return Optional.ofNullable(entries.get(id));
    }

    boolean exists(String id) {
        return entries.containsKey(id);
    }

    List<Entry> all() {
        return new ArrayList<>(entries.values());
    }

    /** The images whose hex ID starts with {@code prefix}. */
    List<Entry> byPrefix(String prefix) {
        List<Entry> out = new ArrayList<>();
        for (Entry e : entries.values()) {
            if (e.id().startsWith("sha256:" + prefix)) {
                out.add(e);
            }
        }
        return out;
    }

    void put(String id, String top, String parent) {
        Entry old = entries.get(id);
        Record r = new Record(top, old == null ? null : old.lastTagTime(), parent != null ? parent
                : old == null ? null : old.parent());
        write(id, r);
    }

    void touchTagTime(String id, String time) {
        Entry old = entries.get(id);
        if (old != null) {
            write(id, new Record(old.top(), time, old.parent()));
        }
    }

    private void write(String id, Record r) {
        try {
            StoreFiles.write(dir.resolve(ContentStore.hex(id) + ".json"), json.writeValueAsBytes(r));
            entries.put(id, entry(id, r));
        } catch (IOException e) {
            throw new WharfException("cannot record image " + id + ": " + e.getMessage(), e);
        }
    }

    void remove(String id) {
        entries.remove(id);
        ContentStore.deleteQuietly(dir.resolve(ContentStore.hex(id) + ".json"));
    }
}
