package io.wharf.linux.files;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Paths resolved as if a directory were the root of the file system: symbolic links, absolute or relative, are
 * followed, but {@code ..} and absolute targets stop at the root, so the result never lies outside it. This is
 * how a container's files ({@code docker cp}) and a build context are read without trusting their links.
 */
public final class ScopedPaths {
    /** Links followed in one resolution before it is taken for a loop. */
    public static final int MAX_LINKS = 255;

    private ScopedPaths() {
    }

    /**
     * The host path of {@code path} inside {@code root} (which should be a real path: no links in it). The
     * last element is followed only when {@code followLast}. The result need not exist.
     *
     * @throws FileSystemLoopException when more than {@link #MAX_LINKS} links are followed
     */
    public static Path resolve(Path root, String path, boolean followLast) throws IOException {
        Deque<String> todo = new ArrayDeque<>();
        push(todo, path);
        Deque<String> done = new ArrayDeque<>();
        int links = 0;
        while (!todo.isEmpty()) {
            String part = todo.pop();
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!done.isEmpty()) {
                    done.removeLast();
                }
                continue;
            }
            Path candidate = join(root, done).resolve(part);
            boolean last = todo.stream().allMatch(s -> s.isEmpty() || s.equals("."));
            if ((!last || followLast) && Files.isSymbolicLink(candidate)) {
                if (++links > MAX_LINKS) {
                    throw new FileSystemLoopException(path);
                }
                String target = Files.readSymbolicLink(candidate).toString();
                if (target.startsWith("/")) {
                    done.clear();
                }
                push(todo, target);
                continue;
            }
            done.addLast(part);
        }
        return join(root, done);
    }

    private static void push(Deque<String> todo, String path) {
        String[] parts = path.split("/");
        for (int i = parts.length - 1; i >= 0; i--) {
            todo.push(parts[i]);
        }
    }

    private static Path join(Path root, Deque<String> parts) {
        Path p = root;
        for (String s : parts) {
            p = p.resolve(s);
        }
        return p;
    }
}
