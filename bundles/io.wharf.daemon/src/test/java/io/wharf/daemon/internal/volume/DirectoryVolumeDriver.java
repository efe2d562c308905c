package io.wharf.daemon.internal.volume;

import io.wharf.api.errors.ConflictException;
import io.wharf.api.errors.NotFoundException;
import io.wharf.api.volume.VolumeDriver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/** A minimal real volume driver for the tests: one directory per volume, mounts counted per caller. */
final class DirectoryVolumeDriver implements VolumeDriver {
    private final Path root;
    private final Map<String, Set<String>> mounted = new HashMap<>();

    DirectoryVolumeDriver(Path root) throws IOException {
        this.root = Files.createDirectories(root);
    }

    @Override
    public synchronized VolumeInfo create(String name, Map<String, String> options, Map<String, String> labels) {
        try {
            Files.createDirectories(root.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return get(name);
    }

    @Override
    public synchronized void remove(String name) {
        get(name);
        if (!mounted.getOrDefault(name, Set.of()).isEmpty()) {
            throw new ConflictException("remove " + name + ": volume is in use - " + mounted.get(name));
        }
        try (Stream<Path> s = Files.walk(root.resolve(name))) {
            for (Path p : s.sorted((a, b) -> b.compareTo(a)).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized VolumeInfo get(String name) {
        Path dir = root.resolve(name);
        if (!Files.isDirectory(dir)) {
            throw new NotFoundException("get " + name + ": no such volume");
        }
        return new VolumeInfo(name, dir.toString(), "2024-01-02T03:04:05Z", Map.of(), Map.of(), Map.of());
    }

    @Override
    public synchronized List<VolumeInfo> list() {
        List<VolumeInfo> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(root)) {
            s.forEach(p -> out.add(get(p.getFileName().toString())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    @Override
    public synchronized Path mount(String name, String callerId) {
        get(name);
        mounted.computeIfAbsent(name, k -> new HashSet<>()).add(callerId);
        return root.resolve(name);
    }

    @Override
    public synchronized void unmount(String name, String callerId) {
        mounted.getOrDefault(name, new HashSet<>()).remove(callerId);
    }

    @Override
    public long usage(String name) {
        try (Stream<Path> s = Files.walk(root.resolve(name))) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException e) {
            return -1;
        }
    }

    synchronized boolean isMounted(String name) {
        return !mounted.getOrDefault(name, Set.of()).isEmpty();
    }
}
