package io.wharf.archive.internal;

import io.wharf.archive.InvalidTarEntryException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * Names from an archive turned into paths that cannot leave a root. Archive names are cleaned like moby's
 * {@code filepath.Clean} + {@code Join(root, name)}: a leading "/" is relative to the root (and ".." stops
 * there), while a relative name whose ".." climbs above the root is refused. Directories on the way are
 * resolved inside the root: a symlink is followed as if the root were "/" (the way the container will see
 * it, as moby's {@code FollowSymlinkInScope}): an absolute target starts again at the root and a ".." at the
 * root stays there, so no symlink, however many ".." it holds, can lead to the host.
 */
public final class ScopedPaths {
    private static final int MAX_SYMLINK_HOPS = 255;

    private ScopedPaths() {}

    /** The components of archive name {@code name} relative to the root; empty for the root itself. */
    public static List<String> clean(String name) {
        boolean absolute = name.startsWith("/");
        List<String> out = new ArrayList<>();
        for (String c : name.split("/")) {
            if (c.isEmpty() || c.equals(".")) {
                continue;
            }
            if (c.equals("..")) {
                if (!out.isEmpty()) {
                    out.remove(out.size() - 1);
                } else if (!absolute) {
                    throw new InvalidTarEntryException(name, "path escapes the layer root");
                }
                continue;
            }
            if (c.indexOf('\0') >= 0) {
                throw new InvalidTarEntryException(name, "name contains a NUL byte");
            }
            out.add(c);
        }
        return out;
    }

    /**
     * The directory named by {@code components} under {@code root} with every symlink on the way resolved
     * inside the root. With {@code create}, missing directories are created (mode 0755 less the umask);
     * {@code created} collects them. The result is a path under root whose existing components are real
     * directories (or the first non-directory met, which fails when used).
     */
    public static Path resolveDir(Path root, List<String> components, boolean create, List<Path> created,
            String entryName) throws IOException {
        Deque<String> todo = new ArrayDeque<>(components);
        List<String> resolved = new ArrayList<>();
        int hops = 0;
        while (!todo.isEmpty()) {
            String c = todo.pollFirst();
            if (c.isEmpty() || c.equals(".")) {
                continue;
            }
            if (c.equals("..")) {
                if (!resolved.isEmpty()) {
                    resolved.remove(resolved.size() - 1);
                }
                continue;
            }
            Path candidate = join(root, resolved).resolve(safe(c, entryName));
            BasicFileAttributes attrs = lstat(candidate);
            if (attrs == null) {
                if (create) {
                    Files.createDirectory(candidate);
                    if (created != null) {
                        created.add(candidate);
                    }
                }
                resolved.add(c);
            } else if (attrs.isSymbolicLink()) {
                if (++hops > MAX_SYMLINK_HOPS) {
                    throw new InvalidTarEntryException(entryName, "too many levels of symbolic links");
                }
                String target = Files.readSymbolicLink(candidate).toString();
                if (target.startsWith("/")) {
                    resolved.clear();
                }
                List<String> parts = Arrays.asList(target.split("/"));
                for (int i = parts.size() - 1; i >= 0; i--) {
                    todo.addFirst(parts.get(i));
                }
            } else {
                resolved.add(c);
            }
        }
        return join(root, resolved);
    }

    public static BasicFileAttributes lstat(Path p) throws IOException {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private static Path join(Path root, List<String> components) {
        Path p = root;
        for (String c : components) {
            p = p.resolve(c);
        }
        return p;
    }

    private static String safe(String c, String entryName) {
        try {
            Path.of(c);
            return c;
        } catch (InvalidPathException e) {
            throw new InvalidTarEntryException(entryName, "invalid file name");
        }
    }
}
