package io.wharf.builder.internal;

import io.wharf.api.errors.InvalidArgumentException;
import io.wharf.builder.internal.context.ContextPaths;
import io.wharf.builder.internal.context.ContextStreams;
import io.wharf.builder.internal.context.DockerIgnore;
import io.wharf.linux.crypto.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The sources of one COPY or ADD: files and directories of a tree (the build context, or a stage's or image's
 * files fetched for {@code --from}), here-documents, and downloaded URLs; with the checksum of their content that
 * keys the cache (names, modes and bytes; never times).
 */
final class CopySources {
    enum Kind { FILE, DIR, ARCHIVE }

    /** One source: a host path inside {@code root}, the name it is copied under, and what it is. */
    record Source(Kind kind, Path path, String name) {
    }

    private final Path root;
    private final DockerIgnore ignore;
    final List<Source> sources = new ArrayList<>();

    private final java.util.Map<Path, String> digests;

    /** {@code digests} is the build's memo of file digests, shared by its steps. */
    CopySources(Path root, DockerIgnore ignore, java.util.Map<Path, String> digests) {
        this.root = root;
        this.ignore = ignore;
        this.digests = digests;
    }

    /** Adds the sources a path or wildcard names, relative to the tree's root; {@code add} unpacks archives. */
    void addPattern(String pattern, boolean add, String instruction) throws IOException {
        String rel = ContextPaths.relative(pattern);
        if (hasWildcard(rel)) {
            List<Path> matches = new ArrayList<>();
            glob(root, List.of(rel.split("/")), 0, matches);
            matches.sort(null);
            if (matches.isEmpty()) {
                throw new InvalidArgumentException(instruction + " failed: no source files were specified");
            }
            for (Path m : matches) {
                addPath(m, add);
            }
            return;
        }
        Path p = rel.isEmpty() ? root : ContextPaths.resolve(root, rel);
        if (!Files.exists(p) || (!rel.isEmpty() && ignore.excluded(ContextPaths.nameOf(root, p)))) {
            throw new InvalidArgumentException(instruction + " failed: file not found in build context or excluded "
                    + "by .dockerignore: stat " + rel + ": file does not exist");
        }
        addPath(p, add);
    }

    void addFile(Path file, String name) {
        sources.add(new Source(Kind.FILE, file, name));
    }

    private void addPath(Path p, boolean add) throws IOException {
        Path real = p.equals(root) ? root : p;
        if (Files.isDirectory(real)) {
            sources.add(new Source(Kind.DIR, real, real.getFileName() == null ? "" : real.getFileName().toString()));
        } else if (add && isArchive(real)) {
            sources.add(new Source(Kind.ARCHIVE, real, real.getFileName().toString()));
        } else {
            sources.add(new Source(Kind.FILE, real, real.getFileName().toString()));
        }
    }

