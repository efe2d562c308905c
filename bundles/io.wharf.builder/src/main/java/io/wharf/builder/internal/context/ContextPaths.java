package io.wharf.builder.internal.context;

import io.wharf.api.errors.InvalidArgumentException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Paths inside a build context, resolved as if the context were the root: symlinks, absolute or relative, are
 * followed but never lead out of it, as Docker's {@code FollowSymlinkInScope} does.
 */
public final class ContextPaths {
    private static final int MAX_LINKS = 255;

    private ContextPaths() {
    }

    /**
     * The context-relative form of a source path as a Dockerfile names it; a path that climbs out of the
     * context is refused with Docker's message.
     */
    public static String relative(String source) {
        int depth = 0;
        List<String> parts = new ArrayList<>();
        for (String s : source.split("/")) {
            if (s.isEmpty() || s.equals(".")) {
                continue;
            }
            if (s.equals("..")) {
                if (--depth < 0) {
                    throw new InvalidArgumentException("forbidden path outside the build context: " + source
                            + " ()");
                }
                parts.remove(parts.size() - 1);
                continue;
            }
            depth++;
            parts.add(s);
        }
        return String.join("/", parts);
    }

    /** The host path of {@code rel} inside {@code root}, following symlinks in scope (the last one too). */
    public static Path resolve(Path root, String rel) throws IOException {
        Deque<String> todo = new ArrayDeque<>();
        push(todo, rel);
        List<String> done = new ArrayList<>();
        int links = 0;
        while (!todo.isEmpty()) {
            String part = todo.pop();
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!done.isEmpty()) {
                    done.remove(done.size() - 1);
                }
                continue;
            }
            Path candidate = join(root, done).resolve(part);
            if (Files.isSymbolicLink(candidate)) {
                if (++links > MAX_LINKS) {
                    throw new InvalidArgumentException("too many links in " + rel);
                }
                String target = Files.readSymbolicLink(candidate).toString();
                if (target.startsWith("/")) {
                    done.clear();
                }
                push(todo, target);
                continue;
            }
            done.add(part);
        }
        Path p = join(root, done);
        if (!p.normalize().startsWith(root)) {
            throw new InvalidArgumentException("forbidden path outside the build context: " + rel + " ()");
        }
        return p;
    }

    /** The context-relative name of a resolved host path. */
    public static String nameOf(Path root, Path p) {
        return root.relativize(p).toString();
    }

    static boolean exists(Path p) {
        return Files.exists(p, LinkOption.NOFOLLOW_LINKS);
    }

    private static void push(Deque<String> todo, String path) {
        String[] parts = path.split("/");
        for (int i = parts.length - 1; i >= 0; i--) {
            todo.push(parts[i]);
        }
    }

    private static Path join(Path root, List<String> parts) {
        Path p = root;
        for (String s : parts) {
            p = p.resolve(s);
        }
        return p;
    }
}
