package io.wharf.daemon.internal.container;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wharf.api.errors.ConflictException;
import io.wharf.api.errors.NotFoundException;
import io.wharf.linux.files.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The containers on disk and their indexes: by ID, by name, by ID prefix. Each container's record is written
 * atomically (temp file, rename) to {@code <root>/<id>/config.v2.json}, without waiting for the disk: a record is
 * rewritten at every create, start and exit, and a flush there would cost each `docker run` more than the
 * runtime does. A rename over the record keeps the old or the new one on ext4 even after a power cut; only a
 * container created just before one may be lost, and an unreadable record is skipped at load.
 */
final class ContainerStore {
    static final String RECORD = "config.v2.json";
    /** Prefix of a removed container's directory, renamed out of the way until it is deleted. */
    static final String DISCARDED = ".removed-";

    private final Path root;
    private final ObjectMapper mapper = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final Map<String, Container> byId = new ConcurrentHashMap<>();
    /** Names with the leading slash to IDs; reserving a name is one putIfAbsent. */
    private final Map<String, String> names = new ConcurrentHashMap<>();
    private final List<String> torn = new ArrayList<>();

    ContainerStore(Path root) throws IOException {
        this.root = Files.createDirectories(root);
    }

    Path root() {
        return root;
    }

    /**
     * Whether a record is torn rather than unreadable for another reason: empty, or not JSON text at all. A
     * well-formed record this version cannot map (another version's) is not torn, and is kept.
     */
    private static boolean torn(Path file, IOException e) throws IOException {
        return Files.size(file) == 0 || e instanceof com.fasterxml.jackson.core.JsonParseException;
    }

    /** The IDs of the containers whose records the last {@link #load()} found torn. */
    List<String> torn() {
        return List.copyOf(torn);
    }

    /**
     * Reads every container record. A record that cannot be read is skipped with its directory kept; one that is
     * empty or not JSON at all is torn (a power cut right after it was written: records are not flushed) and
     * listed by {@link #torn()}, for the caller to discard with the container's layer.
     */
    List<Container> load() {
        List<Container> loaded = new ArrayList<>();
        torn.clear();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.toList()) {
                if (dir.getFileName().toString().startsWith(DISCARDED)) {
                    EngineContainerService.deleteTree(dir); // removed before the last stop, not yet deleted
                    continue;
                }
                Path file = dir.resolve(RECORD);
                if (!Files.isRegularFile(file)) {
                    continue;
                }
                try {
                    StoredContainer s = mapper.readValue(file.toFile(), StoredContainer.class);
                    Container c = new Container(s, dir);
                    byId.put(c.id, c);
                    names.put(c.name, c.id);
                    loaded.add(c);
                } catch (IOException e) {
                    if (torn(file, e)) {
                        System.getLogger(ContainerStore.class.getName()).log(System.Logger.Level.WARNING,
                                "container record " + file + " is torn: " + e.getMessage());
                        torn.add(dir.getFileName().toString());
                        continue;
                    }
                    System.getLogger(ContainerStore.class.getName()).log(System.Logger.Level.WARNING,
                            "skipping unreadable container record " + file + ": " + e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return loaded;
    }

    /**
     * Reserves {@code name} for {@code id}.
     *
     * @throws ConflictException with dockerd's words when another container has it
     */
    void reserve(String name, String id) {
        String holder = names.putIfAbsent(name, id);
        if (holder != null && !holder.equals(id)) {
            throw new ConflictException("Conflict. The container name \"" + name
                    + "\" is already in use by container \"" + holder
                    + "\". You have to remove (or rename) that container to be able to reuse that name.");
        }
    }

    void release(String name, String id) {
        names.remove(name, id);
    }

    boolean nameTaken(String name) {
        return names.containsKey(name);
    }

    void add(Container c) {
        byId.put(c.id, c);
        save(c);
    }

    void remove(Container c) {
        byId.remove(c.id);
        names.remove(c.name, c.id);
    }

    List<Container> all() {
        List<Container> list = new ArrayList<>(byId.values());
        list.sort(Comparator.comparing((Container c) -> c.created).reversed());
        return list;
    }

    int size() {
        return byId.size();
    }

    /**
     * The container {@code ref} names: a full ID, a name (with or without slash), or a unique ID prefix, in
     * dockerd's order.
     */
    Container get(String ref) {
        if (ref == null || ref.isEmpty()) {
            throw new NotFoundException("No such container: " + ref);
        }
        Container c = byId.get(ref);
        if (c != null) {
            return c;
        }
        String byName = names.get(ref.startsWith("/") ? ref : "/" + ref);
        if (byName != null && (c = byId.get(byName)) != null) {
            return c;
        }
        Container found = null;
        for (Container each : byId.values()) {
            if (each.id.startsWith(ref)) {
                if (found != null) {
                    throw new io.wharf.api.errors.InvalidArgumentException(
                            "Multiple IDs found with provided prefix: " + ref);
                }
                found = each;
            }
        }
        if (found == null) {
            throw new NotFoundException("No such container: " + ref);
        }
        return found;
    }

    /**
     * Deletes a removed container's directory: renamed at once (the container is gone for any later load, and a
     * deletion cut short is finished by it), its files deleted on {@code background}.
     */
    void discard(String id, java.util.concurrent.Executor background) {
        Path dir = root.resolve(id);
        Path doomed = root.resolve(DISCARDED + id);
        try {
            Files.move(dir, doomed, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            EngineContainerService.deleteTree(dir);
            return;
        }
        try {
            background.execute(() -> EngineContainerService.deleteTree(doomed));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            EngineContainerService.deleteTree(doomed);
        }
    }

    /** Writes the container's record atomically. */
    void save(Container c) {
        if (!Files.isDirectory(c.dir)) {
            return; // removed meanwhile
        }
        try {
            byte[] json = mapper.writeValueAsBytes(c.snapshot());
            Path file = c.dir.resolve(RECORD);
            AtomicFiles.replace(file, json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save container " + c.id + ": " + e.getMessage(), e);
        }
    }

    ObjectMapper mapper() {
        return mapper;
    }
}