    /** The files under a directory source that are not ignored, sorted, as paths relative to it. */
    List<Path> walk(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) {
            s.filter(x -> !x.equals(dir)).sorted().forEach(x -> {
                if (!ignored(x)) {
                    out.add(dir.relativize(x));
                }
            });
        }
        return out;
    }

    private boolean ignored(Path x) {
        if (!x.startsWith(root)) {
            return false;
        }
        return ignore.excluded(ContextPaths.nameOf(root, x));
    }

    /** Docker's description in the history: {@code file:<sha>}, {@code dir:<sha>} or {@code multi:<sha>}. */
    String describe() throws IOException {
        String sum = checksum();
        if (sources.size() == 1) {
            return (sources.get(0).kind() == Kind.DIR ? "dir:" : "file:") + sum;
        }
        return "multi:" + sum;
    }

    String checksum() throws IOException {
        // the files' own digests first, two at a time (hashing is most of a cached COPY's cost)
        List<Path> files = new ArrayList<>();
        for (Source s : sources) {
            if (s.kind() == Kind.DIR) {
                for (Path rel : walk(s.path())) {
                    files.add(s.path().resolve(rel));
                }
            } else {
                files.add(s.path());
            }
        }
        try {
            files.parallelStream().filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS))
                    .forEach(f -> contentDigest(f));
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
        MessageDigest d = Sha256.newDigest();
        for (Source s : sources) {
            update(d, s.kind() + " " + s.name());
            if (s.kind() == Kind.DIR) {
                for (Path rel : walk(s.path())) {
                    hashEntry(d, s.path().resolve(rel), rel.toString());
                }
            } else {
                hashEntry(d, s.path(), "");
            }
        }
        return HexFormat.of().formatHex(d.digest());
    }

    private void hashEntry(MessageDigest d, Path p, String name) throws IOException {
        if (Files.isSymbolicLink(p)) {
            update(d, "L " + name + " " + Files.readSymbolicLink(p));
        } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            update(d, "D " + name + " " + Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS));
        } else {
            update(d, "F " + name + " " + Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) + " "
                    + contentDigest(p));
        }
    }

    /** A file's SHA-256, computed once per build however many steps copy it. */
    private String contentDigest(Path p) {
        String known = digests.get(p);
        if (known != null) {
            return known;
        }
        MessageDigest d = Sha256.newDigest();
        byte[] buf = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(p, LinkOption.NOFOLLOW_LINKS)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                d.update(buf, 0, n);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        String hex = HexFormat.of().formatHex(d.digest());
        digests.put(p, hex);
        return hex;
    }

    private static void update(MessageDigest d, String s) {
        d.update(s.getBytes(StandardCharsets.UTF_8));
        d.update((byte) 0);
    }

    static boolean hasWildcard(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0;
    }

    private void glob(Path dir, List<String> parts, int i, List<Path> out) throws IOException {
        if (i == parts.size()) {
            if (!ignored(dir)) {
                out.add(dir);
            }
            return;
        }
        String part = parts.get(i);
        if (!hasWildcard(part)) {
            Path next = ContextPaths.resolve(root, ContextPaths.nameOf(root, dir.resolve(part)));
            if (Files.exists(next)) {
                glob(next, parts, i + 1, out);
            }
            return;
        }
        if (!Files.isDirectory(dir)) {
            return;
        }
        Pattern p = Pattern.compile(componentRegex(part));
        try (Stream<Path> s = Files.list(dir)) {
            for (Path c : s.sorted().toList()) {
                if (p.matcher(c.getFileName().toString()).matches()) {
                    glob(c, parts, i + 1, out);
                }
            }
        }
    }

    static String componentRegex(String glob) {
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < glob.length(); k++) {
            char c = glob.charAt(k);
            switch (c) {
                case '*' -> b.append("[^/]*");
                case '?' -> b.append("[^/]");
                case '[' -> {
                    int end = glob.indexOf(']', k + 1);
                    if (end < 0) {
                        b.append("\\[");
                    } else {
                        String cls = glob.substring(k + 1, end);
                        b.append('[').append(cls.startsWith("!") ? "^" + cls.substring(1) : cls).append(']');
                        k = end;
                    }
                }
                case '\\' -> {
                    if (k + 1 < glob.length()) {
                        b.append(Pattern.quote(String.valueOf(glob.charAt(++k))));
                    }
                }
                default -> b.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return b.toString();
    }

    /** True when the file is a tar, plain or compressed, that ADD unpacks. */
    static boolean isArchive(Path p) {
        try (InputStream raw = Files.newInputStream(p)) {
            byte[] head = raw.readNBytes(6);
            boolean compressed = ContextStreams.compressed(head, head.length);
            try (InputStream in = compressed ? ContextStreams.decompress(Files.newInputStream(p))
                    : Files.newInputStream(p)) {
                byte[] block = in.readNBytes(512);
                return block.length == 512 && new String(block, 257, 5, StandardCharsets.ISO_8859_1).equals("ustar");
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
